/**
 * Go's float formatting (strconv.FormatFloat for %e, %f, %g and %v). JS's toPrecision/toFixed round
 * exact halves up, Go rounds them to even, so sizes like 1.0625MB would print differently; we work
 * on the exact decimal expansion of the double instead.
 */

/** value = 0.d[0]d[1]… × 10^dp; `d` has no leading or trailing zeros ("" for zero). */
interface Decimal {
  d: string;
  dp: number;
}

function exactDecimal(x: number): Decimal {
  if (x === 0) return { d: '', dp: 0 };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const expBits = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & ((1n << 52n) - 1n);
  let e = -1074;
  if (expBits !== 0) {
    mant |= 1n << 52n;
    e = expBits - 1075;
  }
  // m·2^e = m·5^-e / 10^-e, so the digits of m·5^-e are the exact decimal digits.
  const digits = e >= 0 ? (mant << BigInt(e)).toString() : (mant * 5n ** BigInt(-e)).toString();
  const dp = e >= 0 ? digits.length : digits.length + e;
  return { d: digits.replace(/0+$/, ''), dp };
}

/** Round to nd significant digits, halves to even (Go's decimal.Round). */
function roundTo(a: Decimal, nd: number): Decimal {
  if (nd < 0 || nd >= a.d.length) return a;
  const half = a.d[nd] === '5' && nd + 1 === a.d.length;
  const up = half ? nd > 0 && Number(a.d[nd - 1]) % 2 === 1 : a.d[nd] >= '5';
  if (!up) return { d: a.d.slice(0, nd).replace(/0+$/, ''), dp: a.dp };
  let i = nd - 1;
  while (i >= 0 && a.d[i] === '9') i--;
  if (i < 0) return { d: '1', dp: a.dp + 1 };
  return { d: a.d.slice(0, i) + String(Number(a.d[i]) + 1), dp: a.dp };
}

function shortest(x: number): Decimal {
  if (x === 0) return { d: '', dp: 0 };
  // toExponential() without an argument yields the shortest round-tripping digits, like Go's.
  const [mant, exp] = x.toExponential().split('e');
  const d = mant.replace('.', '').replace(/0+$/, '');
  return { d, dp: Number(exp) + 1 };
}

function fmtE(neg: boolean, a: Decimal, prec: number, ch: 'e' | 'E'): string {
  let s = neg ? '-' : '';
  s += a.d[0] ?? '0';
  if (prec > 0) s += '.' + a.d.slice(1, 1 + prec).padEnd(prec, '0');
  const exp = a.d.length === 0 ? 0 : a.dp - 1;
  const abs = Math.abs(exp);
  return `${s}${ch}${exp < 0 ? '-' : '+'}${abs < 10 ? '0' : ''}${abs}`;
}

function fmtF(neg: boolean, a: Decimal, prec: number): string {
  let s = neg ? '-' : '';
  s += a.dp > 0 ? a.d.slice(0, a.dp).padEnd(a.dp, '0') : '0';
  if (prec > 0) {
    s += '.';
    for (let i = 1; i <= prec; i++) {
      const j = a.dp + i - 1;
      s += j >= 0 && j < a.d.length ? a.d[j] : '0';
    }
  }
  return s;
}

function special(x: number): string | undefined {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  return undefined;
}

/** strconv.FormatFloat(x, verb, prec, 64); prec < 0 means shortest. */
export function formatFloat(x: number, verb: 'e' | 'E' | 'f' | 'F' | 'g' | 'G', prec: number): string {
  const sp = special(x);
  if (sp !== undefined) return sp;
  const neg = x < 0 || Object.is(x, -0);
  const isShortest = prec < 0;
  let digs = isShortest ? shortest(Math.abs(x)) : exactDecimal(Math.abs(x));
  if (verb === 'f' || verb === 'F') {
    if (!isShortest) digs = roundTo(digs, digs.dp + prec);
    return fmtF(neg, digs, isShortest ? Math.max(digs.d.length - digs.dp, 0) : prec);
  }
  if (verb === 'e' || verb === 'E') {
    if (!isShortest) digs = roundTo(digs, prec + 1);
    return fmtE(neg, digs, isShortest ? Math.max(digs.d.length - 1, 0) : prec, verb);
  }
  let p = isShortest ? digs.d.length : prec === 0 ? 1 : prec;
  if (!isShortest) digs = roundTo(digs, p);
  let eprec = p;
  if (eprec > digs.d.length && digs.d.length >= digs.dp) eprec = digs.d.length;
  if (isShortest) eprec = 6;
  const exp = digs.dp - 1;
  if (exp < -4 || exp >= eprec) {
    if (p > digs.d.length) p = digs.d.length;
    return fmtE(neg, digs, p - 1, verb === 'g' ? 'e' : 'E');
  }
  if (p > digs.dp) p = digs.d.length;
  return fmtF(neg, digs, Math.max(p - digs.dp, 0));
}

/** How Go's %v prints a JS number: integral values as Go ints, the rest as float64 (%g shortest). */
export function formatNumberV(x: number): string {
  if (Number.isInteger(x) && Math.abs(x) < 1e21) return Object.is(x, -0) ? '0' : String(x);
  return formatFloat(x, 'g', -1);
}
