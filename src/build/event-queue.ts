/**
 * A push-to-pull bridge: the builder pushes events as it works, a consumer iterates them at its
 * own pace. Events are buffered (a consumer that never iterates only costs memory), and the
 * iterator ends once the producer closes the queue.
 */
export class EventQueue<T> implements AsyncIterable<T> {
  private readonly buffer: T[] = [];
  private closed = false;
  private wake: (() => void) | undefined;

  push(item: T): void {
    if (this.closed) return;
    this.buffer.push(item);
    this.notify();
  }

  close(): void {
    this.closed = true;
    this.notify();
  }

  private notify(): void {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      while (this.buffer.length) yield this.buffer.shift()!;
      if (this.closed) return;
      await new Promise<void>((resolve) => { this.wake = resolve; });
    }
  }
}
