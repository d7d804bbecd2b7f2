/**
 * `exec` through the real CLI (or docker with TEST_TARGET=docker): output, exit codes 0/3/127,
 * -e/--env-file, -u, -w, --privileged, -i with piped stdin, -d, and docker's refusals.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { berth, ok } from '../helpers/cli.js';
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

beforeAll(async () => {
  ctx = await containerRoot('berth-exec-');
  root = ctx.root;
  await ok(root, ['run', '-d', '--name', 'web', '-e', 'FROM_CTR=1', 'busybox', 'sleep', '1000']);
});
afterAll(async () => {
  await settle(root);
  await ctx.cleanup();
});

const capEff = (text: string) => /^CapEff:\s*(\S+)/m.exec(text)?.[1];

describe('exec', () => {
  it('prints the output and returns the exit code', async () => {
    expect(await berth(root, ['exec', 'web', 'echo', 'hi'])).toEqual({ code: 0, stdout: 'hi\n', stderr: '' });
    expect(await berth(root, ['exec', 'web', 'sh', '-c', 'echo err >&2; exit 3'])).toEqual({ code: 3, stdout: '', stderr: 'err\n' });
    expect((await berth(root, ['container', 'exec', 'web', 'true'])).code).toBe(0);
  });

  it('127 with the runtime message on stdout for a missing command', async () => {
    const r = await berth(root, ['exec', 'web', 'nope']);
    expect(r.code).toBe(127);
    expect(r.stdout).toMatch(/^OCI runtime exec failed: exec failed: unable to start container process: exec: "nope": executable file not found in \$PATH: unknown\r\n$/);
  });

  it('-e and --env-file on top of the container env', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-exec-env-'));
    try {
      writeFileSync(join(dir, 'env'), '# comment\nFROM_FILE=f\nFOO=from-file\n');
      const r = await ok(root, ['exec', '--env-file', join(dir, 'env'), '-e', 'FOO=bar', 'web', 'sh', '-c', 'echo $FOO $FROM_FILE $FROM_CTR']);
      expect(r).toBe('bar f 1\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a bare -e takes the value from our environment, or unsets the variable', async () => {
    const script = ['sh', '-c', 'echo ${FROM_CTR-unset}'];
    expect(await ok(root, ['exec', '-e', 'FROM_CTR', 'web', ...script], { env: { FROM_CTR: 'client' } })).toBe('client\n');
    expect(await ok(root, ['exec', '-e', 'FROM_CTR', 'web', ...script])).toBe('unset\n');
    expect(await ok(root, ['exec', 'web', ...script])).toBe('1\n');
  });

  it('-u, -w and --privileged', async () => {
    expect(await ok(root, ['exec', '-u', 'nobody', 'web', 'id', '-u'])).toBe('65534\n');
    expect(await ok(root, ['exec', '-w', '/tmp', 'web', 'pwd'])).toBe('/tmp\n');
    expect(await ok(root, ['exec', 'web', 'pwd'])).toBe('/\n');
    const plain = capEff(await ok(root, ['exec', 'web', 'cat', '/proc/self/status']))!;
    const priv = capEff(await ok(root, ['exec', '--privileged', 'web', 'cat', '/proc/self/status']))!;
    expect(BigInt(`0x${priv}`)).toBeGreaterThan(BigInt(`0x${plain}`));
  });

  it('forwards piped stdin with -i only', async () => {
    expect(await berth(root, ['exec', '-i', 'web', 'cat'], { input: 'hi\n' })).toEqual({ code: 0, stdout: 'hi\n', stderr: '' });
    expect(await berth(root, ['exec', 'web', 'cat'], { input: 'hi\n' })).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('-t without a terminal on stdin still allocates a tty; -it refuses', async () => {
    expect(await berth(root, ['exec', '-t', 'web', 'tty'])).toEqual({ code: 0, stdout: expect.stringMatching(/^\/dev\/pts\/\d+\r\n$/), stderr: '' });
    expect(await berth(root, ['exec', '-it', 'web', 'sh'])).toEqual({ code: 1, stdout: '', stderr: 'the input device is not a TTY\n' });
  });

  it('-d returns at once and the command runs on', async () => {
    expect(await berth(root, ['exec', '-d', 'web', 'sh', '-c', 'sleep 0.3; echo done > /tmp/d'])).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await until(async () => (await berth(root, ['exec', 'web', 'cat', '/tmp/d'])).stdout, 10_000, 'the detached exec')).toBe('done\n');
  });

  it('refuses unknown users and containers', async () => {
    expect(await berth(root, ['exec', '-u', 'nobodyx', 'web', 'id'])).toEqual({
      code: 1, stdout: '', stderr: 'Error response from daemon: unable to find user nobodyx: no matching entries in passwd file\n',
    });
    expect(await berth(root, ['exec', 'nosuch', 'true'])).toEqual({ code: 1, stdout: '', stderr: 'Error response from daemon: No such container: nosuch\n' });
  });

  it('fails on a stopped container', async () => {
    const id = (await ok(root, ['run', '-d', '--name', 'gone', 'busybox', 'true'])).trim();
    await ok(root, ['wait', 'gone']);
    expect(await berth(root, ['exec', 'gone', 'true'])).toEqual({ code: 1, stdout: '', stderr: `Error response from daemon: container ${id} is not running\n` });
  });
});
