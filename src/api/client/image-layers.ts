/**
 * The TUI's Layers analysis for a remote image: GET /images/{name}/get streams the image as
 * `docker save` does, each layer tar is read for its entries' metadata only (names, types, sizes,
 * whiteouts; no content is kept), and the same LayerReplay as the local engine scores it. Costs
 * one transfer of the image; memory is the file listing, capped like the local analysis.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import { EntryCapReached, LayerReplay, type LayerSource, type SourceEntry } from '../../image/layer-analysis-core.js';
import { MAX_LAYER_ENTRIES } from '../../image/layer-analysis.js';
import { EngineError } from '../../lib/errors.js';
import type { HistoryEntry } from '../../oci/types.js';
import type { ImageLayerAnalysis, LayerAnalysis } from '../../types/layer-analysis.js';
import { enc } from './containers.js';
import type { ApiClient } from './http-client.js';

interface Node { type: SourceEntry['type']; size: number; opaque?: boolean; kids?: Map<string, Node> }

/** One layer tar as a directory tree (overlay-style: `.wh.` files become whiteouts). */
class TarTree implements LayerSource {
  readonly root: Node = { type: 'dir', size: 0, kids: new Map() };
  total = 0;

  private dir(parts: string[]): Node {
    let n = this.root;
    for (const p of parts) {
      let k = n.kids!.get(p);
      if (!k || k.type !== 'dir') n.kids!.set(p, (k = { type: 'dir', size: 0, kids: k?.kids ?? new Map() }));
      n = k;
    }
    return n;
  }

  add(h: tar.Header): void {
    const parts = h.name.replace(/^\.?\/+/, '').split('/').filter((p) => p && p !== '.');
    const name = parts.pop();
    if (!name) return;
    const parent = this.dir(parts);
    if (name === '.wh..wh..opq') { parent.opaque = true; return; }
    if (name.startsWith('.wh.')) { parent.kids!.set(name.slice(4), { type: 'whiteout', size: 0 }); return; }
    if (h.type === 'directory') { this.dir([...parts, name]); return; }
    // a hard link carries no bytes of its own, as a snapshot counts a linked inode once
    const size = h.type === 'file' || h.type === 'contiguous-file' ? h.size ?? 0 : 0;
    const type: SourceEntry['type'] = h.type === 'symlink' ? 'symlink' : h.type === 'file' || h.type === 'contiguous-file' || h.type === 'link' ? 'file' : 'other';
    parent.kids!.set(name, { type, size });
    this.total += size;
  }

  list(rel: string): SourceEntry[] {
    let n: Node | undefined = this.root;
    for (const p of rel.split('/').filter(Boolean)) n = n?.kids?.get(p);
    return [...(n?.kids ?? new Map<string, Node>())].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, k]) => ({ name, type: k.type, size: k.size, opaque: k.opaque }));
  }
}

async function* prefixed(first: Buffer, rest: AsyncIterator<Buffer>): AsyncIterable<Buffer> {
  yield first;
  for (let r = await rest.next(); !r.done; r = await rest.next()) yield r.value;
}

/** An outer entry: a (possibly gzipped) layer tar becomes a tree; small JSON files are kept. */
async function readEntry(entry: AsyncIterable<Buffer>, size: number): Promise<{ tree?: TarTree; data?: Buffer }> {
  const it = entry[Symbol.asyncIterator]();
  let head: Buffer = Buffer.alloc(0);
  while (head.length < 512) {
    const r = await it.next();
    if (r.done) break;
    head = Buffer.concat([head, r.value]);
  }
  const gz = head[0] === 0x1f && head[1] === 0x8b;
  if (gz || head.toString('latin1', 257, 262) === 'ustar') {
    const tree = new TarTree();
    const inner = tar.extract();
    const body = Readable.from(prefixed(head, it));
    (gz ? body.pipe(createGunzip()) : body).pipe(inner as unknown as NodeJS.WritableStream);
    for await (const e of inner) {
      tree.add(e.header);
      for await (const _ of e) { /* content is not kept */ }
    }
    return { tree };
  }
  const chunks = [head];
  for (let r = await it.next(); !r.done; r = await it.next()) if (size <= 8 << 20) chunks.push(r.value);
  return size <= 8 << 20 ? { data: Buffer.concat(chunks) } : {};
}

export async function remoteImageLayers(api: ApiClient, ref: string): Promise<ImageLayerAnalysis> {
  const res = await api.request('GET', `/images/${enc(ref)}/get`);
  const outer = tar.extract();
  res.pipe(outer as unknown as NodeJS.WritableStream);
  const trees = new Map<string, TarTree>();
  const files = new Map<string, Buffer>();
  for await (const e of outer) {
    const r = await readEntry(e as AsyncIterable<Buffer>, e.header.size ?? 0);
    if (r.tree) trees.set(e.header.name, r.tree);
    if (r.data) files.set(e.header.name, r.data);
  }
  const manifest = (JSON.parse(files.get('manifest.json')?.toString() ?? '[]') as { Config: string; Layers: string[] }[])[0];
  const configBuf = manifest && files.get(manifest.Config);
  if (!manifest || !configBuf) throw new EngineError('INTERNAL', `the daemon's image archive for ${ref} has no manifest.json or config`);
  const config = JSON.parse(configBuf.toString()) as { history?: HistoryEntry[]; rootfs?: { diff_ids?: string[] } };
  const chain = manifest.Layers.map((p) => trees.get(p) ?? new TarTree());
  const diffIds = config.rootfs?.diff_ids ?? [];
  const history: HistoryEntry[] = config.history?.length ? config.history : chain.map(() => ({}));
  const layers: LayerAnalysis[] = [];
  const fsLayer: number[] = [];
  history.forEach((h, index) => {
    const fsIdx = h.empty_layer ? -1 : fsLayer.length;
    const real = fsIdx >= 0 && fsIdx < chain.length;
    if (real) fsLayer.push(index);
    layers.push({
      index, createdBy: h.created_by ?? '', created: h.created, comment: h.comment || undefined, empty: !real,
      size: real ? chain[fsIdx]!.total : 0, diffId: real ? diffIds[fsIdx] : undefined, files: [], wastedBytes: 0,
    });
  });
  const notes: string[] = [];
  if (fsLayer.length < chain.length) notes.push(`history lists ${fsLayer.length} of ${chain.length} layers; the rest are not shown`);
  const replay = new LayerReplay(MAX_LAYER_ENTRIES);
  let truncated = false;
  for (const [i, row] of fsLayer.entries()) {
    try { await replay.apply(row, chain[i]!, layers[row]!.files); } catch (err) {
      if (!(err instanceof EntryCapReached)) throw err;
      truncated = true;
      notes.push(`listing stopped after ${MAX_LAYER_ENTRIES} entries (layer ${row}); efficiency and waste cover what was read`);
      break;
    }
  }
  for (const l of layers) l.wastedBytes = replay.waste[l.index] ?? 0;
  const sizes = chain.map((t) => t.total);
  const totalSize = sizes.reduce((a, b) => a + b, 0);
  return {
    id: `sha256:${createHash('sha256').update(configBuf).digest('hex')}`, layers, totalSize, userSize: totalSize - (sizes[0] ?? 0),
    efficiency: replay.efficiency(), wastedBytes: layers.reduce((a, l) => a + l.wastedBytes, 0),
    inefficientPaths: replay.inefficientPaths(), truncated, notes,
  };
}
