/**
 * Screen geometry as a pure function of the terminal size, so frame tests at 80×24 and 160×48
 * pin it down. Ink clears the whole screen on every frame that fills the terminal, which flickers
 * over SSH; drawing rows−1 lines avoids that, so the last terminal row stays empty.
 */
import type { PaneId } from './ui-state.js';

export const MIN_COLS = 60;
export const MIN_ROWS = 16;

export interface Layout {
  cols: number;
  rows: number;
  /** Lines Ink draws. */
  frameRows: number;
  tooSmall: boolean;
  sideWidth: number;
  mainWidth: number;
  bodyHeight: number;
  paneHeights: Record<PaneId, number>;
  /** The main area's content box (also the size of embedded terminals). */
  inner: { cols: number; rows: number };
}

export function computeLayout(cols: number, rows: number, expanded: PaneId): Layout {
  const frameRows = Math.max(1, rows - 1);
  const tooSmall = cols < MIN_COLS || rows < MIN_ROWS;
  const sideWidth = Math.max(28, Math.min(64, Math.floor(cols * 0.4)));
  const mainWidth = Math.max(10, cols - sideWidth);
  // Two lines below the body: the command line and the status bar.
  const bodyHeight = Math.max(6, frameRows - 2);
  const small = Math.max(4, Math.floor(bodyHeight / 4));
  const paneHeights = { containers: small, images: small, volumes: small };
  paneHeights[expanded] = bodyHeight - 2 * small;
  return {
    cols, rows, frameRows, tooSmall, sideWidth, mainWidth, bodyHeight, paneHeights,
    inner: { cols: Math.max(2, mainWidth - 2), rows: Math.max(1, bodyHeight - 2) },
  };
}
