/**
 * Layer analysis over layer directories built in a temp dir, as snapshots look: overlay
 * whiteouts are char devices 0/0 and opaque directories carry trusted.overlay.opaque (both need
 * root, so those cases also run over in-memory layers, which need nothing).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LayerReplay, type LayerSource, type SourceEntry } from '../../../src/image/layer-analysis-core.js';
import { snapshotSource } from '../../../src/image/layer-analysis-fs.js';
import { lsetxattr, mknodChar } from '../../../src/lib/native.js';
import type { LayerFileChange } from '../../../src/types/layer-analysis.js';

const isRoot = process.getuid?.() === 0;
const tmp: string[] = [];
afterEach(() => { for (const d of tmp.splice(0)) rmSync(d, { recursive: true, force: true }); });

/** Layer dirs from specs: "path" → content string, null = whiteout, "dir/" = directory, "dir/*" = opaque dir. */
function layerDirs(specs: Record<string, string | null>[]): string[] {
  const base = mkdtempSync(join(tmpdir(), 'berth-la-'));
  tmp.push(base);
  return specs.map((spec, i) => {
    const dir = join(base, String(i));
    mkdirSync(dir);
    for (const [p, v] of Object.entries(spec)) {
      if (p.endsWith('/*')) { mkdirSync(join(dir, p.slice(0, -2)), { recursive: true }); lsetxattr(join(dir, p.slice(0, -2)), 'trusted.overlay.opaque', Buffer.from('y')); continue; }
      if (p.endsWith('/')) { mkdirSync(join(dir, p), { recursive: true }); continue; }
      mkdirSync(join(dir, p, '..'), { recursive: true });
      if (v === null) mknodChar(join(dir, p), 0o644, 0, 0); else writeFileSync(join(dir, p), v);
    }
    return dir;
  });
}

/** The same layers in memory. */
function memSource(spec: Record<string, string | null>): LayerSource {
  return {
    list(rel) {
      const out = new Map<string, SourceEntry>();
      for (const [p0, v] of Object.entries(spec)) {
        const opaque = p0.endsWith('/*');
        const p = p0.replace(/\/\*?$/, '');
        const parts = p.split('/');
        const depth = rel ? rel.split('/').length : 0;
        if (rel && parts.slice(0, depth).join('/') !== rel) continue;
        if (parts.length <= depth) continue;
        const name = parts[depth]!;
        const leaf = parts.length === depth + 1;
        const e: SourceEntry = !leaf || p0.endsWith('/') || opaque ? { name, type: 'dir', size: 0, opaque: leaf && opaque }
          : v === null ? { name, type: 'whiteout', size: 0 } : { name, type: 'file', size: v.length };
        if (!out.has(name) || leaf) out.set(name, e);
      }
      return [...out.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
    },
  };
}

const MARK = { added: 'A', modified: 'M', removed: 'D' } as const;

async function replay(sources: LayerSource[], max?: number) {
  const r = new LayerReplay(max);
  const files: LayerFileChange[][] = [];
  for (const [i, s] of sources.entries()) { files.push([]); await r.apply(i, s, files[i]!); }
  const marks = files.map((fs) => fs.filter((f) => f.type !== 'dir' || f.kind === 'removed').map((f) => `${MARK[f.kind]} ${f.path} ${f.size}`));
  return { r, files, marks, waste: r.waste, efficiency: r.efficiency() };
}

type Spec = Record<string, string | null>;
const OVERWRITE: Spec[] = [{ 'etc/app.conf': 'x'.repeat(2000), 'bin/tool': 'y'.repeat(300) }, { 'etc/app.conf': 'z'.repeat(5000) }];
const REMOVE: Spec[] = [{ 'tmp/big': 'b'.repeat(1000), keep: 'k'.repeat(100) }, { 'tmp/big': null }];
const OPAQUE: Spec[] = [{ 'cache/a': 'a'.repeat(400), 'cache/sub/b': 'b'.repeat(600) }, { 'cache/*': '', 'cache/a': 'A'.repeat(50) }];

describe.each([
  ['directories', (specs: Record<string, string | null>[]) => layerDirs(specs).map(snapshotSource)],
  ['in memory', (specs: Record<string, string | null>[]) => specs.map(memSource)],
] as const)('layer analysis over %s', (kind, build) => {
  const maybe = kind === 'directories' && !isRoot ? it.skip : it;

  it('a file added in layer 0 and overwritten in layer 1 wastes its layer-0 size, charged to layer 0', async () => {
    const { marks, waste, efficiency, r } = await replay(build(OVERWRITE));
    expect(marks).toEqual([['A bin/tool 300', 'A etc/app.conf 2000'], ['M etc/app.conf 5000']]);
    expect(waste).toEqual([2000, 0]);
    // dive: Σ min / Σ all copies = (300 + 2000) / (300 + 7000)
    expect(efficiency).toBeCloseTo(2300 / 7300, 6);
    expect(r.inefficientPaths()).toEqual([{ path: 'etc/app.conf', count: 2, wastedBytes: 2000 }]);
  });

  maybe('a file removed by a whiteout is all waste and is marked removed with what it hid', async () => {
    const { marks, waste, efficiency } = await replay(build(REMOVE));
    expect(marks).toEqual([['A keep 100', 'A tmp/big 1000'], ['D tmp/big 1000']]);
    expect(waste).toEqual([1000, 0]);
    expect(efficiency).toBeCloseTo(100 / 1100, 6);
  });

  maybe('an opaque directory supersedes everything below: re-added files are modified, the rest removed', async () => {
    const { marks, waste, files } = await replay(build(OPAQUE));
    expect(marks[1]).toEqual(['M cache/a 50', 'D cache/sub/b 600']);
    expect(files[1]!.find((f) => f.path === 'cache')).toMatchObject({ kind: 'modified', type: 'dir' });
    expect(waste).toEqual([1000, 0]);
  });

  maybe('a whiteout of a directory removes its subtree: the size is the subtree, every file wasted', async () => {
    const { marks, waste } = await replay(build([{ 'd/x': 'x'.repeat(10), 'd/e/y': 'y'.repeat(20) }, { d: null }]));
    expect(marks[1]).toEqual(['D d 30']);
    expect(waste).toEqual([30, 0]);
  });

  it('no repeats: efficiency 1 and no waste', async () => {
    const { efficiency, waste } = await replay(build([{ a: '1' }, { b: '22' }]));
    expect(efficiency).toBe(1);
    expect(waste).toEqual([0, 0]);
  });

  it('stops at the entry cap, keeping what was listed', async () => {
    const r = new LayerReplay(3);
    const files: LayerFileChange[] = [];
    await expect(r.apply(0, build([{ a: '1', b: '2', c: '3', d: '4' }])[0]!, files)).rejects.toThrow();
    expect(files.map((f) => f.path)).toEqual(['a', 'b', 'c']);
  });
});
