/**
 * The "Options:" block of help, a port of pflag's FlagUsagesWrapped so columns, value names,
 * "(default …)" suffixes and wrapping line up byte-for-byte with docker's help.
 */
import type { FlagDef } from './command.js';
import { goQuote } from './flag-values.js';

const TYPE_NAMES: Record<FlagDef['type'], string> = {
  bool: '', string: 'string', stringArray: 'stringArray', int: 'int', duration: 'duration',
};

/** pflag's UnquoteUsage: a `backquoted` word in the description names the value. */
function valueNameAndUsage(def: FlagDef): [string, string] {
  const m = /`([^`]*)`/.exec(def.description);
  if (m) return [m[1]!, def.description.replace(m[0], m[1]!)];
  if (def.type === 'bool') return ['', def.description];
  return [def.valueName ?? TYPE_NAMES[def.type], def.description];
}

/** pflag prints a default only when it differs from the type's zero value; strings are %q-quoted. */
function defaultSuffix(def: FlagDef): string {
  const d = def.default;
  if (d === undefined || def.type === 'stringArray') return '';
  if (def.type === 'bool') return d === true ? ' (default true)' : '';
  if (def.type === 'int') return d !== 0 && d !== '0' ? ` (default ${d})` : '';
  if (def.type === 'duration') return d !== '0' && d !== '0s' && d !== '' ? ` (default ${d})` : '';
  return d !== '' ? ` (default ${goQuote(String(d))})` : '';
}

/** pflag's wrapN: split at whitespace within `i` chars, allowing `slop` overrun for the tail. */
function wrapN(i: number, slop: number, s: string): [string, string] {
  if (i + slop > s.length) return [s, ''];
  const head = s.slice(0, i);
  const w = Math.max(head.lastIndexOf(' '), head.lastIndexOf('\t'), head.lastIndexOf('\n'));
  if (w <= 0) return [s, ''];
  const nl = head.lastIndexOf('\n');
  if (nl > 0 && nl < w) return [s.slice(0, nl), s.slice(nl + 1)];
  return [s.slice(0, w), s.slice(w + 1)];
}

/** pflag's wrap: text at indent `i` wrapped to width `w`; the first line's indent is the caller's. */
export function wrapText(i: number, w: number, s: string): string {
  if (w === 0) return s.replaceAll('\n', '\n' + ' '.repeat(i));
  let width = w - i;
  let r = '';
  if (width < 24) {
    i = 16;
    width = w - i;
    r += '\n' + ' '.repeat(i);
  }
  if (width < 24) return s.replaceAll('\n', r);
  const slop = 5;
  width -= slop;
  const pad = ' '.repeat(i);
  let [l, rest] = wrapN(width, slop, s);
  r += l.replaceAll('\n', '\n' + pad);
  while (rest !== '') {
    [l, rest] = wrapN(width, slop, rest);
    r += '\n' + pad + l.replaceAll('\n', '\n' + pad);
  }
  return r;
}

/** Sorted, aligned, wrapped option lines (hidden flags left out); `cols` 0 disables wrapping. */
export function flagUsages(defs: FlagDef[], cols: number): string {
  const rows = [...defs].filter((d) => !d.hidden).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((d) => {
      const [valueName, usage] = valueNameAndUsage(d);
      let left = d.short ? `  -${d.short}, --${d.name}` : `      --${d.name}`;
      if (valueName) left += ' ' + valueName;
      return { left, text: usage + defaultSuffix(d) };
    });
  // maxlen counts pflag's NUL placeholder, hence the +1 and the "+2" indent below.
  const maxlen = Math.max(0, ...rows.map((r) => r.left.length + 1));
  return rows.map((r) => `${r.left} ${' '.repeat(maxlen - r.left.length)} ${wrapText(maxlen + 2, cols, r.text)}\n`).join('');
}
