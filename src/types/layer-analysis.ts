/** `imageLayers`: per-layer history, file changes and dive-style efficiency (tui-anchors §3.3). */

export type LayerChangeKind = 'added' | 'modified' | 'removed';
export type LayerFileType = 'file' | 'dir' | 'symlink' | 'other';

export interface LayerFileChange {
  /** Root-relative, no leading slash ("etc/passwd"). */
  path: string;
  kind: LayerChangeKind;
  type: LayerFileType;
  /** Bytes of content: for a removal, what the removal hides (a directory's whole subtree). */
  size: number;
}

export interface LayerAnalysis {
  /** Position in the history, bottom (oldest) first. */
  index: number;
  createdBy: string;
  created?: string;
  comment?: string;
  /** A metadata-only history entry (ENV, CMD…): no filesystem layer. */
  empty: boolean;
  size: number;
  diffId?: string;
  chainId?: string;
  files: LayerFileChange[];
  /** Bytes of this layer's files that later layers overwrite or remove (the waste it causes). */
  wastedBytes: number;
}

export interface InefficientPath {
  path: string;
  /** How many layers carry (or remove) the path. */
  count: number;
  /** Bytes of the superseded copies. */
  wastedBytes: number;
}

export interface ImageLayerAnalysis {
  id: string;
  layers: LayerAnalysis[];
  totalSize: number;
  /** Every layer but the base one, as dive's "user size". */
  userSize: number;
  /** dive's score: Σ min(copies) / Σ all copies over every path, 1 when nothing repeats. */
  efficiency: number;
  /** Bytes of superseded copies (not dive's double count of the kept copy, dive#684). */
  wastedBytes: number;
  /** The worst paths first, at most 100. */
  inefficientPaths: InefficientPath[];
  /** True when the listing stopped at the entry cap; numbers cover the part read. */
  truncated: boolean;
  notes: string[];
}
