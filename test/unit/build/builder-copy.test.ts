/**
 * Where COPY puts things, checked on the layer tar it produces (no root needed): file vs
 * directory destinations, directory contents, created parents, copy-ups of existing
 * directories with their own attributes, symlinks in the destination resolved inside the image,
 * --chown owners; plus the miss explanations and the TTY progress display.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tar from 'tar-stream';
import { afterAll, describe, expect, it } from 'vitest';
import { ContextTree } from '../../../src/build/context-tree.js';
import { ImageTree } from '../../../src/build/image-tree.js';
import { PendingLayer } from '../../../src/build/pending-layer.js';
import { TreeHasher } from '../../../src/build/source-hash.js';
import { copyInfosFor } from '../../../src/build/copy-sources.js';
import { copyInfo } from '../../../src/build/copy-exec.js';
import { resolveLinks } from '../../../src/build/tree.js';
import { CacheStore } from '../../../src/build/cache-store.js';
import { explainMiss } from '../../../src/build/explain.js';
import { MetaStore } from '../../../src/store/metadata/meta-store.js';
import { TtyProgress } from '../../../src/cli/commands/builder/progress-tty.js';

const tmp: string[] = [];
const dir = (files: Record<string, string | null>) => {
  const d = mkdtempSync(join(tmpdir(), 'berth-copy-unit-'));
  tmp.push(d);
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(join(d, rel, content === null ? '' : '..'), { recursive: true });
    if (content !== null) writeFileSync(join(d, rel), content);
  }
  return d;
};
afterAll(() => { for (const d of tmp) rmSync(d, { recursive: true, force: true }); });

async function entries(layer: PendingLayer): Promise<string[]> {
  const out: string[] = [];
  const ex = tar.extract();
  const done = new Promise<void>((res, rej) => { ex.on('finish', res); ex.on('error', rej); });
  ex.on('entry', (h, s, next) => { out.push(`${h.name} ${(h.mode ?? 0).toString(8)} ${h.uid}:${h.gid}`); s.resume(); s.on('end', next); });
  layer.tar().pipe(ex);
  await done;
  return out;
}

function copy(lower: ImageTree, ctx: ContextTree, sources: string[], dest: string, owner = { uid: 0, gid: 0 }): PendingLayer {
  const layer = new PendingLayer(lower);
  const hasher = new TreeHasher(ctx, { zeroOwner: true });
  const target = { layer, dest, destPath: resolveLinks(layer, dest.replace(/^\//, '')), owner };
  for (const s of sources) for (const info of copyInfosFor(hasher, s, { origin: 'context' })) copyInfo(target, info);
  return layer;
}

describe('COPY placement', () => {
  // directories of the fake image belong to whoever runs the test
  const me = `${process.getuid?.() ?? 0}:${process.getgid?.() ?? 0}`;
  const image = dir({ 'app/': null, 'usr/lib/': null });
  chmodSync(join(image, 'app'), 0o700);
  symlinkSync('/usr/lib', join(image, 'lib'));
  const lower = new ImageTree([image]);
  const ctx = ContextTree.create(dir({ 'a.txt': 'a', 'src/x.js': 'x', 'src/deep/y.js': 'y' }), { patterns: [], dockerfile: '' });

  it('a file to an existing directory, to a new name, and under new parents', async () => {
    expect(await entries(copy(lower, ctx, ['a.txt'], '/app'))).toEqual([`app/ 700 ${me}`, 'app/a.txt 644 0:0']);
    expect(await entries(copy(lower, ctx, ['a.txt'], '/renamed'))).toEqual(['renamed 644 0:0']);
    expect(await entries(copy(lower, ctx, ['a.txt'], '/new/dir/', { uid: 5, gid: 6 }))).toEqual(['new/ 755 5:6', 'new/dir/ 755 5:6', 'new/dir/a.txt 644 5:6']);
  });

  it('a directory\'s contents, not the directory; symlinks in the destination resolve inside the image', async () => {
    expect(await entries(copy(lower, ctx, ['src'], '/lib/js'))).toEqual([
      `usr/ 755 ${me}`, `usr/lib/ 755 ${me}`, 'usr/lib/js/ 755 0:0', 'usr/lib/js/deep/ 755 0:0', 'usr/lib/js/deep/y.js 644 0:0', 'usr/lib/js/x.js 644 0:0',
    ]);
  });

  it('wildcards match each path, not across slashes', async () => {
    expect(await entries(copy(lower, ctx, ['src/*.js'], '/w/'))).toEqual(['w/ 755 0:0', 'w/x.js 644 0:0']);
  });
});

describe('the context as COPY sees it', () => {
  it('keeps .dockerignore exceptions under excluded directories, with their parents', () => {
    const root = dir({ 'keep/important.log': 'i', 'keep/other.log': 'o', 'app.js': 'a', 'Dockerfile': 'FROM x', '.dockerignore': 'keep\n!keep/important.log\nDockerfile\n' });
    const t = ContextTree.create(root, { patterns: ['keep', '!keep/important.log', 'Dockerfile'], dockerfile: 'Dockerfile' });
    expect(t.children('')).toEqual(['.dockerignore', 'app.js', 'keep']);
    expect(t.children('keep')).toEqual(['important.log']);
    expect(t.lookup('Dockerfile')).toBeUndefined(); // sent, then dropped: the patterns exclude it
    expect(t.symlinks).toBe(false);
  });
});

describe('miss explanations', () => {
  it('names the changed file, the build arg, or the instruction', async () => {
    const root = dir({});
    const store = new CacheStore(new MetaStore(root));
    const base = { parent: 'sha256:p', created: '2026-01-01T00:00:00Z', description: '' };
    await store.add({ ...base, key: 'a'.repeat(64), kind: 'COPY', source: 'COPY . .' }, 'sha256:i1', [['a.js', '1'], ['b.js', '2']]);
    await store.add({ ...base, key: 'b'.repeat(64), kind: 'RUN', source: 'RUN make', args: ['V=1'] }, 'sha256:i2');
    const files = (m: Record<string, string>) => new Map(Object.entries(m));
    expect(await explainMiss(store, { parent: 'sha256:p', kind: 'COPY', source: 'COPY . .', files: files({ 'a.js': '1', 'b.js': '3' }) })).toBe('file changed: b.js');
    expect(await explainMiss(store, { parent: 'sha256:p', kind: 'COPY', source: 'COPY . .', files: files({ 'a.js': '1' }) })).toBe('file removed: b.js');
    expect(await explainMiss(store, { parent: 'sha256:p', kind: 'RUN', source: 'RUN make', args: ['V=2'] })).toBe('build arg V changed');
    expect(await explainMiss(store, { parent: 'sha256:p', kind: 'RUN', source: 'RUN make all' })).toBe('instruction changed (last built here: RUN make)');
    expect(await explainMiss(store, { parent: 'sha256:other', kind: 'RUN', source: 'RUN make' })).toBe('not built before on this parent');
  });
});

describe('TTY progress', () => {
  it('draws one line per step with CACHED, the running step\'s output, and redraws in place', () => {
    let text = '';
    const out = { columns: 60, write: (s: string) => { text += s; return true; } } as unknown as NodeJS.WritableStream & { columns: number };
    const p = new TtyProgress(out);
    const ref = (n: number) => ({ step: n, total: 3, stage: 'stage-0', stageStep: n, stageSteps: 3 });
    p.on({ type: 'step', ref: ref(1), text: 'FROM busybox' });
    p.on({ type: 'step-done', ref: ref(1), imageId: 'sha256:1', cached: false, durationMs: 0 });
    p.on({ type: 'step', ref: ref(2), text: 'COPY . .' });
    p.on({ type: 'cached', ref: ref(2) });
    p.on({ type: 'step-done', ref: ref(2), imageId: 'sha256:2', cached: true, durationMs: 0 });
    p.on({ type: 'step', ref: ref(3), text: 'RUN make' });
    p.on({ type: 'miss', ref: ref(3), reason: 'file changed: a' });
    p.on({ type: 'output', ref: ref(3), stream: 'stdout', data: 'compiling\nlinking' });
    expect(text.slice(text.lastIndexOf('[+]'))).toMatch(/=> \[3\/3\] RUN make  \(file changed: a\) +\d\.\ds\n => => # compiling +\n => => # linking +\n$/);
    p.on({ type: 'step-done', ref: ref(3), imageId: 'sha256:3', cached: false, durationMs: 1 });
    p.finish();
    const last = text.slice(text.lastIndexOf('[+]'));
    expect(last).toMatch(/^\[\+\] Building \d+\.\ds \(3\/3\) FINISHED\n => \[1\/3\] FROM busybox +\d\.\ds\n => CACHED \[2\/3\] COPY \. \. +0\.0s\n/);
    expect(last).not.toContain('compiling');
    expect(text).toContain('\x1b[');
  });
});
