/**
 * Volumes through the CLI (TEST_TARGET=docker runs the same cases against docker): the seed
 * scenarios (data that outlives its container, source edits seen live, read-only binds, the
 * `-v $(pwd):/app -v /app/node_modules` case), the volume verbs as docker prints them, and bad
 * input refused with docker's texts and nothing left behind.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TARGET, berth, ok } from '../helpers/cli.js';
import { containerIds, containerRoot, inspectField, type ContainerRoot } from '../helpers/containers.js';

let ctx: ContainerRoot;
let root: string;
let host: string;
const tag = Math.random().toString(36).slice(2, 8);
const v = (name: string) => `${name}-${tag}`; // volume names unique per run (docker's are global)

beforeEach(async () => {
  ctx = await containerRoot('berth-vol-');
  root = ctx.root;
  host = mkdtempSync(join(tmpdir(), 'berth-vol-host-'));
});
afterEach(async () => {
  await ctx.cleanup();
  if (TARGET === 'docker') for (const n of (await berth(root, ['volume', 'ls', '-q'])).stdout.split('\n').filter((x) => x.endsWith(tag))) await berth(root, ['volume', 'rm', '-f', n]);
  rmSync(host, { recursive: true, force: true });
});

const volumes = async () => (await ok(root, ['volume', 'ls', '-q'])).split('\n').filter(Boolean);
const DAEMON = /^(berth|docker): Error response from daemon: /;

describe('seed scenarios', () => {
  it('a named volume keeps data from one container to the next, and survives rm, rm -f and prunes', async () => {
    const db = v('dbdata');
    await ok(root, ['run', '--name', 'writer', '-v', `${db}:/var/lib/db`, 'busybox', 'sh', '-c', 'echo "row 1" > /var/lib/db/table']);
    expect(await ok(root, ['run', '--rm', '-v', `${db}:/data`, 'busybox', 'cat', '/data/table'])).toBe('row 1\n');
    await ok(root, ['rm', '-v', 'writer']);
    await ok(root, ['run', '-d', '--name', 'holder', '-v', `${db}:/d`, 'busybox', 'sleep', '60']);
    await ok(root, ['rm', '-f', '-v', 'holder']);
    await ok(root, ['container', 'prune', '-f']);
    await ok(root, ['volume', 'prune', '-f']); // anonymous only: a named volume stays
    expect(await ok(root, ['run', '--rm', '-v', `${db}:/data`, 'busybox', 'cat', '/data/table'])).toBe('row 1\n');
    if (TARGET === 'berth') {
      await ok(root, ['image', 'prune', '-a', '-f']); // takes busybox too: nothing can run after this
      expect(await volumes()).toContain(db);
    }
  });

  it('a bind mount shows the host\'s edits live', async () => {
    writeFileSync(join(host, 'config'), 'one\n');
    const id = (await ok(root, ['run', '-d', '-v', `${host}:/src`, 'busybox', 'sh', '-c', 'cat /src/config; while ! grep -q two /src/config; do sleep 0.1; done; echo seen two'])).trim();
    writeFileSync(join(host, 'config'), 'two\n');
    expect((await ok(root, ['wait', id])).trim()).toBe('0');
    expect(await ok(root, ['logs', id])).toBe('one\nseen two\n');
  });

  it(':ro bind: writing inside fails with EROFS ("Read-only file system"), the host file untouched', async () => {
    writeFileSync(join(host, 'f'), 'orig');
    const r = await berth(root, ['run', '--rm', '-v', `${host}:/data:ro`, 'busybox', 'sh', '-c', 'echo x > /data/f']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('Read-only file system');
    expect(readdirSync(host)).toEqual(['f']);
  });

  it('-v $(pwd):/app -v /app/node_modules keeps the image\'s node_modules, whatever the flag order', async () => {
    await ok(root, ['run', '--name', 'mk', 'busybox', 'sh', '-c', 'mkdir -p /app/node_modules/lib && echo module > /app/node_modules/lib/index.js && echo image-server > /app/server.js']);
    await ok(root, ['commit', 'mk', `nodeapp-${tag}`]);
    writeFileSync(join(host, 'server.js'), 'host-server\n');
    const script = 'cat /app/server.js /app/node_modules/lib/index.js';
    expect(await ok(root, ['run', '--rm', '-v', `${host}:/app`, '-v', '/app/node_modules', `nodeapp-${tag}`, 'sh', '-c', script])).toBe('host-server\nmodule\n');
    expect(await ok(root, ['run', '--rm', '-v', '/app/node_modules', '-v', `${host}:/app`, `nodeapp-${tag}`, 'sh', '-c', script])).toBe('host-server\nmodule\n');
    // the host only gained the (empty) mount point; --rm took the anonymous volumes along
    expect(readdirSync(join(host, 'node_modules'))).toEqual([]);
    expect(await volumes()).toEqual([]);
    await ok(root, ['rm', 'mk']);
    await ok(root, ['rmi', `nodeapp-${tag}`]);
  });
});

describe('volume verbs', () => {
  it('create, ls (table, -q, filters, --format), inspect, rm', async () => {
    const [a, b] = [v('alpha'), v('beta')];
    expect(await ok(root, ['volume', 'create', '--label', 'team=web', a])).toBe(`${a}\n`);
    await ok(root, ['volume', 'create', b]);
    await ok(root, ['create', '--name', 'user', '-v', `${b}:/b`, 'busybox', 'true']);
    const table = await ok(root, ['volume', 'ls', '--filter', `name=${tag}`]);
    expect(table).toBe(`DRIVER    VOLUME NAME\nlocal     ${a}\nlocal     ${b}\n`);
    expect(await ok(root, ['volume', 'ls', '-q', '--filter', 'dangling=true', '--filter', `name=${tag}`])).toBe(`${a}\n`);
    expect(await ok(root, ['volume', 'ls', '-q', '--filter', 'label=team=web'])).toBe(`${a}\n`);
    expect(await ok(root, ['volume', 'ls', '--filter', `name=${a}`, '--format', '{{.Name}} {{.Driver}} {{.Scope}} {{.Labels}} {{.Label "team"}}'])).toBe(`${a} local local team=web web\n`);
    expect(JSON.parse(await ok(root, ['volume', 'inspect', a]))).toEqual([{
      CreatedAt: expect.any(String), Driver: 'local', Labels: { team: 'web' }, Mountpoint: expect.stringMatching(new RegExp(`/volumes/${a}/_data$`)),
      Name: a, Options: expect.anything(), Scope: 'local',
    }]);
    const missing = await berth(root, ['volume', 'inspect', v('nope')]);
    expect(missing).toMatchObject({ code: 1, stdout: '[]\n', stderr: `Error: No such volume: ${v('nope')}\n` });
    expect(await ok(root, ['volume', 'rm', a])).toBe(`${a}\n`);
    expect(await volumes()).toEqual([b]);
  });

  it('rm of a volume in use is refused with docker\'s message, -f too; it goes once its container does', async () => {
    const name = v('busy');
    const id = (await ok(root, ['create', '-v', `${name}:/d`, 'busybox', 'true'])).trim();
    for (const args of [['volume', 'rm', name], ['volume', 'rm', '-f', name]]) {
      const r = await berth(root, args);
      expect(r).toEqual({ code: 1, stdout: '', stderr: `Error response from daemon: remove ${name}: volume is in use - [${id}]\n` });
    }
    await ok(root, ['rm', id]);
    expect(await ok(root, ['volume', 'rm', name])).toBe(`${name}\n`);
    expect(await berth(root, ['volume', 'rm', name])).toMatchObject({ code: 1, stderr: `Error response from daemon: get ${name}: no such volume\n` });
    expect(await berth(root, ['volume', 'rm', '-f', name])).toMatchObject({ code: 0, stdout: `${name}\n` });
  });

  it('prune removes unused anonymous volumes only; -a all unused ones; rm -v an anonymous volume of its container', async () => {
    const named = v('keepme');
    await ok(root, ['volume', 'create', named]);
    await ok(root, ['create', '--name', 'anon', '-v', '/scratch', 'busybox', 'true']);
    const anon = (await inspectField(root, 'anon', '{{range .Mounts}}{{.Name}}{{end}}'));
    expect(anon).toMatch(/^[a-f0-9]{64}$/);
    expect(await inspectField(root, 'anon', '{{range .Mounts}}{{.Type}} {{.Destination}} {{.RW}}{{end}}')).toBe('volume /scratch true');
    await ok(root, ['rm', 'anon']); // without -v the anonymous volume stays, unused
    await ok(root, ['create', '--name', 'anon2', '-v', '/scratch', 'busybox', 'true']);
    const anon2 = await inspectField(root, 'anon2', '{{range .Mounts}}{{.Name}}{{end}}');
    const pruned = await ok(root, ['volume', 'prune', '-f']);
    expect(pruned).toBe(`Deleted Volumes:\n${anon}\n\nTotal reclaimed space: 0B\n`);
    await ok(root, ['rm', '-v', 'anon2']);
    expect(await volumes()).not.toContain(anon2);
    expect(await volumes()).toContain(named);
    expect(await ok(root, ['volume', 'prune', '-a', '-f'])).toContain(`Deleted Volumes:\n${named}\n`);
  });

  it('an image VOLUME gets an anonymous volume filled with the image\'s content there', async () => {
    await ok(root, ['run', '--name', 'mk', 'busybox', 'sh', '-c', 'mkdir /data && echo seeded > /data/seed']);
    await ok(root, ['commit', '-c', 'VOLUME /data', 'mk', `withvol-${tag}`]);
    expect(await ok(root, ['run', '--name', 'user1', `withvol-${tag}`, 'sh', '-c', 'cat /data/seed; echo more > /data/more'])).toBe('seeded\n');
    const name = await inspectField(root, 'user1', '{{range .Mounts}}{{.Name}}{{end}}');
    expect(await ok(root, ['run', '--rm', '-v', `${name}:/v`, 'busybox', 'ls', '/v'])).toBe('more\nseed\n');
    await ok(root, ['rm', '-v', 'user1', 'mk']);
    await ok(root, ['rmi', `withvol-${tag}`]);
  });

  it('--tmpfs, --mount type=tmpfs, a tmpfs volume (-o type=tmpfs) and --volumes-from', async () => {
    expect(await ok(root, ['run', '--rm', '--tmpfs', '/scratch:size=1m', 'busybox', 'sh', '-c', 'grep " /scratch " /proc/mounts | cut -d" " -f3'])).toBe('tmpfs\n');
    expect(await ok(root, ['run', '--rm', '--mount', 'type=tmpfs,dst=/t,tmpfs-size=2m', 'busybox', 'sh', '-c', 'df -k /t | tail -1 | awk "{print \\$2}"'])).toBe('2048\n');
    const ram = v('ram');
    await ok(root, ['volume', 'create', '-d', 'local', '-o', 'type=tmpfs', '-o', 'device=tmpfs', '-o', 'o=size=10m', ram]);
    expect(await ok(root, ['run', '--rm', '-v', `${ram}:/cache`, 'busybox', 'sh', '-c', 'df -k /cache | tail -1 | awk "{print \\$2}"'])).toBe('10240\n');
    await ok(root, ['create', '--name', 'src', '-v', `${v('shared')}:/shared`, 'busybox', 'true']);
    await ok(root, ['run', '--rm', '--volumes-from', 'src', 'busybox', 'sh', '-c', 'echo via-from > /shared/f']);
    const ro = await berth(root, ['run', '--rm', '--volumes-from', 'src:ro', 'busybox', 'sh', '-c', 'cat /shared/f; touch /shared/g']);
    expect(ro.stdout).toBe('via-from\n');
    expect(ro.stderr).toContain('Read-only file system');
  });

  it('inspect Mounts and ps MOUNTS show binds and volumes', async () => {
    mkdirSync(join(host, 'src'));
    await ok(root, ['run', '-d', '--name', 'mnt', '-v', `${join(host, 'src')}:/src:ro`, '-v', `${v('data')}:/data`, 'busybox', 'sleep', '60']);
    const mounts = JSON.parse(await inspectField(root, 'mnt', '{{json .Mounts}}')) as Record<string, unknown>[];
    expect(mounts).toEqual(expect.arrayContaining([
      { Type: 'bind', Source: join(host, 'src'), Destination: '/src', Mode: 'ro', RW: false, Propagation: 'rprivate' },
      expect.objectContaining({ Type: 'volume', Name: v('data'), Destination: '/data', Driver: 'local', Mode: 'z', RW: true }),
    ]));
    const ps = (await ok(root, ['ps', '--no-trunc', '--format', '{{.Mounts}}'])).trim().split(',').sort();
    expect(ps).toEqual([join(host, 'src'), v('data')].sort());
    expect(await ok(root, ['ps', '-q', '--filter', `volume=${v('data')}`])).not.toBe('');
  });
});

describe('bad input: docker\'s errors and nothing created', () => {
  it('relative and missing bind sources, invalid names', async () => {
    const rel = await berth(root, ['run', '--rm', '-v', 'rel/dir:/x', 'busybox', 'true']);
    expect(rel.code).toBe(125);
    expect(rel.stderr).toMatch(DAEMON);
    expect(rel.stderr).toContain('create rel/dir: "rel/dir" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path');
    const missing = await berth(root, ['run', '--rm', '--mount', `type=bind,src=${join(host, 'missing')},dst=/x`, 'busybox', 'true']);
    expect(missing.code).toBe(125);
    expect(missing.stderr).toContain(`invalid mount config for type "bind": bind source path does not exist: ${join(host, 'missing')}`);
    const bad = await berth(root, ['volume', 'create', 'a/b']);
    expect(bad).toMatchObject({ code: 1, stderr: expect.stringContaining('create a/b: "a/b" includes invalid characters for a local volume name') });
    const colons = await berth(root, ['run', '--rm', '-v', '/a:/b:ro:x', 'busybox', 'true']);
    expect(colons.code).toBe(125);
    expect(colons.stderr).toMatch(/^(berth|docker): invalid spec: \/a:\/b:ro:x: too many colons/);
    expect(await containerIds(root)).toEqual([]);
    expect(await volumes()).toEqual([]);
    expect(existsSync(join(host, 'missing'))).toBe(false);
  });
});

describe('system df -v and events (berth)', () => {
  it.skipIf(TARGET === 'docker')('volume sizes and links; create/mount/unmount/destroy events', async () => {
    const name = v('sized');
    await ok(root, ['run', '--name', 'writer', '-v', `${name}:/d`, 'busybox', 'sh', '-c', 'head -c 3000 /dev/zero > /d/f']);
    const df = await ok(root, ['system', 'df', '-v']);
    expect(df).toMatch(new RegExp(`Local Volumes space usage:\\n\\nVOLUME NAME\\s+LINKS\\s+SIZE\\n${name}\\s+1\\s+3kB\\n`));
    await ok(root, ['rm', 'writer']);
    await ok(root, ['volume', 'rm', name]);
    const ev = await ok(root, ['events', '--since', '0', '--until', String(Math.ceil(Date.now() / 1000) + 1), '--filter', 'type=volume', '--format', '{{.Action}} {{.Actor.ID}}']);
    expect(ev).toBe(`create ${name}\nmount ${name}\nunmount ${name}\ndestroy ${name}\n`);
  });
});
