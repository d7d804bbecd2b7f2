/**
 * `imageLayers`: the image's history with each filesystem layer's changes read from its snapshot,
 * and dive's efficiency score with the waste charged to the layer whose copy is superseded
 * (shared/design/tui-anchors.md §3.3). Work is capped for huge images: past `maxEntries` entries
 * the listing stops with a note and the numbers cover the layers read so far.
 */
import type { ImageStore } from './image-store.js';
import type { HistoryEntry } from '../oci/types.js';
import type { ImageLayerAnalysis, LayerAnalysis } from '../types/layer-analysis.js';
import { resolveImage } from './resolve.js';
import type { Digest } from '../oci/digest.js';
import { EntryCapReached, LayerReplay, type LayerSource } from './layer-analysis-core.js';
import { snapshotSource } from './layer-analysis-fs.js';

export const MAX_LAYER_ENTRIES = 200_000;

export interface ImageLayersOptions {
  maxEntries?: number;
  /** Tests: read a layer's tree from elsewhere than its snapshot. */
  source?: (chainId: string) => LayerSource;
}

export async function imageLayers(store: ImageStore, ref: string, opts: ImageLayersOptions = {}): Promise<ImageLayerAnalysis> {
  const { record } = await resolveImage(store.meta, ref);
  const config = await store.readConfig(record);
  const chain = store.chainOf(config);
  const diffIds = config.rootfs.diff_ids;
  const sizes = await Promise.all(chain.map(async (c) => (await store.snapshots.info(c))?.size ?? 0));
  const history: HistoryEntry[] = config.history?.length ? config.history : diffIds.map(() => ({}));
  const layers: LayerAnalysis[] = [];
  const fsLayer: number[] = []; // filesystem layer index → history row
  history.forEach((h, index) => {
    const fsIdx = h.empty_layer ? -1 : fsLayer.length;
    if (fsIdx >= 0 && fsIdx < chain.length) fsLayer.push(index);
    const real = fsIdx >= 0 && fsIdx < chain.length;
    layers.push({
      index, createdBy: h.created_by ?? '', created: h.created, comment: h.comment || undefined, empty: !real,
      size: real ? sizes[fsIdx]! : 0, diffId: real ? diffIds[fsIdx] : undefined, chainId: real ? chain[fsIdx] : undefined,
      files: [], wastedBytes: 0,
    });
  });
  const notes: string[] = [];
  if (fsLayer.length < chain.length) notes.push(`history lists ${fsLayer.length} of ${chain.length} layers; the rest are not shown`);
  const max = opts.maxEntries ?? MAX_LAYER_ENTRIES;
  const replay = new LayerReplay(max);
  const source = opts.source ?? ((c: string) => snapshotSource(store.snapshots.fsPath(c as Digest)));
  let truncated = false;
  for (const row of fsLayer) {
    const layer = layers[row]!;
    try {
      await replay.apply(row, source(layer.chainId!), layer.files);
    } catch (err) {
      if (!(err instanceof EntryCapReached)) throw err;
      truncated = true;
      notes.push(`listing stopped after ${max} entries (layer ${row}); efficiency and waste cover what was read`);
      break;
    }
  }
  for (const l of layers) l.wastedBytes = replay.waste[l.index] ?? 0;
  const totalSize = sizes.reduce((a, b) => a + b, 0);
  return {
    id: record.id, layers, totalSize, userSize: totalSize - (sizes[0] ?? 0),
    efficiency: replay.efficiency(), wastedBytes: layers.reduce((a, l) => a + l.wastedBytes, 0),
    inefficientPaths: replay.inefficientPaths(), truncated, notes,
  };
}
