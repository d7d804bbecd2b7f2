/**
 * The stock docker CLI (v28) against `berth serve`: containers, exec, archive, volumes and df.
 * Where berth's own CLI prints the same thing (ps, volume ls, diff, top, system df), both run on
 * the same root and their outputs are compared. berth-only: under TEST_TARGET=docker the docker
 * CLI already talks to dockerd in the other suites.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import pty from 'node-pty';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok } from '../helpers/cli.js';
import { until } from '../helpers/containers.js';
import { DOCKER, skipServe, startServe, type Served } from '../helpers/serve.js';

let ctx: Served;
const terms: pty.IPty[] = [];
const procs: ChildProcess[] = [];
const docker = (args: string[], input = '') => ctx.docker(args, input);
const own = (args: string[]) => ok(ctx.root, args);
const env = () => ({ ...process.env, DOCKER_HOST: `unix://${ctx.sock}`, DOCKER_CONFIG: join(ctx.root, '.docker') }) as Record<string, string>;

async function must(args: string[], input = ''): Promise<string> {
  const r = await docker(args, input);
  if (r.code !== 0) throw new Error(`docker ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return r.stdout;
}

/** A docker CLI whose output is read while it runs (attach, logs -f). */
function live(args: string[]) {
  const child = spawn(DOCKER, args, { env: env() });
  procs.push(child);
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const code = new Promise<number>((res) => child.on('close', (c) => res(c ?? -1)));
  return { child, out: () => out, code };
}

/** The docker CLI on its own pty (node-pty): type, read, exit code. */
function term(args: string[]) {
  const t = pty.spawn(DOCKER, args, { cols: 100, rows: 30, name: 'xterm', env: env() });
  terms.push(t);
  let out = '';
  let mark = 0;
  let exit: number | undefined;
  t.onData((d) => { out += d; });
  t.onExit(({ exitCode }) => { exit = exitCode; });
  return {
    send: (s: string) => t.write(s),
    resize: (cols: number, rows: number) => t.resize(cols, rows),
    async expect(re: RegExp, ms = 20_000): Promise<string> {
      const seen = await until(() => { const s = out.slice(mark); return re.test(s) ? s : ''; }, ms, `${re} in ${JSON.stringify(out.slice(mark))}`);
      mark = out.length;
      return seen;
    },
    exited: () => until(() => exit !== undefined && { code: exit }, 30_000, 'exit').then((e) => e.code),
  };
}

function freePort(): Promise<number> {
  return new Promise((res) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });
}

/** Drop the columns that move with time (CREATED, STATUS) before comparing two tables. */
const PS_FORMAT = 'table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.Ports}}\t{{.Names}}';

describe.skipIf(skipServe)('docker CLI containers, exec, cp and volumes through berth serve', () => {
  beforeAll(async () => { ctx = await startServe('berth-serve-ctr-'); });
  afterAll(async () => {
    for (const t of terms.splice(0)) { try { t.kill('SIGKILL'); } catch { /* gone */ } }
    for (const p of procs.splice(0)) p.kill('SIGKILL');
    if (ctx) await ctx.stop();
  });

  it('run -d with -e, a named volume, a bind mount, -p and a command override; ps as berth prints it', async () => {
    const port = await freePort();
    const www = join(ctx.root, 'www');
    mkdirSync(www);
    writeFileSync(join(www, 'index.html'), 'served-by-berth\n');
    await must(['volume', 'create', 'data']);
    const id = (await must(['run', '-d', '--name', 'web', '-e', 'GREETING=hello', '-v', 'data:/data', '-v', `${www}:/www`,
      '-p', `127.0.0.1:${port}:80`, 'busybox', 'httpd', '-f', '-p', '80', '-h', '/www'])).trim();
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    const body = await until(() => fetch(`http://127.0.0.1:${port}/`).then((r) => r.text()).catch(() => ''), 20_000, 'httpd');
    expect(body).toBe('served-by-berth\n');
    expect(await must(['exec', 'web', 'sh', '-c', 'echo $GREETING; echo kept > /data/f; cat /data/f'])).toBe('hello\nkept\n');
    expect(await must(['inspect', '-f', '{{json .Config.Cmd}}', 'web'])).toBe('["httpd","-f","-p","80","-h","/www"]\n');
    const ps = await must(['ps', '--format', PS_FORMAT]);
    expect(ps).toMatch(new RegExp(`127\\.0\\.0\\.1:${port}->80/tcp\\s+web\\n`));
    expect(ps).toBe(await own(['ps', '--format', PS_FORMAT]));
  });

  it('exec: output streams split, exit codes, stdin, -d, a missing command is 127, inspect', async () => {
    const r = await docker(['exec', 'web', 'sh', '-c', 'echo out; echo err >&2; exit 3']);
    expect(r).toMatchObject({ code: 3, stdout: 'out\n', stderr: 'err\n' });
    expect(await must(['exec', '-i', 'web', 'cat'], 'piped\n')).toBe('piped\n');
    expect(await must(['exec', '-e', 'X=1', '-w', '/tmp', '-u', '1000', 'web', 'sh', '-c', 'echo $X $(pwd) $(id -u)'])).toBe('1 /tmp 1000\n');
    expect(await must(['exec', '-d', 'web', 'touch', '/tmp/detached'])).toBe('');
    await until(async () => (await docker(['exec', 'web', 'ls', '/tmp/detached'])).code === 0, 20_000, 'detached exec');
    const missing = await docker(['exec', 'web', 'nosuchcmd']);
    expect(missing.code).toBe(127);
    expect(missing.stdout).toMatch(/executable file not found/);
    expect((await docker(['exec', 'nope', 'true'])).stderr).toMatch(/No such container: nope/);
    await must(['create', '--name', 'idle', 'busybox', 'true']);
    expect((await docker(['exec', 'idle', 'true'])).stderr).toMatch(/Error response from daemon: container [0-9a-f]{64} is not running/);
  });

  it('exec -it under a pty: echo hi shows hi, the exit code passes through', async () => {
    const sh = term(['exec', '-it', 'web', 'sh']);
    await sh.expect(/\/ # /);
    sh.send('echo hi\r');
    expect(await sh.expect(/hi\r?\n[^]*\/ # /)).toMatch(/echo hi\r?\r\nhi\r/);
    sh.send('stty size\r');
    expect(await sh.expect(/\d+ \d+\r?\n[^]*\/ # /)).toMatch(/\b30 100\r/);
    sh.resize(120, 40); // SIGWINCH → POST /exec/{id}/resize
    await new Promise((r) => setTimeout(r, 500));
    sh.send('stty size\r');
    expect(await sh.expect(/\d+ \d+\r?\n/)).toMatch(/\b40 120\r/);
    sh.send('exit 5\r');
    expect(await sh.exited()).toBe(5);
  });

  it('exec -it: ctrl-p ctrl-q leaves the process running', async () => {
    const sh = term(['exec', '-it', 'web', 'sh', '-c', 'echo $$ > /tmp/exec.pid; exec sh']);
    await sh.expect(/\/ # /);
    sh.send('\x10\x11');
    expect(await sh.exited()).toBe(1); // the CLI's "read escape sequence"
    const pid = (await must(['exec', 'web', 'cat', '/tmp/exec.pid'])).trim();
    expect((await docker(['exec', 'web', 'kill', '-0', pid])).code).toBe(0);
    await must(['exec', 'web', 'kill', '-9', pid]);
  });

  it('run -it under a pty: typed input, the exit code', async () => {
    const run = term(['run', '-it', '--rm', 'busybox', 'sh']);
    await run.expect(/\/ # /);
    run.send('echo hi-$((40+2))\r');
    await run.expect(/hi-42/);
    run.send('exit 6\r');
    expect(await run.exited()).toBe(6);
  });

  it('attach to a running container gets its output and its exit code', async () => {
    await must(['run', '-d', '--name', 'att', 'busybox', 'sh', '-c', 'while [ ! -f /tmp/go ]; do echo waiting; sleep 0.2; done; echo attached-out; exit 7']);
    const a = live(['attach', 'att']);
    await until(() => a.out().includes('waiting'), 30_000, 'attach output');
    await must(['exec', 'att', 'touch', '/tmp/go']);
    expect(await a.code).toBe(7);
    expect(a.out()).toMatch(/waiting\nattached-out\n$/);
  });

  it('logs -f reads lines as they come and ends when the container stops', async () => {
    await must(['run', '-d', '--name', 'lf', 'busybox', 'sh', '-c', 'echo one; while [ ! -f /tmp/go ]; do sleep 0.1; done; echo two; sleep 0.5; echo three >&2']);
    const f = live(['logs', '-f', 'lf']);
    await until(() => f.out().includes('one\n'), 30_000, 'first line');
    expect(f.out()).not.toContain('two');
    await must(['exec', 'lf', 'touch', '/tmp/go']);
    await until(() => f.out().includes('two\n'), 30_000, 'second line');
    expect(await f.code).toBe(0);
    expect(f.out()).toBe('one\ntwo\nthree\n');
  });

  it('stop, start -a (output and exit code), rm of a running container is refused, rm -f', async () => {
    await must(['run', '-d', '--name', 'st', 'busybox', 'sleep', '1000']);
    expect(await must(['stop', '-t', '1', 'st'])).toBe('st\n');
    expect(await own(['ps', '-a', '--filter', 'name=st', '--format', '{{.Status}}'])).toMatch(/^Exited \(137\) /);
    await must(['create', '--name', 'sa', 'busybox', 'sh', '-c', 'echo started-a; exit 4']);
    const sa = await docker(['start', '-a', 'sa']);
    expect(sa).toMatchObject({ code: 4, stdout: 'started-a\n' });
    await must(['run', '-d', '--name', 'busy', 'busybox', 'sleep', '1000']);
    const refused = await docker(['rm', 'busy']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Error response from daemon: .*container is running/);
    expect(await must(['rm', '-f', 'busy'])).toBe('busy\n');
    expect(await must(['ps', '-a', '--format', '{{.Names}}'])).not.toMatch(/^busy$/m);
  });

  it('cp both ways: a file, a directory, tar streams on stdin and stdout', async () => {
    const host = join(ctx.root, 'cp');
    mkdirSync(join(host, 'dir', 'sub'), { recursive: true });
    writeFileSync(join(host, 'f.txt'), 'file-data\n');
    writeFileSync(join(host, 'dir', 'sub', 'y'), 'deep\n');
    await must(['cp', join(host, 'f.txt'), 'web:/tmp/']);
    await must(['cp', join(host, 'dir'), 'web:/tmp/dir']);
    expect(await must(['exec', 'web', 'cat', '/tmp/f.txt', '/tmp/dir/sub/y'])).toBe('file-data\ndeep\n');
    await must(['cp', 'web:/tmp/f.txt', join(host, 'back.txt')]);
    expect(readFileSync(join(host, 'back.txt'), 'utf8')).toBe('file-data\n');
    await must(['cp', 'web:/tmp/dir', join(host, 'dirback')]);
    expect(readFileSync(join(host, 'dirback', 'sub', 'y'), 'utf8')).toBe('deep\n');
    // `docker cp c:/x -` writes a tar; `docker cp - c:/dir` extracts one read from stdin
    const listed = await shell(`${DOCKER} cp web:/tmp/dir - | tar -t | sort`);
    expect(listed).toBe('dir/\ndir/sub/\ndir/sub/y\n');
    await must(['exec', 'web', 'mkdir', '/tmp/in']);
    await shell(`tar -C ${host} -cf - f.txt | ${DOCKER} cp - web:/tmp/in`);
    expect(await must(['exec', 'web', 'cat', '/tmp/in/f.txt'])).toBe('file-data\n');
    // -a: owned by the container's user (copyUIDGID); without it, by the tar's owner
    await must(['run', '-d', '--user', '1000:1000', '--name', 'usr', 'busybox', 'sleep', '1000']);
    await must(['cp', '-a', join(host, 'f.txt'), 'usr:/tmp/a.txt']);
    await must(['cp', join(host, 'f.txt'), 'usr:/tmp/b.txt']);
    expect(await must(['exec', 'usr', 'stat', '-c', '%n %u:%g', '/tmp/a.txt', '/tmp/b.txt'])).toBe('/tmp/a.txt 1000:1000\n/tmp/b.txt 0:0\n');
    await must(['rm', '-f', 'usr']);
    const missing = await docker(['cp', 'web:/nonexistent', host]);
    expect(missing.stderr).toMatch(/Could not find the file \/nonexistent in container web/);
  });

  it('diff and export as berth prints them', async () => {
    const diff = await must(['diff', 'web']);
    expect(diff).toMatch(/^A \/tmp\/f\.txt$/m);
    expect(diff).toBe(await own(['diff', 'web']));
    const names = (await shell(`${DOCKER} export web | tar -t`)).split('\n');
    expect(names).toEqual(expect.arrayContaining(['bin/busybox', 'tmp/f.txt', 'tmp/dir/sub/y']));
  });

  it('pause/unpause, rename, top (same header as berth), stats --no-stream', async () => {
    await must(['pause', 'web']);
    expect(await must(['ps', '--filter', 'name=web', '--format', '{{.Status}}'])).toMatch(/\(Paused\)/);
    expect((await docker(['exec', 'web', 'true'])).stderr).toMatch(/Container web is paused, unpause the container before exec/);
    expect(await own(['inspect', '-f', '{{.State.Status}}', 'web'])).toBe('paused\n');
    await must(['unpause', 'web']);
    expect(await own(['inspect', '-f', '{{.State.Status}}', 'web'])).toBe('running\n');
    await must(['rename', 'web', 'web2']);
    expect(await own(['ps', '--format', '{{.Names}}'])).toMatch(/^web2$/m);
    const top = await must(['top', 'web2']);
    expect(top.split('\n')[0]).toBe((await own(['top', 'web2'])).split('\n')[0]);
    expect(top).toMatch(/httpd -f -p 80/);
    expect((await must(['top', 'web2', '-o', 'pid,comm'])).split('\n')[0]).toMatch(/^PID\s+COMMAND$/);
    expect(await must(['stats', '--no-stream', '--format', '{{.Name}}'])).toMatch(/^web2$/m);
    const stats = await must(['stats', '--no-stream', 'web2']);
    expect(stats).toMatch(/^CONTAINER ID\s+NAME\s+CPU %\s+MEM USAGE \/ LIMIT\s+MEM %\s+NET I\/O\s+BLOCK I\/O\s+PIDS\n[0-9a-f]{12}\s+web2\s+\d+\.\d\d%/);
    expect((await docker(['rename', 'nope', 'xy'])).stderr).toMatch(/No such container: nope/);
  });

  it('stats streams a sample a second; update changes the restart policy and limits', async () => {
    const st = live(['stats', 'web2', '--format', '{{.Name}} {{.PIDs}}']);
    await until(() => (st.out().match(/web2 \d+/g) ?? []).length >= 2, 30_000, 'two stats samples');
    st.child.kill('SIGTERM');
    expect(await must(['update', '--restart', 'on-failure:3', '--memory', '64m', '--memory-swap', '128m', 'web2'])).toBe('web2\n');
    expect(await own(['inspect', '-f', '{{json .HostConfig.RestartPolicy}} {{.HostConfig.Memory}}', 'web2']))
      .toBe('{"Name":"on-failure","MaximumRetryCount":3} 67108864\n');
    // a later update of one field keeps the others (the CLI sends zeros and an empty policy)
    await must(['update', '--memory', '32m', 'web2']);
    expect(await own(['inspect', '-f', '{{.HostConfig.RestartPolicy.Name}} {{.HostConfig.Memory}}', 'web2'])).toBe('on-failure 33554432\n');
    const quota = await docker(['update', '--cpu-quota', '50000', 'web2']);
    expect(quota).toMatchObject({ code: 1, stderr: 'Error response from daemon: updating CpuQuota is not supported by berth\n' });
    expect((await docker(['update', '--restart', 'always', 'nope'])).stderr).toMatch(/No such container: nope/);
  });

  it('container prune removes the stopped ones only', async () => {
    const stopped = (await must(['ps', '-aq', '--no-trunc', '--filter', 'status=exited'])).trim().split('\n').filter(Boolean);
    expect(stopped.length).toBeGreaterThan(0);
    const out = await must(['container', 'prune', '-f']);
    expect(out).toMatch(/^Deleted Containers:\n/);
    for (const id of stopped) expect(out).toContain(id);
    expect(await must(['ps', '-aq', '--filter', 'status=exited'])).toBe('');
    expect(await must(['ps', '--format', '{{.Names}}'])).toMatch(/^web2$/m);
  });

  it('volume create/ls/inspect/rm/prune as berth prints them', async () => {
    expect(await must(['volume', 'create', '--label', 'team=a', 'v1'])).toBe('v1\n');
    await must(['volume', 'create', 'v2']);
    const ls = await must(['volume', 'ls']);
    expect(ls).toMatch(/^DRIVER\s+VOLUME NAME\n/);
    expect(ls).toMatch(/^local\s+v1$/m);
    expect(ls).toBe(await own(['volume', 'ls']));
    expect(await must(['volume', 'ls', '-q', '--filter', 'label=team=a'])).toBe('v1\n');
    const [inspected] = JSON.parse(await must(['volume', 'inspect', 'v1'])) as { Name: string; Labels: Record<string, string>; Mountpoint: string }[];
    expect(inspected).toMatchObject({ Name: 'v1', Labels: { team: 'a' } });
    const inUse = await docker(['volume', 'rm', 'data']);
    expect(inUse.code).toBe(1);
    expect(inUse.stderr).toMatch(/volume is in use/);
    expect(await must(['volume', 'rm', 'v2'])).toBe('v2\n');
    expect((await docker(['volume', 'inspect', 'v2'])).stderr).toMatch(/no such volume/i);
    // named volumes survive a plain prune (anonymous only), not prune --all
    await must(['volume', 'prune', '-f']);
    expect(await must(['volume', 'ls', '-q'])).toMatch(/^v1$/m);
    const all = await must(['volume', 'prune', '-af']);
    expect(all).toMatch(/Deleted Volumes:\nv1\n/);
    expect(await must(['volume', 'ls', '-q'])).toBe('data\n'); // in use by web2
  });

  it('system df and df -v', async () => {
    const df = await must(['system', 'df']);
    expect(df).toMatch(/^TYPE\s+TOTAL\s+ACTIVE\s+SIZE\s+RECLAIMABLE\n/);
    // an image in use is not reclaimable (SharedSize is known, not -1)
    expect(df).toMatch(/^Images\s+1\s+1\s+\S+\s+0B \(0%\)$/m);
    expect(df).toBe(await own(['system', 'df']));
    const counts = '{{.Type}} {{.TotalCount}} {{.Active}}';
    expect(await must(['system', 'df', '--format', counts])).toBe(await own(['system', 'df', '--format', counts]));
    expect(await must(['system', 'df', '--format', counts])).toMatch(/^Images 1 1\nContainers 1 1\nLocal Volumes 1 1\n/);
    const v = await must(['system', 'df', '-v']);
    expect(v).toMatch(/Images space usage:[^]*busybox\s+latest[^]*Containers space usage:[^]*web2[^]*Local Volumes space usage:[^]*data\s+1/);
    // the build cache section ends with its table header even when empty, as docker prints it
    const cacheHeader = /Build cache usage: \S+\n\nCACHE ID\s+CACHE TYPE\s+SIZE\s+CREATED\s+LAST USED\s+USAGE\s+SHARED\n/;
    expect(v).toMatch(cacheHeader);
    expect(await own(['system', 'df', '-v'])).toMatch(cacheHeader);
  });
});

/** A pipeline through sh with the docker CLI on the served socket (binary tar streams stay bytes). */
function shell(cmd: string): Promise<string> {
  return new Promise((res, rej) => {
    const child = spawn('sh', ['-c', `set -e; ${cmd}`], { env: env() });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => (code === 0 ? res(out) : rej(new Error(`${cmd}: ${code}: ${err}`))));
  });
}
