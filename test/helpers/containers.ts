/**
 * Container e2e support: a temp root with the demo busybox image, and a cleanup that removes
 * every container (so conmon and runc state go), then checks no mount under the root survived.
 * With TEST_TARGET=docker the image is expected to be present and only containers are removed.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { TARGET, berth, makeRoot, ok } from './cli.js';

export interface ContainerRoot {
  root: string;
  cleanup: () => Promise<void>;
}

export async function containerRoot(prefix = 'berth-ctr-'): Promise<ContainerRoot> {
  const { root, cleanup } = makeRoot(prefix);
  if (TARGET === 'berth') await ok(root, ['image', 'demo', '-q']);
  return {
    root,
    cleanup: async () => {
      await removeAll(root);
      if (TARGET === 'berth') {
        const left = mountsUnder(root);
        if (left.length) throw new Error(`mounts left under ${root}: ${left.join(', ')}`);
        // monitors and exit commands of removed containers and execs finish on their own, briefly
        await until(() => processesUsing(root).length === 0, 15_000, `processes using ${root}: ${processesUsing(root).join(', ')}`);
      }
      cleanup();
    },
  };
}

/** `rm -f` of every container on the root. */
export async function removeAll(root: string): Promise<void> {
  const ids = (await berth(root, ['ps', '-aq', '--no-trunc'])).stdout.split('\n').filter(Boolean);
  if (ids.length) await berth(root, ['rm', '-f', ...ids]);
}

/** PIDs whose command line names the root (conmon's bundle paths, exit commands' --root). */
export function processesUsing(root: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(root)) pids.push(Number(name));
    } catch { /* exited meanwhile */ }
  }
  return pids;
}

export function mountsUnder(root: string): string[] {
  return readFileSync('/proc/self/mountinfo', 'utf8').split('\n').map((l) => l.split(' ')[4] ?? '').filter((p) => p.startsWith(`${root}/`));
}

/** Container directories left on a berth root (none after --rm or a refused create). */
export function containerDirs(root: string): string[] {
  try { return readdirSync(join(root, 'containers')); } catch { return []; }
}

export async function containerIds(root: string): Promise<string[]> {
  return (await ok(root, ['ps', '-aq', '--no-trunc'])).split('\n').filter(Boolean);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Truthy<T> = Exclude<T, false | 0 | '' | null | undefined>;

/** Poll `fn` until it returns truthy; throws with `what` after `timeoutMs`. */
export async function until<T>(fn: () => Promise<T> | T, timeoutMs: number, what: string): Promise<Truthy<T>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v as Truthy<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** `inspect --format` of one container. */
export async function inspectField(root: string, ref: string, format: string): Promise<string> {
  return (await ok(root, ['inspect', '--format', format, ref])).trim();
}
