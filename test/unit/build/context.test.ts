import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  buildFilesToRemove, contextTar, keepBuildFiles, parseDockerignore, readIgnoreFile, walkContext,
} from '../../../src/build/context/index.js';
import { collect, listTar } from '../../helpers/tar.js';

let root: string;
beforeEach(async () => { root = await fsp.mkdtemp(join(tmpdir(), 'berth-ctx-')); });
afterEach(async () => { await fsp.rm(root, { recursive: true, force: true }); });

async function tree(files: Record<string, string>): Promise<void> {
  for (const [rel, content] of Object.entries(files)) {
    await fsp.mkdir(join(root, rel, '..'), { recursive: true });
    await fsp.writeFile(join(root, rel), content);
  }
}

async function walk(patterns: string[], dockerfile?: string): Promise<string[]> {
  const out: string[] = [];
  for await (const e of walkContext(root, patterns, { dockerfile })) {
    out.push(e.rel + (e.stat.isDirectory() ? '/' : '') + (e.buildFile ? ' (build file)' : ''));
  }
  return out;
}

describe('.dockerignore.example', () => {
  it('selects exactly the documented paths from a fixture tree', async () => {
    const example = await fsp.readFile(new URL('../../../.dockerignore.example', import.meta.url), 'utf8');
    await tree({
      Dockerfile: 'FROM scratch\n', 'Dockerfile.dev': '', '.dockerignore': example, '.git/HEAD': '', '.git/objects/ab': '',
      'node_modules/pkg/index.js': '', 'build/out.bin': '', 'src/build/gen.js': '', 'src/app.js': '', 'src/debug.log': '',
      'logs/a.log': '', 'logs/readme.txt': '', 'keep/important.log': '', 'keep/other.log': '', 'app.log': '',
      'tmp1/x': '', 'tmp10/y': '', tmp: '', 'coverage.out': '', 'src/coverage.out': '', 'notes.txt~': '', 'src/x.js~': '',
      'docs/README.md': '', 'docs/guide.md': '',
    });
    const { patterns } = await readIgnoreFile(root);
    expect(await walk(patterns)).toEqual([
      '.dockerignore', 'Dockerfile (build file)', 'docs/README.md', 'keep/', 'keep/important.log', 'logs/',
      'logs/readme.txt', 'src/', 'src/app.js', 'src/build/', 'src/build/gen.js', 'src/coverage.out', 'tmp', 'tmp10/', 'tmp10/y',
    ]);
  });
});

describe('walkContext', () => {
  it('descends into an excluded directory only for an exception naming a path inside it', async () => {
    await tree({ 'a/keep.txt': '', 'a/drop.txt': '', 'b/keep.txt': '', 'c/d/keep.txt': '', 'c/d/x': '' });
    expect(await walk(['a', '!a/keep.txt', 'b', '!**/keep.txt', 'c', '!c/d/keep.txt'])).toEqual(['a/keep.txt', 'c/d/keep.txt']);
  });

  it('lets later patterns re-exclude, and walks everything without patterns', async () => {
    await tree({ 'x/1.log': '', 'x/2.log': '', 'y': '' });
    expect(await walk(['x', '!x/*.log', 'x/2.log'])).toEqual(['x/1.log', 'y']);
    expect(await walk([])).toEqual(['x/', 'x/1.log', 'x/2.log', 'y']);
  });

  it('always sends the Dockerfile and .dockerignore, flagging them when ignored', async () => {
    await tree({ '.dockerignore': '*\n', 'sub/app.Dockerfile': '', 'sub/other': '', Dockerfile: '' });
    const patterns = parseDockerignore('*\n');
    expect(await walk(patterns, 'sub/app.Dockerfile')).toEqual(['.dockerignore (build file)', 'sub/app.Dockerfile (build file)']);
    expect(keepBuildFiles(patterns, 'sub/app.Dockerfile')).toEqual(['*', '!.dockerignore', '!sub/app.Dockerfile']);
    expect(buildFilesToRemove(patterns, 'Dockerfile')).toEqual(['.dockerignore', 'Dockerfile']);
    expect(buildFilesToRemove(['*.md'], 'Dockerfile')).toEqual([]);
    expect(await walk(['*.md'])).toEqual(['.dockerignore', 'Dockerfile', 'sub/', 'sub/app.Dockerfile', 'sub/other']);
  });

  it('does not follow symlinks and stops when aborted', async () => {
    await tree({ 'real/f': '' });
    await fsp.symlink('real', join(root, 'link'));
    expect(await walk([])).toEqual(['link', 'real/', 'real/f']);
    const ac = new AbortController();
    ac.abort();
    const it = walkContext(root, [], { signal: ac.signal });
    await expect(it.next()).rejects.toMatchObject({ code: 'CANCELED' });
  });

  it('fails on a malformed pattern', async () => {
    await tree({ f: '' });
    await expect(walk(['[Local-Only]'])).rejects.toThrow('syntax error in pattern');
    await expect(walk(['a['])).rejects.toThrow('syntax error in pattern');
  });
});

describe('readIgnoreFile', () => {
  it('prefers <Dockerfile>.dockerignore beside the Dockerfile over the context one', async () => {
    await tree({ '.dockerignore': 'root-rule\n', 'ci/app.Dockerfile': '', 'ci/app.Dockerfile.dockerignore': 'specific\n' });
    expect(await readIgnoreFile(root, join(root, 'ci/app.Dockerfile'))).toEqual({ patterns: ['specific'], path: join(root, 'ci/app.Dockerfile.dockerignore') });
    expect(await readIgnoreFile(root, join(root, 'Dockerfile'))).toEqual({ patterns: ['root-rule'], path: join(root, '.dockerignore') });
    await fsp.rm(join(root, '.dockerignore'));
    expect(await readIgnoreFile(root)).toEqual({ patterns: [] });
  });
});

describe('contextTar', () => {
  it('writes what the docker CLI sends: uid/gid 0, modes kept, dirs with "/", links', async () => {
    await tree({ 'dir/secret': 'top secret', 'dir/empty': '', Dockerfile: 'FROM scratch\n', 'ignored.tmp': 'x', '.dockerignore': '*.tmp\n' });
    await fsp.chmod(join(root, 'dir/secret'), 0o600);
    await fsp.chmod(join(root, 'dir/empty'), 0o000);
    await fsp.chmod(join(root, 'dir'), 0o750);
    await fsp.symlink('dir/secret', join(root, 'sym'));
    await fsp.link(join(root, 'dir/secret'), join(root, 'hard'));
    const mtime = new Date('2024-05-06T07:08:09.750Z');
    await fsp.utimes(join(root, 'Dockerfile'), mtime, mtime);

    const entries = await listTar(await collect(contextTar(root)));
    const summary = entries.map(({ header: h, content }) =>
      [h.name, h.type, (h.mode ?? 0).toString(8), h.uid, h.gid, h.linkname ?? '', content.toString()]);
    expect(summary).toEqual([
      ['.dockerignore', 'file', '644', 0, 0, '', '*.tmp\n'],
      ['Dockerfile', 'file', '644', 0, 0, '', 'FROM scratch\n'],
      ['dir/', 'directory', '750', 0, 0, '', ''],
      ['dir/empty', 'file', '0', 0, 0, '', ''],
      ['dir/secret', 'file', '600', 0, 0, '', 'top secret'],
      ['hard', 'link', '600', 0, 0, 'dir/secret', ''],
      ['sym', 'symlink', (await fsp.lstat(join(root, 'sym'))).mode.toString(8).slice(-3), 0, 0, 'dir/secret', ''],
    ]);
    expect(entries[1]!.header.mtime?.toISOString()).toBe('2024-05-06T07:08:09.000Z');
  });

  it('uses explicit patterns and the Dockerfile name when given', async () => {
    await tree({ a: '1', b: '2', 'my.Dockerfile': '' });
    const entries = await listTar(await collect(contextTar(root, { patterns: ['*'], dockerfile: 'my.Dockerfile' })));
    expect(entries.map((e) => e.header.name)).toEqual(['my.Dockerfile']);
  });

  it('fails the stream when the context cannot be read', async () => {
    await expect(collect(contextTar(join(root, 'missing')))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
