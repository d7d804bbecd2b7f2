/**
 * Data-driven panes (lazydocker's SideListPanel): a pane is configuration of one generic list,
 * and each column is a pure function of a row. Narrow panes drop low-priority columns first.
 */
import type { Token } from '../theme/theme.js';
import type { PaneId } from '../app/ui-state.js';

export interface Column<T> {
  header: string;
  /** Columns wide; 'flex' takes what is left (at least minWidth). */
  width: number | 'flex';
  minWidth?: number;
  /** Higher stays longer when the pane is narrow. */
  priority: number;
  align?: 'left' | 'right';
  text(row: T, now: number): string;
  color?(row: T): Token | undefined;
  dim?(row: T): boolean;
}

export interface PaneConfig<T> {
  id: PaneId;
  title: string;
  jumpKey: string;
  rowKey(row: T): string;
  columns: Column<T>[];
  /** What the `/` filter matches (case-insensitive substring). */
  searchText(row: T): string;
}

export interface PlacedColumn<T> {
  column: Column<T>;
  width: number;
}

/** Fits columns into `width` (one space between columns): drops the lowest priorities first. */
export function layoutColumns<T>(columns: Column<T>[], width: number): PlacedColumn<T>[] {
  const need = (cols: Column<T>[]) =>
    cols.reduce((n, c) => n + (c.width === 'flex' ? c.minWidth ?? 8 : c.width), 0) + Math.max(0, cols.length - 1);
  let kept = [...columns];
  while (kept.length > 1 && need(kept) > width) {
    const lowest = kept.reduce((lo, c) => (c.priority < lo.priority ? c : lo));
    kept = kept.filter((c) => c !== lowest);
  }
  const fixed = kept.reduce((n, c) => n + (c.width === 'flex' ? 0 : c.width), 0) + Math.max(0, kept.length - 1);
  const flexCount = kept.filter((c) => c.width === 'flex').length;
  const spare = Math.max(0, width - fixed);
  return kept.map((c) => ({
    column: c,
    width: c.width === 'flex' ? Math.max(1, Math.floor(spare / Math.max(1, flexCount))) : Math.min(c.width, width),
  }));
}

/** Case-insensitive substring filter over each row's search text. */
export function filterRows<T>(rows: T[], config: PaneConfig<T>, query: string): T[] {
  const q = query.trim().toLowerCase();
  if (!q) return rows;
  return rows.filter((r) => config.searchText(r).toLowerCase().includes(q));
}
