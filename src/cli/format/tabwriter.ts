/**
 * Go's text/tabwriter (docker/cli's fork, which measures cells in display columns) with padchar
 * ' ' and no flags. Cells are tab-terminated: text after a line's last tab is not part of a column
 * and is never padded, and a column only aligns across consecutive lines that have it.
 */
import { displayWidth } from './display.js';

export interface TabwriterOptions {
  /** Minimal cell width including padding; docker's tables use 10. */
  minWidth?: number;
  /** Added to the widest cell of a column; docker uses 3. */
  padding?: number;
}

interface Cell {
  text: string;
  width: number;
}

export function tabwrite(text: string, opts: TabwriterOptions = {}): string {
  const minWidth = opts.minWidth ?? 10;
  const padding = opts.padding ?? 3;
  const rawLines = text.split('\n');
  const lines: Cell[][] = rawLines.map((l, i) => {
    const parts = l.split('\t');
    // At the very end an empty unterminated cell is never recorded (Flush only adds non-empty ones).
    if (i === rawLines.length - 1 && parts[parts.length - 1] === '') parts.pop();
    return parts.map((t) => ({ text: t, width: displayWidth(t) }));
  });
  const out: string[] = [];
  const widths: number[] = [];

  const writeLines = (line0: number, line1: number) => {
    for (let i = line0; i < line1; i++) {
      const line = lines[i];
      line.forEach((c, j) => {
        out.push(c.text);
        if (j < widths.length) out.push(' '.repeat(Math.max(widths[j] - c.width, 0)));
      });
      if (i + 1 < lines.length) out.push('\n');
    }
  };

  // text/tabwriter's format(): find blocks of consecutive lines having a cell in `column`,
  // size that column from the block, then recurse for the columns to its right.
  const format = (line0: number, line1: number) => {
    const column = widths.length;
    for (let t = line0; t < line1; t++) {
      if (column >= lines[t].length - 1) continue;
      writeLines(line0, t);
      line0 = t;
      let width = minWidth;
      for (; t < line1; t++) {
        const line = lines[t];
        if (column >= line.length - 1) break;
        width = Math.max(width, line[column].width + padding);
      }
      widths.push(width);
      format(line0, t);
      widths.pop();
      line0 = t;
    }
    writeLines(line0, line1);
  };

  format(0, lines.length);
  return out.join('');
}
