/**
 * The filesystem verbs through the CLI, written so TEST_TARGET=docker runs them against docker:
 * cp in and out (file, dir, dir/., renames), trailing-slash and type errors with docker's texts,
 * `-` as a tar on stdin and stdout, cp from a stopped container, ownership from the tar, diff,
 * export (to a file, to a pipe, refused on a terminal), commit then run and history.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BERTH, TARGET, berth, ok } from '../helpers/cli.js';
import { containerRoot, type ContainerRoot } from '../helpers/containers.js';
import { listTar, makeTar } from '../helpers/tar.js';

let ctx: ContainerRoot;
let root: string;
let work: string;
const tag = `${process.pid}`;
const web = `cpweb-${tag}`;
const images: string[] = [];

/** The CLI with binary stdout (tars). */
function raw(args: string[], input?: Buffer): Promise<{ code: number; stdout: Buffer; stderr: string }> {
  const [cmd, argv] = TARGET === 'docker' ? ['docker', args] : [process.execPath, [BERTH, ...args]];
  return new Promise((res, rej) => {
    const child = spawn(cmd, argv, { env: { ...process.env, BERTH_ROOT: root }, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', rej);
    child.on('close', (code) => res({ code: code ?? -1, stdout: Buffer.concat(out), stderr }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? '');
  });
}

const fails = async (args: string[], stderr: string | RegExp) => {
  const r = await berth(root, args);
  expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(1);
  // the docker CLI may log its abandoned tar writer (logrus `time="…" level=error`) first
  const text = TARGET === 'docker' ? r.stderr.replace(/^time=".*\n/gm, '') : r.stderr;
  if (typeof stderr === 'string') expect(text).toBe(`${stderr}\n`);
  else expect(text).toMatch(stderr);
};

beforeAll(async () => {
  ctx = await containerRoot('berth-cp-e2e-');
  root = ctx.root;
  work = mkdtempSync(join(tmpdir(), 'berth-cp-e2e-work-'));
  mkdirSync(join(work, 'dir', 'sub'), { recursive: true });
  writeFileSync(join(work, 'dir', 'a.txt'), 'A\n');
  writeFileSync(join(work, 'dir', 'sub', 'b.txt'), 'B\n');
  writeFileSync(join(work, 'file.txt'), 'hello\n');
  chownSync(join(work, 'file.txt'), 1234, 5678);
  await ok(root, ['run', '-d', '--name', web, 'busybox', 'sleep', '1000']);
});

afterAll(async () => {
  for (const i of images) await berth(root, ['rmi', '-f', i]);
  await ctx.cleanup();
  rmSync(work, { recursive: true, force: true });
});

describe('cp', () => {
  it('copies a file in and out, renaming as asked', async () => {
    await ok(root, ['cp', join(work, 'file.txt'), `${web}:/tmp/`]);
    await ok(root, ['cp', join(work, 'file.txt'), `${web}:/tmp/renamed.txt`]);
    await ok(root, ['cp', `${web}:/tmp/file.txt`, join(work, 'out.txt')]);
    expect(readFileSync(join(work, 'out.txt'), 'utf8')).toBe('hello\n');
    mkdirSync(join(work, 'into'));
    await ok(root, ['cp', `${web}:/tmp/renamed.txt`, join(work, 'into')]);
    expect(readdirSync(join(work, 'into'))).toEqual(['renamed.txt']);
    // without -a the tar's owner is kept (dockerd's default), out on the host it is the caller's
    const [entry] = await listTar((await raw(['cp', `${web}:/tmp/file.txt`, '-'])).stdout);
    expect([entry!.header.uid, entry!.header.gid]).toEqual([1234, 5678]);
    expect(statSync(join(work, 'out.txt')).uid).toBe(process.getuid!());
  });

  it('copies a symlink as a symlink, or what it points at with -L', async () => {
    await ok(root, ['exec', web, 'ln', '-s', '/etc/passwd', '/tmp/pwlink']);
    await ok(root, ['cp', `${web}:/tmp/pwlink`, join(work, 'link')]);
    expect(readlinkSync(join(work, 'link'))).toBe('/etc/passwd');
    await ok(root, ['cp', '-L', `${web}:/tmp/pwlink`, join(work, 'followed')]);
    expect(readFileSync(join(work, 'followed'), 'utf8')).toMatch(/^root:x:0:0:/);
    mkdirSync(join(work, 'links'));
    await ok(root, ['cp', '-L', `${web}:/tmp/pwlink`, join(work, 'links')]);
    expect(readdirSync(join(work, 'links'))).toEqual(['pwlink']); // the link's name, the target's content
    expect(lstatSync(join(work, 'links', 'pwlink')).isFile()).toBe(true);
  });

  it('copies a directory, or its contents with dir/.', async () => {
    await ok(root, ['cp', join(work, 'dir'), `${web}:/tmp/d1`]);
    await ok(root, ['exec', web, 'mkdir', '/tmp/d2']);
    await ok(root, ['cp', join(work, 'dir'), `${web}:/tmp/d2`]);
    await ok(root, ['cp', `${join(work, 'dir')}/.`, `${web}:/tmp/d2`]);
    const names = async (p: string) => (await listTar((await raw(['cp', `${web}:${p}`, '-'])).stdout)).map((e) => e.header.name).sort();
    expect(await names('/tmp/d1')).toEqual(['d1/', 'd1/a.txt', 'd1/sub/', 'd1/sub/b.txt']);
    expect(await names('/tmp/d2')).toEqual(['d2/', 'd2/a.txt', 'd2/dir/', 'd2/dir/a.txt', 'd2/dir/sub/', 'd2/dir/sub/b.txt', 'd2/sub/', 'd2/sub/b.txt']);
    expect(await names('/tmp/d1/.')).toEqual(['./', './a.txt', './sub/', './sub/b.txt']);
    await ok(root, ['cp', `${web}:/tmp/d1/.`, join(work, 'contents')]);
    expect(readdirSync(join(work, 'contents')).sort()).toEqual(['a.txt', 'sub']);
    await ok(root, ['cp', `${web}:/tmp/d1`, join(work, 'contents')]);
    expect(readdirSync(join(work, 'contents')).sort()).toEqual(['a.txt', 'd1', 'sub']);
  });

  it('reports trailing-slash and type mismatches as docker does', async () => {
    await fails(['cp', join(work, 'file.txt'), `${web}:/nope/`], 'no such directory');
    await fails(['cp', join(work, 'file.txt'), `${web}:/nope/x`], `Error response from daemon: Could not find the file /nope in container ${web}`);
    await fails(['cp', join(work, 'dir'), `${web}:/etc/passwd`], 'cannot copy directory');
    // dockerd 28 stats inside the container's root; 20.10 named its host path (…/merged/etc/passwd/)
    await fails(['cp', `${web}:/etc/passwd/`, join(work, 'x')], TARGET === 'docker'
      ? /^Error response from daemon: lstat (\/.*\/merged)?\/etc\/passwd\/: not a directory\n$/
      : 'Error response from daemon: lstat /etc/passwd/: not a directory');
    await fails(['cp', `${web}:/etc/passwd`, join(work, 'nodir') + '/'], 'no such directory');
    await fails(['cp', `${web}:/etc/passwd`, join(work, 'no', 'such', 'x')], `invalid output path: directory "${join(work, 'no', 'such')}" does not exist`);
    await fails(['cp', `${web}:/nope`, work], `Error response from daemon: Could not find the file /nope in container ${web}`);
    await fails(['cp', `${web}:/etc`, `${web}:/tmp`], 'copying between containers is not supported');
    await fails(['cp', join(work, 'a'), join(work, 'b')], 'must specify at least one container source');
  });

  it('reads and writes tars with -', async () => {
    const out = await raw(['cp', `${web}:/etc/passwd`, '-']);
    expect(out.code).toBe(0);
    const [passwd] = await listTar(out.stdout);
    expect(passwd!.header.name).toBe('passwd');
    expect(passwd!.content.toString()).toMatch(/^root:x:0:0:/);
    const tar = await makeTar([{ name: 'fromtar/', type: 'directory' }, { name: 'fromtar/t.txt', content: 'via stdin\n' }]);
    expect((await raw(['cp', '-', `${web}:/tmp`], tar)).code).toBe(0);
    const [, t] = await listTar((await raw(['cp', `${web}:/tmp/fromtar`, '-'])).stdout);
    expect(t!.content.toString()).toBe('via stdin\n');
    await fails(['cp', '-', `${web}:/tmp/fromtar/t.txt`], `destination "${web}:/tmp/fromtar/t.txt" must be a directory`);
  });

  it('prints the progress line when not quiet', async () => {
    const r = await berth(root, ['cp', '--quiet=false', `${web}:/etc/passwd`, join(work, 'pw')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`^Successfully copied [0-9.]+k?B to ${join(work, 'pw')}\\n$`));
  });

  it('copies from a stopped container', async () => {
    const name = `cpstopped-${tag}`;
    await ok(root, ['run', '--name', name, 'busybox', 'sh', '-c', 'echo kept > /kept.txt']);
    await ok(root, ['cp', `${name}:/kept.txt`, join(work, 'kept.txt')]);
    expect(readFileSync(join(work, 'kept.txt'), 'utf8')).toBe('kept\n');
    await ok(root, ['cp', join(work, 'file.txt'), `${name}:/`]);
    expect((await raw(['cp', `${name}:/file.txt`, '-'])).code).toBe(0);
  });
});

describe('diff, export, commit', () => {
  const made = `cpmade-${tag}`;
  beforeAll(async () => {
    await ok(root, ['run', '--name', made, 'busybox', 'sh', '-c', 'echo hi > /tmp/x; rm /bin/ls']);
  });

  it('diff lists the changes', async () => {
    // docker's own order follows Go map iteration; compare sorted
    const lines = (await ok(root, ['diff', made])).trimEnd().split('\n').sort();
    expect(lines).toEqual(['A /tmp/x', 'C /bin', 'C /tmp', 'D /bin/ls']);
  });

  it('export writes the root filesystem as a tar, and refuses a terminal', async () => {
    await ok(root, ['export', '-o', join(work, 'exp.tar'), made]);
    const listed = execFileSync('tar', ['-tf', join(work, 'exp.tar')], { encoding: 'utf8' }).split('\n');
    expect(listed).toContain('bin/busybox');
    expect(listed).toContain('tmp/x');
    const piped = await raw(['export', made]);
    expect((await listTar(piped.stdout)).map((e) => e.header.name)).toContain('bin/busybox');
    const cli = TARGET === 'docker' ? 'docker' : `${process.execPath} ${BERTH}`;
    const tty = execFileSync('script', ['-qec', `${cli} export ${made}; echo "rc=$?"`, '/dev/null'], { env: { ...process.env, BERTH_ROOT: root }, encoding: 'utf8' });
    expect(tty).toContain('cowardly refusing to save to a terminal. Use the -o flag or redirect');
    expect(tty).toContain('rc=1');
  });

  it('commit makes an image that runs with the change and shows in history', async () => {
    const image = `committed-${tag}`;
    images.push(image);
    const id = (await ok(root, ['commit', '-m', 'my message', '-a', 'berth tests', '-c', 'CMD ["cat", "/tmp/x"]', made, image])).trim();
    expect(id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await ok(root, ['run', '--rm', image])).toBe('hi\n');
    expect((await berth(root, ['run', '--rm', image, 'ls', '/bin/ls'])).code).not.toBe(0);
    const history = (await ok(root, ['history', '--format', '{{.ID}}|{{.Comment}}|{{.CreatedBy}}', '--no-trunc', image])).split('\n');
    expect(history[0]).toBe(`${id}|my message|sh -c echo hi > /tmp/x; rm /bin/ls`);
    expect(await ok(root, ['image', 'inspect', '-f', '{{.Author}}', image])).toBe('berth tests\n');
    const config = JSON.parse(await ok(root, ['image', 'inspect', '-f', '{{json .Config}}', image]));
    expect(config.Cmd).toEqual(['cat', '/tmp/x']);
    expect(Object.keys(config)).not.toContain('Hostname');
  });
});
