/**
 * The cached-rebuild fast paths keep docker's checksums: a directory sum over the context tree's
 * node lists equals the one over a plain directory walk; directories are in the stat cache and
 * a file's "no capability xattr" is remembered; a layer of many small files comes out in a few
 * large chunks.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContextTree, DirTree } from '../../../src/build/context-tree.js';
import { PendingLayer } from '../../../src/build/pending-layer.js';
import { TreeHasher } from '../../../src/build/source-hash.js';
import { StatCache } from '../../../src/build/stat-cache.js';

describe('cached-rebuild fast paths', () => {
  let dir = '';
  let ctxDir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'berth-hash-'));
    ctxDir = join(dir, 'ctx');
    for (let d = 0; d < 3; d++) {
      mkdirSync(join(ctxDir, `d${d}`, 'sub'), { recursive: true });
      for (let f = 0; f < 40; f++) writeFileSync(join(ctxDir, `d${d}`, `f${f}.js`), `module ${d}/${f}\n`);
      writeFileSync(join(ctxDir, `d${d}`, 'sub', 'x'), 'x');
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a dir checksum over the context tree equals the one over a plain directory', () => {
    const tree = ContextTree.create(ctxDir, { patterns: [], dockerfile: '' });
    const fast = new TreeHasher(tree, { zeroOwner: true });
    const plain = new TreeHasher(new DirTree(ctxDir), { zeroOwner: true });
    expect(tree.childNodes('d1').map((n) => n.rel.split('/').pop())).toEqual(tree.children('d1'));
    expect(fast.sourceHash('', '', true)).toBe(plain.sourceHash('', '', true));
    expect(fast.sourceHash('d2', 'd2', true)).toBe(plain.sourceHash('d2', 'd2', true));
  });

  it('directories go through the stat cache, and files remember that they carry no capability', async () => {
    const cache = new StatCache(join(dir, 'stat-cache.json'), ctxDir);
    const tree = ContextTree.create(ctxDir, { patterns: [], dockerfile: '' });
    const sum = new TreeHasher(tree, { zeroOwner: true, statCache: cache }).sourceHash('', '', true);
    expect(cache.get('d0', statSync(join(ctxDir, 'd0')))).toMatchObject({ caps: false });
    expect(cache.get('d0/f1.js', statSync(join(ctxDir, 'd0', 'f1.js')))).toEqual({ sum: expect.stringMatching(/^[0-9a-f]{64}$/), caps: false });
    expect(tree.lookup('d0/f1.js')!.noCaps).toBe(true);
    // a second build served from the cache learns the same, and the sum is unchanged
    const tree2 = ContextTree.create(ctxDir, { patterns: [], dockerfile: '' });
    expect(new TreeHasher(tree2, { zeroOwner: true, statCache: cache }).sourceHash('', '', true)).toBe(sum);
    expect(tree2.lookup('d2/f3.js')!.noCaps).toBe(true);
  });

  it('a layer of many small files is streamed in a few large chunks', async () => {
    const tree = ContextTree.create(ctxDir, { patterns: [], dockerfile: '' });
    const layer = new PendingLayer(new DirTree(join(dir, 'empty-lower')));
    for (const name of tree.children('d0')) layer.put(`d0/${name}`, tree.lookup(`d0/${name}`)!, { uid: 0, gid: 0 });
    layer.ensureDirs('d0', { uid: 0, gid: 0 });
    const chunks: Buffer[] = [];
    // 'data' events: one per piece the stream was given (an async iterator would merge them)
    await new Promise<void>((res, rej) => layer.tar().on('data', (c: Buffer) => chunks.push(c)).on('end', res).on('error', rej));
    const total = chunks.reduce((n, c) => n + c.length, 0);
    expect(total).toBeGreaterThan(41 * 1024); // 41 entries, a header and a content block each
    expect(chunks.length).toBe(1);
  });
});
