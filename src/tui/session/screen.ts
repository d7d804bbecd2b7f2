/**
 * Reads a headless xterm's buffer into rows of styled runs for Ink: adjacent cells with the same
 * attributes are merged, palette colours map to the 16 names (or ansi256), RGB to #rrggbb.
 */
import type xterm from '@xterm/headless';

export interface Run {
  text: string;
  fg?: string;
  bg?: string;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
  inverse?: boolean;
  cursor?: boolean;
}

const NAMES = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white',
  'blackBright', 'redBright', 'greenBright', 'yellowBright', 'blueBright', 'magentaBright', 'cyanBright', 'whiteBright'];

function color(mode: 'fg' | 'bg', cell: xterm.IBufferCell): string | undefined {
  const isDefault = mode === 'fg' ? cell.isFgDefault() : cell.isBgDefault();
  if (isDefault) return undefined;
  const v = mode === 'fg' ? cell.getFgColor() : cell.getBgColor();
  const rgb = mode === 'fg' ? cell.isFgRGB() : cell.isBgRGB();
  if (rgb) return `#${v.toString(16).padStart(6, '0')}`;
  return v < 16 ? NAMES[v] : `ansi256(${v})`;
}

const same = (a: Run, b: Run) => a.fg === b.fg && a.bg === b.bg && a.bold === b.bold && a.dim === b.dim
  && a.italic === b.italic && a.underline === b.underline && a.inverse === b.inverse && a.cursor === b.cursor;

export interface ScreenOptions {
  /** Lines scrolled back from the bottom (0 = the live screen). */
  scrollback?: number;
  showCursor?: boolean;
  noColor?: boolean;
}

/** The visible rows (term.rows of them), each as runs; the cursor cell is marked when shown. */
export function screenRows(term: xterm.Terminal, opts: ScreenOptions = {}): Run[][] {
  const buf = term.buffer.active;
  const top = Math.max(0, buf.baseY - (opts.scrollback ?? 0));
  const cursorRow = opts.showCursor && !opts.scrollback ? buf.baseY + buf.cursorY : -1;
  const rows: Run[][] = [];
  const cell = buf.getNullCell();
  for (let y = top; y < top + term.rows; y++) {
    const line = buf.getLine(y);
    const runs: Run[] = [];
    if (line) {
      for (let x = 0; x < term.cols; x++) {
        line.getCell(x, cell);
        const width = cell.getWidth();
        if (width === 0) continue; // the right half of a wide character
        const run: Run = {
          text: cell.getChars() || ' ',
          fg: opts.noColor ? undefined : color('fg', cell), bg: opts.noColor ? undefined : color('bg', cell),
          bold: !!cell.isBold(), dim: !!cell.isDim(), italic: !!cell.isItalic(), underline: !!cell.isUnderline(), inverse: !!cell.isInverse(),
          cursor: y === cursorRow && x === buf.cursorX,
        };
        const last = runs[runs.length - 1];
        if (last && same(last, run)) last.text += run.text;
        else runs.push(run);
      }
    }
    // Trailing default-styled blanks add nothing on screen.
    const last = runs[runs.length - 1];
    if (last && !last.bg && !last.inverse && !last.cursor && !last.underline) last.text = last.text.replace(/ +$/, '');
    rows.push(runs.filter((r) => r.text.length > 0));
  }
  return rows;
}

/** Plain text of the visible rows (tests, "yank"). */
export function screenText(term: xterm.Terminal): string[] {
  return screenRows(term).map((runs) => runs.map((r) => r.text).join(''));
}
