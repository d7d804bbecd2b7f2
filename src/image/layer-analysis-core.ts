/**
 * The layer-analysis state machine, independent of the filesystem so it can be tested with
 * in-memory layers: it replays layers bottom first over a "live" tree of the merged image and
 * records, per layer, what each path became (added / modified / removed) and which earlier copies
 * it superseded. Waste is charged to the layer whose copy is superseded (the one that "caused"
 * it by shipping bytes nobody sees); efficiency is dive's Σ min / Σ all copies per path, with the
 * files under a removed directory counted one by one.
 */
import type { InefficientPath, LayerFileChange, LayerFileType } from '../types/layer-analysis.js';

export interface SourceEntry {
  name: string;
  type: LayerFileType | 'whiteout';
  size: number;
  /** A directory whose lower contents are hidden (overlay opaque). */
  opaque?: boolean;
}

/** One layer's directory tree: the children of `rel` ('' is the root), sorted by name. */
export interface LayerSource {
  list(rel: string): SourceEntry[];
}

interface LiveNode { layer: number; size: number; dir: boolean; kids?: Map<string, LiveNode> }
interface Occ { count: number; cum: number; min: number; wasted: number }

export class EntryCapReached extends Error {}

export class LayerReplay {
  private readonly root: LiveNode = { layer: -1, size: 0, dir: true, kids: new Map() };
  private readonly occ = new Map<string, Occ>();
  readonly waste: number[] = [];
  private seen = 0;

  constructor(private readonly maxEntries = 200_000) {}

  /** Replay layer `layer`; throws EntryCapReached (after filling `files` so far) at the cap. */
  async apply(layer: number, src: LayerSource, files: LayerFileChange[]): Promise<void> {
    this.waste[layer] ??= 0;
    await this.walk(layer, src, '', this.root, files, undefined);
  }

  private async walk(layer: number, src: LayerSource, rel: string, live: LiveNode, files: LayerFileChange[],
    pending: Map<string, LiveNode> | undefined): Promise<void> {
    const kids = live.kids!;
    for (const e of src.list(rel)) {
      if (++this.seen > this.maxEntries) throw new EntryCapReached();
      // Yield now and then: the TUI runs the local engine in-process.
      if (this.seen % 2000 === 0) await new Promise((r) => setImmediate(r));
      const p = rel ? `${rel}/${e.name}` : e.name;
      const prev = kids.get(e.name);
      if (e.type === 'whiteout') {
        const size = prev ? this.remove(p, prev) : 0;
        kids.delete(e.name);
        files.push({ path: p, kind: 'removed', type: prev?.dir ? 'dir' : 'file', size });
        continue;
      }
      const wasPending = pending?.get(p);
      if (wasPending) pending!.delete(p);
      const kind = prev || wasPending ? 'modified' : 'added';
      if (e.type === 'dir') {
        let node = prev;
        if (!node || !node.dir) {
          if (node) this.remove(p, node, true);
          node = { layer, size: 0, dir: true, kids: new Map() };
          kids.set(e.name, node);
        }
        files.push({ path: p, kind, type: 'dir', size: 0 });
        let hidden: Map<string, LiveNode> | undefined;
        if (e.opaque && node.kids!.size) {
          // Everything below goes; what this layer puts back is "modified", the rest "removed".
          hidden = new Map(pending);
          this.collect(p, node, hidden);
          node.kids = new Map();
        }
        await this.walk(layer, src, p, node, files, hidden ?? pending);
        if (hidden) {
          for (const [q, n] of hidden) {
            if (!q.startsWith(`${p}/`) || n.dir) continue;
            this.push(q, 0);
            files.push({ path: q, kind: 'removed', type: 'file', size: n.size });
          }
        }
        continue;
      }
      if (prev) this.remove(p, prev, true);
      this.push(p, e.size);
      kids.set(e.name, { layer, size: e.size, dir: false });
      files.push({ path: p, kind, type: e.type, size: e.size });
    }
  }

  /** Supersede `node` at `p` (and its subtree): charge its bytes to their layers. Returns the bytes. */
  private remove(p: string, node: LiveNode, replaced = false): number {
    if (!node.dir) {
      this.charge(p, node);
      if (!replaced) this.push(p, 0);
      return node.size;
    }
    let sum = 0;
    for (const [name, k] of node.kids!) sum += this.remove(`${p}/${name}`, k, false);
    return sum;
  }

  /** Files under an opaque directory's lower copy: charged now, removal or replacement decided later. */
  private collect(p: string, node: LiveNode, into: Map<string, LiveNode>): void {
    for (const [name, k] of node.kids!) {
      const q = `${p}/${name}`;
      into.set(q, k);
      if (k.dir) this.collect(q, k, into); else this.charge(q, k);
    }
  }

  private charge(p: string, node: LiveNode): void {
    this.waste[node.layer] = (this.waste[node.layer] ?? 0) + node.size;
    this.occOf(p).wasted += node.size;
  }

  private push(p: string, size: number): void {
    const o = this.occOf(p);
    o.count++;
    o.cum += size;
    o.min = Math.min(o.min, size);
  }

  private occOf(p: string): Occ {
    let o = this.occ.get(p);
    if (!o) this.occ.set(p, (o = { count: 0, cum: 0, min: Infinity, wasted: 0 }));
    return o;
  }

  efficiency(): number {
    let min = 0;
    let cum = 0;
    for (const o of this.occ.values()) { if (!o.count) continue; min += o.min; cum += o.cum; }
    return cum === 0 ? 1 : min / cum;
  }

  inefficientPaths(limit = 100): InefficientPath[] {
    const out: InefficientPath[] = [];
    for (const [path, o] of this.occ) if (o.count >= 2) out.push({ path, count: o.count, wastedBytes: o.wasted });
    return out.sort((a, b) => b.wastedBytes - a.wastedBytes || (a.path < b.path ? -1 : 1)).slice(0, limit);
  }
}
