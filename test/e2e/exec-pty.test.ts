/**
 * `exec -it` on a real pseudo-terminal (node-pty): the exec's own pty, its size following the
 * client's terminal, TERM, the exit code, and ctrl-p ctrl-q leaving the process running.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pty from 'node-pty';
import { BERTH, TARGET, ok } from '../helpers/cli.js';
import { containerRoot, removeAll, until, type ContainerRoot } from '../helpers/containers.js';

/**
 * conmon's exit commands (`berth --root ROOT container cleanup|exec-cleanup …`) run after `rm -f`
 * and would recreate a removed root (createEngine makes it): remove the containers, let those
 * commands finish, then clean up.
 */
async function settle(dir: string): Promise<void> {
  await removeAll(dir);
  const using = () => readdirSync('/proc').filter((p) => /^\d+$/.test(p) && Number(p) !== process.pid).some((p) => {
    try { return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(dir); } catch { return false; }
  });
  await until(() => !using(), 15_000, `exit commands on ${dir}`).catch(() => undefined);
}

let ctx: ContainerRoot;
let root: string;
const terms: pty.IPty[] = [];

beforeAll(async () => {
  ctx = await containerRoot('berth-exec-pty-');
  root = ctx.root;
  await ok(root, ['run', '-d', '--name', 'web', 'busybox', 'sleep', '1000']);
});
afterAll(async () => {
  for (const t of terms.splice(0)) { try { t.kill('SIGKILL'); } catch { /* gone */ } }
  await settle(root);
  await ctx.cleanup();
});

/** The CLI on its own pty; `expect` waits for output written since the previous wait. */
function term(args: string[], size = { cols: 100, rows: 30 }) {
  const [file, argv] = TARGET === 'docker' ? ['docker', args] : [process.execPath, [BERTH, ...args]];
  const t = pty.spawn(file, argv, { ...size, name: 'xterm', env: { ...process.env, BERTH_ROOT: root } as Record<string, string> });
  terms.push(t);
  let out = '';
  let exit: number | undefined;
  let mark = 0;
  t.onData((d) => { out += d; });
  t.onExit(({ exitCode }) => { exit = exitCode; });
  return {
    t,
    async expect(re: RegExp, timeoutMs = 10_000): Promise<string> {
      const seen = await until(() => { const s = out.slice(mark); return re.test(s) ? s : ''; }, timeoutMs, `${re} in ${JSON.stringify(out.slice(mark))}`);
      mark = out.length;
      return seen;
    },
    send(s: string) { t.write(s); },
    exited: () => until(() => exit !== undefined && { code: exit }, 15_000, 'exit').then((e) => e.code),
  };
}

const PROMPT = /\/ # /;

describe('exec -it on a pty', () => {
  it('has its own tty at the terminal size, follows resizes and returns the exit code', async () => {
    const sh = term(['exec', '-it', 'web', 'sh']);
    await sh.expect(PROMPT, 15_000);
    sh.send('tty; echo $TERM\r');
    expect(await sh.expect(/xterm\r?\r\n[^]*\/ # /)).toMatch(/\/dev\/pts\/\d+\r?\r\n/);
    sh.send('stty size\r');
    expect(await sh.expect(/\d+ \d+\r?\r\n[^]*\/ # /)).toMatch(/\b30 100\r/);
    sh.t.resize(120, 40);
    await new Promise((r) => setTimeout(r, 300)); // SIGWINCH → exec resize through conmon's ctl fifo
    sh.send('stty size\r');
    expect(await sh.expect(/\d+ \d+\r?\r\n[^]*\/ # /)).toMatch(/\b40 120\r/);
    sh.send('exit 4\r');
    expect(await sh.exited()).toBe(4);
  });

  it('ctrl-p ctrl-q detaches with docker\'s "read escape sequence" and the process runs on', async () => {
    const sh = term(['exec', '-it', 'web', 'sh', '-c', 'echo $$ > /tmp/detached.pid; exec sh']);
    await sh.expect(PROMPT, 15_000);
    sh.send('\x10\x11');
    await sh.expect(/read escape sequence/);
    expect(await sh.exited()).toBe(1);
    const pid = (await ok(root, ['exec', 'web', 'cat', '/tmp/detached.pid'])).trim();
    expect(await ok(root, ['exec', 'web', 'sh', '-c', `kill -0 ${pid} && echo alive`])).toBe('alive\n');
  });
});
