/**
 * Terminal display width, as docker's tabwriter fork measures it (go-runewidth): East Asian wide
 * and fullwidth characters and emoji take two columns, combining marks and controls none.
 */

const WIDE: [number, number][] = [
  [0x1100, 0x115f], [0x231a, 0x231b], [0x2329, 0x232a], [0x23e9, 0x23ec], [0x23f0, 0x23f0], [0x23f3, 0x23f3],
  [0x25fd, 0x25fe], [0x2614, 0x2615], [0x2648, 0x2653], [0x267f, 0x267f], [0x2693, 0x2693], [0x26a1, 0x26a1],
  [0x26aa, 0x26ab], [0x26bd, 0x26be], [0x26c4, 0x26c5], [0x26ce, 0x26ce], [0x26d4, 0x26d4], [0x26ea, 0x26ea],
  [0x26f2, 0x26f3], [0x26f5, 0x26f5], [0x26fa, 0x26fa], [0x26fd, 0x26fd], [0x2705, 0x2705], [0x270a, 0x270b],
  [0x2728, 0x2728], [0x274c, 0x274c], [0x274e, 0x274e], [0x2753, 0x2755], [0x2757, 0x2757], [0x2795, 0x2797],
  [0x27b0, 0x27b0], [0x27bf, 0x27bf], [0x2b1b, 0x2b1c], [0x2b50, 0x2b50], [0x2b55, 0x2b55], [0x2e80, 0x303e],
  [0x3041, 0x33ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xa000, 0xa4cf], [0xa960, 0xa97f], [0xac00, 0xd7a3],
  [0xf900, 0xfaff], [0xfe10, 0xfe19], [0xfe30, 0xfe6f], [0xff00, 0xff60], [0xffe0, 0xffe6], [0x16fe0, 0x18aff],
  [0x1b000, 0x1b2ff], [0x1f004, 0x1f004], [0x1f0cf, 0x1f0cf], [0x1f18e, 0x1f18e], [0x1f191, 0x1f19a],
  [0x1f200, 0x1f251], [0x1f300, 0x1f64f], [0x1f680, 0x1f6ff], [0x1f7e0, 0x1f7eb], [0x1f90c, 0x1f9ff],
  [0x1fa70, 0x1faff], [0x20000, 0x3fffd],
];

export function charWidth(cp: number): number {
  // printable ASCII first: the Unicode property test below costs a regex run per character
  if (cp >= 0x20 && cp < 0x7f) return 1;
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  if (cp < 0x1100) return /\p{Mn}|\p{Me}/u.test(String.fromCodePoint(cp)) ? 0 : 1;
  if (cp === 0x200b || cp === 0x200c || cp === 0x200d || cp === 0x2060 || cp === 0xfeff || (cp >= 0xfe00 && cp <= 0xfe0f)) return 0;
  if (/\p{Mn}|\p{Me}/u.test(String.fromCodePoint(cp))) return 0;
  for (const [lo, hi] of WIDE) if (cp >= lo && cp <= hi) return 2;
  return 1;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

export function displayWidth(s: string): number {
  // table cells are nearly always printable ASCII: one column per UTF-16 unit
  if (PRINTABLE_ASCII.test(s)) return s.length;
  let w = 0;
  for (const ch of s) w += charWidth(ch.codePointAt(0)!);
  return w;
}

/**
 * docker/cli formatter.Ellipsis: cut to `max` display columns, the last one being "…".
 * A max of 1 keeps just the first character.
 */
export function ellipsis(s: string, max: number): string {
  if (max <= 0) return '';
  const runes = [...s];
  if (max === 1) return runes[0] ?? '';
  if (displayWidth(s) <= max) return s;
  let w = 0;
  let i = 0;
  for (; i < runes.length; i++) {
    const cw = charWidth(runes[i].codePointAt(0)!);
    if (w + cw > max - 1) break;
    w += cw;
  }
  return runes.slice(0, i).join('') + '…';
}
