/** Pure cell formatters shared by the pane columns and the detail tabs. */

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];

/** docker's decimal sizes with 3 significant digits: "0B", "999B", "4.26MB". */
export function humanSize(bytes: number): string {
  let n = bytes;
  let i = 0;
  while (n >= 1000 && i < UNITS.length - 1) {
    n /= 1000;
    i++;
  }
  const digits = n >= 100 || i === 0 ? 0 : n >= 10 ? 1 : 2;
  return `${Number(n.toFixed(digits))}${UNITS[i]}`;
}

/** Compact age for narrow columns: 42s, 5m, 3h, 12d, 8w, 2y. */
export function shortAge(unixSeconds: number, now = Date.now()): string {
  const s = Math.max(0, Math.floor(now / 1000 - unixSeconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86400) return `${Math.floor(s / 3600)}h`;
  if (s < 86400 * 14) return `${Math.floor(s / 86400)}d`;
  if (s < 86400 * 365) return `${Math.floor(s / 86400 / 7)}w`;
  return `${Math.floor(s / 86400 / 365)}y`;
}

/** The 12-hex short ID docker prints, without the algorithm prefix. */
export const shortId = (id: string): string => id.replace(/^sha256:/, '').slice(0, 12);

/** Truncates to `width` (with an ellipsis) or pads with spaces; one column per code point. */
export function fit(text: string, width: number, ellipsis = '…', align: 'left' | 'right' = 'left'): string {
  if (width <= 0) return '';
  const chars = [...text];
  if (chars.length > width) return width === 1 ? chars[0]! : chars.slice(0, width - ellipsis.length).join('') + ellipsis;
  const pad = ' '.repeat(width - chars.length);
  return align === 'right' ? pad + text : text + pad;
}

/** Visible width in columns (one per code point; the panes show ASCII-ish names). */
export const textWidth = (text: string): number => [...text].length;

/** Word-wraps to `width` columns, breaking long words; continuation lines keep the indent. */
export function wrapText(text: string, width: number): string[] {
  if (width <= 0 || textWidth(text) <= width) return [text];
  const indent = /^\s*/.exec(text)![0];
  const out: string[] = [];
  let line = '';
  for (const word of text.trim().split(/\s+/)) {
    let w = word;
    const lead = () => (out.length ? indent + '  ' : indent);
    while (textWidth(w) > width - textWidth(lead())) {
      if (line) { out.push(line); line = ''; }
      const room = Math.max(1, width - textWidth(lead()));
      out.push(lead() + [...w].slice(0, room).join(''));
      w = [...w].slice(room).join('');
    }
    if (!w) continue;
    if (!line) line = lead() + w;
    else if (textWidth(line) + 1 + textWidth(w) <= width) line += ' ' + w;
    else { out.push(line); line = lead() + w; }
  }
  if (line) out.push(line);
  return out;
}
