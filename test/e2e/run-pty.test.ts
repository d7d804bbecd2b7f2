/**
 * `run -it` on a real pseudo-terminal (node-pty): the container's tty, its size and resizes,
 * ctrl-c reaching the foreground job, ctrl-p ctrl-q detaching, `attach` and the exit code.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import pty from 'node-pty';
import { BERTH, TARGET, berth, ok } from '../helpers/cli.js';
import { containerIds, containerRoot, until, type ContainerRoot } from '../helpers/containers.js';

let ctx: ContainerRoot;
let root: string;
const terms: pty.IPty[] = [];

beforeEach(async () => {
  ctx = await containerRoot('berth-pty-');
  root = ctx.root;
});
afterEach(async () => {
  for (const t of terms.splice(0)) { try { t.kill('SIGKILL'); } catch { /* gone */ } }
  await ctx.cleanup();
});

/** A CLI process on its own pty, with its output collected and its exit recorded. */
function term(args: string[], size = { cols: 100, rows: 30 }) {
  const [file, argv] = TARGET === 'docker' ? ['docker', args] : [process.execPath, [BERTH, ...args]];
  const t = pty.spawn(file, argv, { ...size, name: 'xterm', env: { ...process.env, BERTH_ROOT: root } as Record<string, string> });
  terms.push(t);
  let out = '';
  let exit: number | undefined;
  t.onData((d) => { out += d; });
  t.onExit(({ exitCode }) => { exit = exitCode; });
  let mark = 0;
  return {
    t,
    /** Wait until output written since the last wait matches `re`; returns that output. */
    async expect(re: RegExp, timeoutMs = 10_000): Promise<string> {
      const seen = await until(() => { const s = out.slice(mark); return re.test(s) ? s : ''; }, timeoutMs, `${re} in ${JSON.stringify(out.slice(mark))}`);
      mark = out.length;
      return seen;
    },
    send(s: string) { t.write(s); },
    exited: () => until(() => exit !== undefined && { code: exit }, 15_000, 'exit').then((e) => e.code),
    get exitCode() { return exit; },
  };
}

const PROMPT = /\/ # /;

describe('run -it on a pty', () => {
  it('tty, size, resize, ctrl-c, detach, attach and exit code', async () => {
    const run = term(['run', '-it', '--name', 'tt', 'busybox', 'sh']);
    await run.expect(PROMPT, 15_000);
    run.send('tty\r');
    expect(await run.expect(/\/dev\/pts\/\d+\r?\r\n[^]*\/ # /)).toMatch(/\/dev\/pts\/0\r/);
    run.send('stty size\r');
    expect(await run.expect(/\d+ \d+\r?\r\n[^]*\/ # /)).toMatch(/\b30 100\r/);
    run.t.resize(120, 40);
    await new Promise((r) => setTimeout(r, 300)); // SIGWINCH → resize through conmon's ctl fifo
    run.send('stty size\r');
    expect(await run.expect(/\d+ \d+\r?\r\n[^]*\/ # /)).toMatch(/\b40 120\r/);

    // ctrl-c goes to the container's foreground job; the shell survives it
    run.send('sleep 30\r');
    await run.expect(/sleep 30/);
    await new Promise((r) => setTimeout(r, 300));
    const before = Date.now();
    run.send('\x03');
    await run.expect(PROMPT, 5_000);
    expect(Date.now() - before).toBeLessThan(5_000);
    run.send('echo after-$((40+2))\r');
    await run.expect(/after-42/);
    expect(run.exitCode).toBeUndefined();

    // ctrl-p ctrl-q: the CLI leaves, the container keeps running
    run.send('\x10\x11');
    expect(await run.exited()).toBe(0);
    expect(await ok(root, ['ps', '--format', '{{.Names}} {{.Status}}'])).toMatch(/^tt Up /);

    const att = term(['attach', 'tt']);
    att.send('echo back-$((1+1))\r');
    await att.expect(/back-2/);
    att.send('exit 3\r');
    expect(await att.exited()).toBe(3);
    expect(await ok(root, ['ps', '-a', '--format', '{{.Names}} {{.Status}}'])).toMatch(/^tt Exited \(3\) /);
  });

  it('run -it with a non-tty stdin: "the input device is not a TTY", nothing created', async () => {
    const r = await berth(root, ['run', '-it', 'busybox', 'sh'], { input: 'echo hi\n' });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('the input device is not a TTY\n');
    expect(await containerIds(root)).toEqual([]);
  });
});
