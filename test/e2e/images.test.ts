/**
 * Foundation acceptance, through the real CLI on a temp root: import → images → history → save →
 * rmi → load restores the same image; bad input leaves the store unchanged with one clear line.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { berth, makeRoot, ok } from '../helpers/cli.js';
import { assertBlobsValid } from '../helpers/store.js';
import { makeTar } from '../helpers/tar.js';
import { readdirSync, existsSync } from 'node:fs';

let root: string;
let cleanup: () => void;
let work: string;

beforeEach(() => {
  ({ root, cleanup } = makeRoot());
  work = join(root, '..', `${root.split('/').pop()}-work`);
  mkdirSync(join(work, 'rootfs', 'etc'), { recursive: true });
  writeFileSync(join(work, 'rootfs', 'etc', 'hello.txt'), 'hello from berth\n'.repeat(100));
  writeFileSync(join(work, 'rootfs', 'data.bin'), Buffer.alloc(5000, 7));
  execFileSync('tar', ['-C', join(work, 'rootfs'), '-cf', join(work, 'rootfs.tar'), '.']);
});

afterEach(async () => {
  await assertBlobsValid(root);
  cleanup();
  execFileSync('rm', ['-rf', work]);
});

describe('image verbs end to end', () => {
  it('import → images → history → save → rmi → load restores the same image', async () => {
    const id = (await ok(root, ['import', '-m', 'first import', '-c', 'CMD ["sh"]', join(work, 'rootfs.tar'), 'demo/app:1.0'])).trim();
    expect(id).toMatch(/^sha256:[a-f0-9]{64}$/);

    const images = await ok(root, ['images']);
    const [header, row] = images.trimEnd().split('\n');
    expect(header).toMatch(/^REPOSITORY\s+TAG\s+IMAGE ID\s+CREATED\s+SIZE$/);
    expect(row).toMatch(new RegExp(`^demo/app\\s+1\\.0\\s+${id.slice(7, 19)}\\s+(Less than a second|1 second|\\d+ seconds) ago\\s+6\\.\\d+kB$`));

    const history = await ok(root, ['history', 'demo/app:1.0']);
    expect(history).toMatch(/IMAGE\s+CREATED\s+CREATED BY\s+SIZE\s+COMMENT/);
    expect(history).toContain('first import');
    // -H=false: the timestamp column is CREATED AT, as docker's non-human table
    expect(await ok(root, ['history', '-H=false', 'demo/app:1.0'])).toMatch(/^IMAGE\s+CREATED AT\s+CREATED BY\s+SIZE\s+COMMENT\n[0-9a-f]{12}\s+\d{4}-\d\d-\d\dT[\d:]+Z\s/);
    expect(history).toContain(id.slice(7, 19));

    const cfg = JSON.parse(await ok(root, ['image', 'inspect', 'demo/app:1.0']))[0];
    expect(cfg.Id).toBe(id);
    expect(cfg.Config.Cmd).toEqual(['sh']);
    expect(cfg.RepoTags).toEqual(['demo/app:1.0']);
    expect(cfg.RootFS.Layers).toHaveLength(1);

    const tarPath = join(work, 'saved.tar');
    await ok(root, ['save', '-o', tarPath, 'demo/app:1.0']);
    expect(await ok(root, ['rmi', 'demo/app:1.0'])).toMatch(/^Untagged: demo\/app:1\.0\nDeleted: sha256:/);
    expect((await ok(root, ['images', '-q']))).toBe('');

    expect(await ok(root, ['load', '-i', tarPath])).toBe('Loaded image: demo/app:1.0\n');
    const again = JSON.parse(await ok(root, ['image', 'inspect', 'demo/app:1.0']))[0];
    expect(again.Id).toBe(id);
    expect(await ok(root, ['history', '--format', '{{.Comment}}', 'demo/app:1.0'])).toBe('first import\n');
  });

  it('load reads from stdin too', async () => {
    await ok(root, ['import', join(work, 'rootfs.tar'), 'x:1']);
    const tar = execFileSync(process.execPath, [join(import.meta.dirname, '../../bin/berth.js'), 'save', 'x:1'], { env: { ...process.env, BERTH_ROOT: root } });
    await ok(root, ['rmi', 'x:1']);
    expect(await ok(root, ['load'], { input: tar })).toBe('Loaded image: x:1\n');
  });

  it('tag, rmi of a multiply-tagged image by ID needs -f, by name only untags', async () => {
    const id = (await ok(root, ['import', join(work, 'rootfs.tar'), 'a:1'])).trim();
    await ok(root, ['tag', 'a:1', 'b:2']);
    const r = await berth(root, ['rmi', id.slice(7, 19)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`Error response from daemon: conflict: unable to delete ${id.slice(7, 19)} (must be forced) - image is referenced in multiple repositories\n`);
    expect(await ok(root, ['rmi', 'b:2'])).toBe('Untagged: b:2\n');
    expect(await ok(root, ['images', '--format', '{{.Repository}}:{{.Tag}}'])).toBe('a:1\n');
    await ok(root, ['tag', 'a:1', 'b:2']);
    const forced = await ok(root, ['rmi', '-f', id]);
    expect(forced).toContain('Untagged: a:1');
    expect(forced).toContain('Untagged: b:2');
    expect(forced).toContain(`Deleted: ${id}`);
  });

  it('images filters and formats', async () => {
    await ok(root, ['import', '-c', 'LABEL tier=web', join(work, 'rootfs.tar'), 'web:1']);
    await ok(root, ['tag', 'web:1', 'other:2']);
    expect(await ok(root, ['images', '--filter', 'reference=web', '--format', '{{.Repository}}'])).toBe('web\n');
    expect(await ok(root, ['images', '-f', 'label=tier=web', '--format', '{{.Tag}}'])).toBe('2\n1\n');
    expect(await ok(root, ['images', '--filter', 'dangling=true', '-q'])).toBe('');
    const json = (await ok(root, ['images', '--format', 'json'])).trim().split('\n').map((l) => JSON.parse(l));
    expect(json[0]).toMatchObject({ Repository: 'other', Tag: '2', Containers: 'N/A' });
  });

  it.each([
    [['rmi', 'nope'], 'Error response from daemon: No such image: nope:latest\n'],
    [['tag', 'Busybox:Latest', 'x'], 'Error response from daemon: invalid reference format: repository name (library/Busybox) must be lowercase\n'],
    [['image', 'inspect', 'nope'], 'Error: No such image: nope\n'],
    [['inspect', 'nope'], 'Error: No such object: nope\n'],
    [['history', 'nope'], 'Error response from daemon: No such image: nope:latest\n'],
  ])('berth %j fails with one clear line', async (args, stderr) => {
    const r = await berth(root, args);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(stderr);
  });

  it.each([
    ['a truncated tar', (b: Buffer) => b.subarray(0, 700)],
    ['a corrupt gzip', (b: Buffer) => { const z = execFileSync('gzip', ['-c'], { input: b }); z[z.length - 20] ^= 0xff; z[40] ^= 0xff; return z; }],
  ])('import of %s fails cleanly and leaves the store unchanged', async (_what, mangle) => {
    const bad = join(work, 'bad.tar');
    writeFileSync(bad, mangle(readFileSync(join(work, 'rootfs.tar'))));
    const r = await berth(root, ['import', bad, 'bad:1']);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(await ok(root, ['images', '-aq'])).toBe('');
  });

  it.each([
    ['a ../ escape', [{ name: '../victim/evil', content: 'x' }]],
    ['a symlink planted then written through', [{ name: 'link', type: 'symlink', linkname: '../victim' }, { name: 'link/evil', content: 'x' }]],
    ['a hardlink to a host file', [{ name: 'h', type: 'link', linkname: '/etc/passwd' }]],
    ['a bare whiteout', [{ name: 'etc/.wh.', content: '' }]],
  ] as [string, Parameters<typeof makeTar>[0]][])('import of a tar with %s is refused and nothing outside the store changes', async (_what, entries) => {
    const victim = join(work, 'victim');
    mkdirSync(victim, { recursive: true });
    writeFileSync(join(victim, 'keep'), 'keep');
    const bad = join(work, 'hostile.tar');
    writeFileSync(bad, await makeTar(entries));
    const r = await berth(root, ['import', bad, 'hostile:1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Error response from daemon: refusing to extract "[^"]+": .+\n$/);
    expect(readdirSync(victim)).toEqual(['keep']);
    expect(await ok(root, ['images', '-aq'])).toBe('');
    expect(existsSync(join(root, 'victim'))).toBe(false);
  });
});
