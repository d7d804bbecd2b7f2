/**
 * Go's fmt.Sprintf / Sprint / Sprintln over JS values, for the template `printf`, `print` and
 * `println` functions. Integral numbers behave as Go ints, others as float64; wrong verbs print
 * Go's own diagnostics (%!d(string=x), %!s(MISSING), %!(EXTRA …)) rather than throwing.
 */
import { formatFloat } from './go-float.js';
import { canBackquote, goQuote, goQuoteRune } from './go-quote.js';
import { formatGoTime, formatValue, goTypeName, isGoMap, isStringer, mapEntries } from './go-value.js';

interface Spec {
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  /** %+v: struct field names; the plus flag itself is cleared, as in Go. */
  plusV?: boolean;
  width?: number;
  prec?: number;
  verb: string;
}

const runeCount = (s: string): number => [...s].length;

function pad(s: string, f: Spec): string {
  const n = (f.width ?? 0) - runeCount(s);
  if (n <= 0) return s;
  if (f.minus) return s + ' '.repeat(n);
  return (f.zero ? '0' : ' ').repeat(n) + s;
}

function badVerb(arg: unknown, verb: string): string {
  if (arg === undefined || arg === null) return `%!${verb}(<nil>)`;
  return `%!${verb}(${goTypeName(arg)}=${formatValue(arg)})`;
}

function fmtInteger(n: bigint, f: Spec): string {
  const v = f.verb;
  const base = v === 'b' ? 2 : v === 'o' || v === 'O' ? 8 : v === 'x' || v === 'X' ? 16 : 10;
  const neg = n < 0n;
  let digits = (neg ? -n : n).toString(base);
  if (v === 'X') digits = digits.toUpperCase();
  let prec = f.prec;
  if (prec === 0 && n === 0n) return pad('', { ...f, zero: false });
  if (prec === undefined && f.zero && !f.minus && f.width !== undefined) {
    // Like Go, the 0x/0o prefix is not counted: %#08x of 255 is 0x000000ff.
    prec = f.width - (neg || f.plus || f.space ? 1 : 0);
  }
  if (prec !== undefined) digits = digits.padStart(prec, '0');
  if (f.sharp && base === 8 && digits[0] !== '0') digits = '0' + digits;
  if (f.sharp && base === 16) digits = (v === 'X' ? '0X' : '0x') + digits;
  if (f.sharp && base === 2) digits = '0b' + digits;
  if (v === 'O') digits = '0o' + digits;
  const sign = neg ? '-' : f.plus ? '+' : f.space ? ' ' : '';
  return pad(sign + digits, { ...f, zero: false });
}

function fmtFloatVerb(x: number, f: Spec): string {
  const verb = f.verb === 'v' ? 'g' : (f.verb as 'e' | 'E' | 'f' | 'F' | 'g' | 'G');
  const prec = f.prec ?? (verb === 'g' || verb === 'G' ? -1 : 6);
  let num = formatFloat(x, verb, prec);
  if (num === 'NaN' || num.endsWith('Inf')) {
    // Go keeps "+Inf" (" Inf" with the space flag) and signs NaN only when asked; never zero-padded.
    if (num === '+Inf' && f.space && !f.plus) num = ' Inf';
    else if (num === 'NaN' && (f.plus || f.space)) num = (f.plus ? '+' : ' ') + num;
    return pad(num, { ...f, zero: false });
  }
  let sign = '';
  if (num.startsWith('-')) [sign, num] = ['-', num.slice(1)];
  else if (f.plus) sign = '+';
  else if (f.space) sign = ' ';
  if (f.sharp && !num.includes('.') && !/e/i.test(num)) num += '.';
  if (f.zero && !f.minus && f.width !== undefined) return sign + num.padStart(f.width - sign.length, '0');
  return pad(sign + num, f);
}

function fmtString(s: string, f: Spec): string {
  switch (f.verb) {
    case 'v':
    case 's':
      return pad(f.prec === undefined ? s : [...s].slice(0, f.prec).join(''), f);
    case 'q': {
      const t = f.prec === undefined ? s : [...s].slice(0, f.prec).join('');
      return pad(f.sharp && canBackquote(t) ? '`' + t + '`' : goQuote(t, f.plus), f);
    }
    case 'x':
    case 'X': {
      let bytes = [...Buffer.from(s, 'utf8')];
      if (f.prec !== undefined) bytes = bytes.slice(0, f.prec);
      const hex = bytes.map((b) => (f.sharp ? '0x' : '') + b.toString(16).padStart(2, '0'));
      const out = f.space ? hex.join(' ') : hex.join('');
      return pad(f.verb === 'X' ? out.toUpperCase() : out, f);
    }
    default:
      return badVerb(s, f.verb);
  }
}

function fmtNumber(x: number | bigint, f: Spec): string {
  const isInt = typeof x === 'bigint' || Number.isInteger(x);
  if ('eEfFgG'.includes(f.verb) || (f.verb === 'v' && !isInt)) return fmtFloatVerb(Number(x), f);
  if (!isInt) return badVerb(x, f.verb);
  const n = BigInt(x);
  switch (f.verb) {
    case 'v': case 'd': case 'b': case 'o': case 'O': case 'x': case 'X':
      return fmtInteger(n, f);
    case 'c':
      return pad(n < 0n || n > 0x10ffffn ? '\ufffd' : String.fromCodePoint(Number(n)), f);
    case 'q':
      return pad(goQuoteRune(Number(n), f.plus), f);
    case 'U': {
      const u = 'U+' + n.toString(16).toUpperCase().padStart(4, '0');
      const printable = n >= 0n && n <= 0x10ffffn ? goQuoteRune(Number(n)) : '';
      return pad(f.sharp && printable && !printable.includes('\\') ? `${u} ${printable}` : u, f);
    }
    default:
      return badVerb(x, f.verb);
  }
}

/** Format one argument for one verb (fmt's printArg/printValue). */
export function formatArg(arg: unknown, f: Spec): string {
  if (f.verb === 'T') return pad(goTypeName(arg), f);
  if (arg === undefined || arg === null) return f.verb === 'v' ? pad('<nil>', f) : badVerb(arg, f.verb);
  if (typeof arg === 'string') return fmtString(arg, f);
  if (typeof arg === 'number' || typeof arg === 'bigint') return fmtNumber(arg, f);
  if (typeof arg === 'boolean') return f.verb === 'v' || f.verb === 't' ? pad(String(arg), f) : badVerb(arg, f.verb);
  const stringy = 'vsqxX'.includes(f.verb);
  if (arg instanceof Date) return stringy ? fmtString(formatGoTime(arg), f) : badVerb(arg, f.verb);
  if (Array.isArray(arg)) return `[${arg.map((x) => formatArg(x, f)).join(' ')}]`;
  if (isGoMap(arg)) return `map[${mapEntries(arg).map(([k, x]) => `${formatArg(k, f)}:${formatArg(x, f)}`).join(' ')}]`;
  if (isStringer(arg)) return stringy ? fmtString(arg.toString(), f) : badVerb(arg, f.verb);
  if (typeof arg === 'function') return f.verb === 'v' ? pad('<func>', f) : badVerb(arg, f.verb);
  const fields = Object.entries(arg as object).map(([k, x]) => (f.plusV ? `${k}:` : '') + formatArg(x, f));
  return `{${fields.join(' ')}}`;
}

/** fmt.Sprintf. */
export function sprintf(format: string, args: readonly unknown[]): string {
  let out = '';
  let argNum = 0;
  let reordered = false;
  let i = 0;
  const readIndex = (): boolean => {
    if (format[i] !== '[') return true;
    reordered = true;
    const close = format.indexOf(']', i);
    const n = close < 0 ? NaN : Number(format.slice(i + 1, close));
    i = close < 0 ? format.length : close + 1;
    if (!Number.isInteger(n) || n < 1 || n > args.length) return false;
    argNum = n - 1;
    return true;
  };
  const readNum = (): number | undefined => {
    const m = /^\d+/.exec(format.slice(i));
    if (!m) return undefined;
    i += m[0].length;
    return Number(m[0]);
  };
  const readStar = (): number | undefined | 'bad' => {
    i++;
    const v = args[argNum++];
    return typeof v === 'number' && Number.isInteger(v) ? v : 'bad';
  };
  while (i < format.length) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    i = pct + 1;
    const f: Spec = { minus: false, plus: false, sharp: false, space: false, zero: false, verb: '' };
    for (; i < format.length; i++) {
      const c = format[i];
      if (c === '-') f.minus = true;
      else if (c === '+') f.plus = true;
      else if (c === '#') f.sharp = true;
      else if (c === ' ') f.space = true;
      else if (c === '0') f.zero = !f.minus;
      else break;
    }
    let good = readIndex();
    let bad = '';
    if (format[i] === '*') {
      const w = readStar();
      if (w === 'bad') bad += '%!(BADWIDTH)';
      else if (w !== undefined && w < 0) [f.minus, f.width] = [true, -w];
      else f.width = w;
    } else f.width = readNum();
    if (format[i] === '.') {
      i++;
      good = readIndex() && good;
      if (format[i] === '*') {
        const p = readStar();
        if (p === 'bad' || (p !== undefined && p < 0)) bad += '%!(BADPREC)';
        else f.prec = p;
      } else f.prec = readNum() ?? 0;
    }
    good = readIndex() && good;
    if (f.minus) f.zero = false;
    out += bad;
    if (i >= format.length) {
      out += '%!(NOVERB)';
      break;
    }
    f.verb = String.fromCodePoint(format.codePointAt(i)!);
    i += f.verb.length;
    if (f.verb === 'v' && f.plus) [f.plus, f.plusV] = [false, true];
    if (f.verb === '%') out += '%';
    else if (!good) out += `%!${f.verb}(BADINDEX)`;
    else if (argNum >= args.length) out += `%!${f.verb}(MISSING)`;
    else out += formatArg(args[argNum++], f);
  }
  if (!reordered && argNum < args.length) {
    const extra = args.slice(argNum).map((a) => (a === undefined || a === null ? '<nil>' : `${goTypeName(a)}=${formatValue(a)}`));
    out += `%!(EXTRA ${extra.join(', ')})`;
  }
  return out;
}

/** fmt.Sprint: spaces only between operands when neither is a string. */
export function sprint(args: readonly unknown[]): string {
  let out = '';
  args.forEach((a, n) => {
    if (n > 0 && typeof a !== 'string' && typeof args[n - 1] !== 'string') out += ' ';
    out += formatValue(a);
  });
  return out;
}

/** fmt.Sprintln: always spaces, then a newline. */
export function sprintln(args: readonly unknown[]): string {
  return args.map(formatValue).join(' ') + '\n';
}
