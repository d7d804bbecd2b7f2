/**
 * For terminals whose locale is not UTF-8 (LANG=C over SSH, lazydocker #210): every frame is folded
 * to ASCII on its way out, so glyphs anywhere (separators, ellipses, sparklines, log text) never
 * print as mojibake. Replacements keep each glyph's column width so Ink's layout still lines up.
 */
const MAP: Record<string, string> = {
  '─': '-', '━': '-', '│': '|', '┃': '|', '╭': '+', '╮': '+', '╰': '+', '╯': '+', '┌': '+', '┐': '+', '└': '+', '┘': '+',
  '├': '+', '┤': '+', '┬': '+', '┴': '+', '┼': '+', '…': '~', '·': '-', '▸': '>', '●': '*', '✓': '*', '✗': 'x', '⌨': '$', '—': '-',
  '▁': '_', '▂': '.', '▃': '-', '▄': '=', '▅': '+', '▆': '*', '▇': '#', '█': '@', '→': '>', '←': '<', '×': 'x',
};

/** True for code points a terminal draws two columns wide (CJK, emoji). */
function wide(cp: number): boolean {
  return (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3)
    || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60)
    || (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1faff) || (cp >= 0x20000 && cp <= 0x3fffd);
}

export function asciiFold(s: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/.test(s)) return s;
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out += ch;
    else if (MAP[ch]) out += MAP[ch];
    else if (cp >= 0x300 && cp <= 0x36f) continue; // combining marks take no column
    else out += wide(cp) ? '??' : '?';
  }
  return out;
}

/** The same stream, with every write folded to ASCII. */
export function asciiStream<T extends NodeJS.WriteStream>(stream: T): T {
  return new Proxy(stream, {
    get(target, key) {
      if (key === 'write') {
        return (chunk: unknown, ...rest: unknown[]) =>
          (target.write as (...a: unknown[]) => boolean)(typeof chunk === 'string' ? asciiFold(chunk) : chunk, ...rest);
      }
      const v = Reflect.get(target, key, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}
