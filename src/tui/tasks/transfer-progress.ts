/**
 * Pull/push progress as data: docker's progress event stream (src/types/registry.ts) folded into
 * one row per layer (its latest status and byte counts) plus the image-level lines, the way
 * docker's jsonmessage display redraws a layer's line in place.
 */
import type { ProgressEvent } from '../../types/registry.js';

export interface LayerRow {
  id: string;
  status: string;
  current?: number;
  total?: number;
}

export interface TransferProgress {
  layers: LayerRow[];
  /** Image-level lines in order ("latest: Pulling from library/busybox", "Digest: …", "Status: …"). */
  lines: string[];
}

/** Statuses that end a layer's transfer. */
export const DONE = /complete|Pushed|exists|Mounted/i;

export const emptyProgress = (): TransferProgress => ({ layers: [], lines: [] });

/** A new state with `e` applied (the old one is not changed). */
export function applyProgress(p: TransferProgress, e: ProgressEvent): TransferProgress {
  if (e.aux) return p;
  if (e.layer && e.id) {
    const at = p.layers.findIndex((l) => l.id === e.id);
    const row: LayerRow = { id: e.id, status: e.status, current: e.current, total: e.total };
    // A status without numbers ("Verifying Checksum", "Download complete") keeps the bar it had;
    // one that ends the layer fills it.
    if (row.current === undefined && at >= 0) {
      const old = p.layers[at]!;
      row.total = old.total;
      row.current = DONE.test(e.status) ? old.total : old.current;
    }
    const layers = at < 0 ? [...p.layers, row] : p.layers.map((l, i) => (i === at ? row : l));
    return { ...p, layers };
  }
  const text = e.id ? `${e.id}: ${e.status}` : e.status;
  return text ? { ...p, lines: [...p.lines, text] } : p;
}

/** Bytes over all layers with known sizes, for the tab title and the summary line. */
export function totals(p: TransferProgress): { current: number; total: number } {
  let current = 0;
  let total = 0;
  for (const l of p.layers) {
    if (l.total === undefined) continue;
    total += l.total;
    current += Math.min(l.current ?? 0, l.total);
  }
  return { current, total };
}

/** `[=====>    ]` of `width` cells (ASCII, as docker draws it: it reads the same in every terminal). */
export function progressBar(current: number, total: number, width: number): string {
  const inner = Math.max(1, width - 2);
  const frac = total > 0 ? Math.max(0, Math.min(1, current / total)) : 0;
  const full = Math.floor(frac * inner);
  const head = full < inner && frac > 0 ? '>' : '';
  return `[${'='.repeat(full)}${head}${' '.repeat(Math.max(0, inner - full - head.length))}]`;
}
