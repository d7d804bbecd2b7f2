/** Run async jobs with at most `n` in flight (docker's max-concurrent-downloads/uploads). */
export function limiter(n: number): <T>(job: () => Promise<T>, onQueued?: () => void) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(job: () => Promise<T>, onQueued?: () => void): Promise<T> => {
    if (active >= n) {
      onQueued?.();
      await new Promise<void>((res) => waiting.push(res));
    }
    active++;
    try {
      return await job();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}
