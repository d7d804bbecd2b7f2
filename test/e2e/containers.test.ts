/**
 * Containers acceptance through the CLI on a temp root (TEST_TARGET=docker runs the same cases
 * against docker): run/ps/logs/stop/start/rm, run's exit-code contract (container code, 125, 126,
 * 127) and refused creates that leave nothing behind.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TARGET, berth, ok } from '../helpers/cli.js';
import { containerDirs, containerIds, containerRoot, inspectField, type ContainerRoot } from '../helpers/containers.js';

let ctx: ContainerRoot;
let root: string;

beforeEach(async () => {
  ctx = await containerRoot();
  root = ctx.root;
});
afterEach(async () => { await ctx.cleanup(); });

/** docker and berth both prefix run's daemon errors with their own name. */
const DAEMON = /^(berth|docker): Error response from daemon: /;

/** A refused create left no container, no name and (berth) no directory. */
async function nothingCreated(): Promise<void> {
  expect(await containerIds(root)).toEqual([]);
  if (TARGET === 'berth') expect(containerDirs(root)).toEqual([]);
}

describe('run, ps, env, --rm', () => {
  it('run -d shows Up in ps; rm refuses a running container with docker\'s message; rm -f works', async () => {
    const id = (await ok(root, ['run', '--name', 'web', '-d', 'busybox', 'sleep', '100'])).trim();
    expect(id).toMatch(/^[a-f0-9]{64}$/);
    const ps = await ok(root, ['ps']);
    const [header, row, extra] = ps.trimEnd().split('\n');
    expect(header).toMatch(/^CONTAINER ID\s+IMAGE\s+COMMAND\s+CREATED\s+STATUS\s+PORTS\s+NAMES$/);
    expect(row).toMatch(new RegExp(`^${id.slice(0, 12)}\\s+busybox\\s+"sleep 100"\\s+.+ago\\s+Up (Less than a second|\\d+ seconds?)\\s+web$`));
    expect(extra).toBeUndefined();

    const rm = await berth(root, ['rm', 'web']);
    expect(rm.code).toBe(1);
    expect(rm.stderr).toBe('Error response from daemon: cannot remove container "/web": container is running: stop the container before removing or force remove\n');
    expect(await ok(root, ['ps', '-q'])).toBe(`${id.slice(0, 12)}\n`);

    expect(await ok(root, ['rm', '-f', 'web'])).toBe('web\n');
    await nothingCreated();
  });

  it('rm of a paused container gives docker\'s paused text', async () => {
    await ok(root, ['run', '--name', 'held', '-d', 'busybox', 'sleep', '100']);
    await ok(root, ['pause', 'held']);
    const rm = await berth(root, ['rm', 'held']);
    expect(rm.code).toBe(1);
    expect(rm.stderr).toBe('Error response from daemon: cannot remove container "/held": container is paused and must be unpaused first\n');
    expect(await ok(root, ['rm', '-f', 'held'])).toBe('held\n');
    await nothingCreated();
  });

  it('command override, -e visible in env, stdout and stderr kept apart without -t', async () => {
    expect(await ok(root, ['run', 'busybox', 'echo', 'override'])).toBe('override\n');
    const env = await ok(root, ['run', '-e', 'K=V', '-e', 'OTHER=a b', 'busybox', 'env']);
    expect(env.split('\n')).toEqual(expect.arrayContaining(['K=V', 'OTHER=a b', expect.stringMatching(/^HOSTNAME=[a-f0-9]{12}$/)]));
    const r = await berth(root, ['run', 'busybox', 'sh', '-c', 'echo out; echo err >&2; echo out2']);
    expect(r).toEqual({ code: 0, stdout: 'out\nout2\n', stderr: 'err\n' });
  });

  it('echo hi | run -i busybox cat prints hi', async () => {
    expect(await berth(root, ['run', '-i', 'busybox', 'cat'], { input: 'hi\n' })).toEqual({ code: 0, stdout: 'hi\n', stderr: '' });
  });

  it('--rm leaves nothing in ps -a (nor on disk)', async () => {
    const r = await berth(root, ['run', '--rm', 'busybox', 'sh', '-c', 'echo gone; exit 2']);
    expect(r).toMatchObject({ code: 2, stdout: 'gone\n', stderr: '' });
    await nothingCreated();
  });

  it('ps -a shows Exited (N) and run returns the container\'s code', async () => {
    const r = await berth(root, ['run', '--name', 'three', 'busybox', 'sh', '-c', 'exit 3']);
    expect(r.code).toBe(3);
    expect(await ok(root, ['ps', '-q'])).toBe('');
    expect(await ok(root, ['ps', '-a', '--format', '{{.Names}} {{.Status}}'])).toMatch(/^three Exited \(3\) (Less than a second|\d+ seconds?) ago\n$/);
    expect(await inspectField(root, 'three', '{{.State.Status}} {{.State.ExitCode}}')).toBe('exited 3');
  });
});

describe('stop, start -a, logs -f', () => {
  it('stop then start -a re-runs the command and streams its output', async () => {
    await ok(root, ['run', '-d', '--name', 'again', 'busybox', 'sh', '-c', 'echo ran; sleep 2; echo finished; exit 5']);
    expect(await ok(root, ['stop', '-t', '0', 'again'])).toBe('again\n');
    // pid 1 ignores SIGTERM without a handler: SIGKILL right away with -t 0
    expect(await inspectField(root, 'again', '{{.State.ExitCode}}')).toBe('137');
    const started = Date.now();
    const r = await berth(root, ['start', '-a', 'again']);
    expect(r).toEqual({ code: 5, stdout: 'ran\nfinished\n', stderr: '' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(await ok(root, ['logs', 'again'])).toBe('ran\nran\nfinished\n');
  });

  it('logs -f follows until the container exits', async () => {
    await ok(root, ['run', '-d', '--name', 'follow', 'busybox', 'sh', '-c', 'for i in 1 2 3; do echo l$i; sleep 0.4; done; echo e >&2; exit 4']);
    const started = Date.now();
    const r = await berth(root, ['logs', '-f', 'follow']);
    expect(r).toEqual({ code: 0, stdout: 'l1\nl2\nl3\n', stderr: 'e\n' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);
    expect(await inspectField(root, 'follow', '{{.State.ExitCode}}')).toBe('4');
  });
});

describe('run exit codes and refused creates', () => {
  it('126 for a file that cannot be executed, 127 for a missing command, with docker\'s text', async () => {
    const noexec = await berth(root, ['run', 'busybox', '/etc/passwd']);
    expect(noexec.code).toBe(126);
    expect(noexec.stderr).toMatch(DAEMON);
    expect(noexec.stderr).toContain('exec: "/etc/passwd": permission denied');
    const missing = await berth(root, ['run', 'busybox', 'nosuchcmd']);
    expect(missing.code).toBe(127);
    expect(missing.stderr).toMatch(DAEMON);
    expect(missing.stderr).toContain('exec: "nosuchcmd": executable file not found in $PATH');
    expect(missing.stderr).toMatch(/\n\nRun '(berth|docker) run --help' for more information\n$/);
    // docker keeps such containers as Created
    expect(await ok(root, ['ps', '-a', '--format', '{{.Status}}'])).toBe('Created\nCreated\n');
  });

  it('a bad -m value is a flag error (125) and nothing is created', async () => {
    const r = await berth(root, ['run', '-m', 'lots', 'busybox', 'true']);
    expect(r.code).toBe(125);
    expect(r.stderr).toMatch(/^invalid argument "lots" for "-m, --memory" flag: invalid size: 'lots'\n/);
    await nothingCreated();
  });

  it('engine refusals exit 125 with clear messages and leave nothing behind', async () => {
    const tiny = await berth(root, ['run', '-m', '1k', 'busybox', 'true']);
    expect(tiny.code).toBe(125);
    expect(tiny.stderr).toMatch(new RegExp(`${DAEMON.source}Minimum memory limit allowed is 6MB\n`));
    const cpus = await berth(root, ['run', '--cpus', '1000', 'busybox', 'true']);
    expect(cpus.code).toBe(125);
    expect(cpus.stderr).toMatch(new RegExp(`${DAEMON.source}Range of CPUs is from 0\\.01 to \\d+\\.00, as there are only \\d+ CPUs available\n`));
    await nothingCreated();
  });

  it('an unknown -u user is refused (125) before anything is created', async () => {
    const user = await berth(root, ['run', '-u', 'nosuchuser', 'busybox', 'true']);
    expect(user.code).toBe(125);
    expect(user.stderr).toContain('unable to find user nosuchuser: no matching entries in passwd file');
    // dockerd looks the user up at start and keeps a Created container; berth checks it at create
    if (TARGET === 'berth') await nothingCreated();
  });

  it('a name already in use is refused with docker\'s message and nothing is created', async () => {
    const id = (await ok(root, ['create', '--name', 'web', 'busybox', 'true'])).trim();
    const r = await berth(root, ['run', '--name', 'web', 'busybox', 'true']);
    expect(r.code).toBe(125);
    expect(r.stderr).toMatch(new RegExp(`${DAEMON.source}Conflict\\. The container name "/web" is already in use by container "${id}"\\. You have to remove \\(or rename\\) that container to be able to reuse that name\\.\n`));
    expect(await containerIds(root)).toEqual([id]);
    if (TARGET === 'berth') expect(containerDirs(root)).toEqual([id]);
  });

  it('a missing image: "Unable to find image" then an error, exit 125, nothing created', async () => {
    const r = await berth(root, ['run', 'nope']);
    expect(r.code).toBe(125);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^Unable to find image 'nope:latest' locally\n${DAEMON.source.slice(1)}`));
    await nothingCreated();
  });
});
