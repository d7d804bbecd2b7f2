import { describe, expect, it } from 'vitest';
import { asMap, encodeJson, sprint, sprintf, sprintln } from '../../../src/cli/format/index.js';
import { formatFloat } from '../../../src/cli/format/go-float.js';
import { goQuote } from '../../../src/cli/format/go-quote.js';

describe('formatFloat (strconv.FormatFloat)', () => {
  it.each([
    [2.5, 'f', 0, '2'], // exact halves round to even, unlike toFixed
    [3.5, 'f', 0, '4'],
    [0.125, 'f', 2, '0.12'],
    [0.375, 'f', 2, '0.38'],
    [1.0625, 'g', 3, '1.06'],
    [999.999, 'g', 3, '1e+03'],
    [4.261302, 'g', 3, '4.26'],
    [100, 'g', 3, '100'],
    [0, 'g', 3, '0'],
    [0, 'e', 6, '0.000000e+00'],
    [1234.5678, 'e', 2, '1.23e+03'],
    [1e-7, 'e', -1, '1e-07'],
    [1e6, 'g', -1, '1e+06'],
    [123456, 'g', -1, '123456'],
    [1234567.5, 'g', -1, '1.2345675e+06'],
    [0.0001, 'g', -1, '0.0001'],
    [0.00001, 'g', -1, '1e-05'],
    [-1.5, 'f', 3, '-1.500'],
    [0.1, 'f', 20, '0.10000000000000000555'],
    [1e21, 'f', -1, '1000000000000000000000'],
    [5e-324, 'e', 3, '4.941e-324'],
    [Infinity, 'g', -1, '+Inf'],
    [-Infinity, 'f', 2, '-Inf'],
    [NaN, 'e', 2, 'NaN'],
  ] as const)('%s %s %s → %s', (x, verb, prec, want) => {
    expect(formatFloat(x, verb, prec)).toBe(want);
  });
});

describe('sprintf', () => {
  it.each([
    ['%5s|%-5s|%05s', ['ab', 'ab', 'ab'], '   ab|ab   |000ab'],
    ['%.1s', ['héllo'], 'h'],
    ['%q', ['a"b\n\x01é'], '"a\\"b\\n\\x01é"'],
    ['%+q', ['é'], '"\\u00e9"'],
    ['%#q', ['a"b'], '`a"b`'],
    ['%x % x %X', ['hi', 'hi', 'hi'], '6869 68 69 6869'],
    ['%d|%+d|% d|%05d|%-5d|%.3d', [-7, 7, 7, -42, 42, 7], '-7|+7| 7|-0042|42   |007'],
    ['%#08x|%#o|%O|%b', [255, 8, 8, 5], '0x000000ff|010|0o10|101'],
    ['%08.3f|%+.2e|% .1f|%-8.2f|', [-3.14159, 12345, 2, 1.5], '-003.142|+1.23e+04| 2.0|1.50    |'],
    ['%f|%5.1f', [Infinity, NaN], '+Inf|  NaN'],
    ['%g|%G|%.3g', [1e-10, 1e-10, 123456], '1e-10|1E-10|1.23e+05'],
    ['%c%c|%U|%#U', [0x48, 0x1f433, 0x41, 0x41], "H🐳|U+0041|U+0041 'A'"],
    ['%t|%v|%s', [false, true, true], 'false|true|%!s(bool=true)'],
    ['%v|%d|%s', [[1, 2], [1, 2], ['a', 'b']], '[1 2]|[1 2]|[a b]'],
    ['%v', [asMap({ b: 1, a: [2] })], 'map[a:[2] b:1]'],
    ['%v|%+v', [{ A: 1, B: { C: 'x' } }, { A: 1, B: { C: 'x' } }], '{1 {x}}|{A:1 B:{C:x}}'],
    ['%d', [1.5], '%!d(float64=1.5)'],
    ['%z', [1], '%!z(int=1)'],
    ['%', [], '%!(NOVERB)'],
    ['%[3]d', [1, 2], '%!d(BADINDEX)'],
    ['%-*d|', [-4, 1], '1   |'],
    ['%s %s', ['a', null], 'a %!s(<nil>)'],
    ['%v %s', [new Date(Date.UTC(2020, 0, 1)), new Date(Date.UTC(2020, 0, 1))], '2020-01-01 00:00:00 +0000 UTC 2020-01-01 00:00:00 +0000 UTC'],
    ['%d %d', [1n, -(2n ** 70n)], '1 -1180591620717411303424'],
  ] as [string, unknown[], string][])('%s', (format, args, want) => {
    expect(sprintf(format, args)).toBe(want);
  });

  it('reports extra and missing operands like Go', () => {
    expect(sprintf('%d', [1, 'x', null])).toBe('1%!(EXTRA string=x, <nil>)');
    expect(sprintf('%d %d', [1])).toBe('1 %!d(MISSING)');
  });

  it('Sprint spaces only between non-strings; Sprintln always', () => {
    expect(sprint(['a', 1, 2, 'b', true, false])).toBe('a1 2btrue false');
    expect(sprintln(['a', 1])).toBe('a 1\n');
    expect(sprint([])).toBe('');
  });

  it('uses a class toString like a Go Stringer', () => {
    class Port {
      toString() {
        return '80/tcp';
      }
    }
    expect(sprintf('%s|%v|%d', [new Port(), new Port(), new Port()])).toBe('80/tcp|80/tcp|%!d(struct=80/tcp)');
  });
});

describe('goQuote (strconv.Quote)', () => {
  it.each([
    ['plain', '"plain"'],
    ['tab\there', '"tab\\there"'],
    ['\x7f\x00\u0085', '"\\x7f\\x00\\u0085"'],
    ['emoji 🐳', '"emoji 🐳"'],
    ['\u00a0', '"\\u00a0"'],
  ])('%j', (s, want) => expect(goQuote(s)).toBe(want));
});

describe('encodeJson (encoding/json)', () => {
  it.each([
    [{ b: 1, a: 'x' }, '{"b":1,"a":"x"}'],
    [asMap({ b: 1, a: 'x' }), '{"a":"x","b":1}'],
    [new Map([['z', 1], ['y', 2]]), '{"y":2,"z":1}'],
    [[1, undefined, null, () => 1], '[1,null,null,null]'],
    [{ skip: undefined, fn: () => 1, keep: null }, '{"keep":null}'],
    ['<&>', '"<&>"'],
    ['\u2028\u2029\x1b\b\f', '"\\u2028\\u2029\\u001b\\b\\f"'],
    ['\ud800', '"\\ufffd"'],
    [1.5e300, '1.5e+300'],
    [1e-7, '1e-7'],
    [NaN, 'null'],
    [new Date(Date.UTC(2024, 5, 1)), '"2024-06-01T00:00:00Z"'],
    [new Uint8Array([1, 2, 3]), '"AQID"'],
    [{ toJSON: () => ({ x: 1 }) }, '{"x":1}'],
  ] as [unknown, string][])('%j', (v, want) => {
    expect(encodeJson(v)).toBe(want);
  });

  it('escapes <, > and & like json.Marshal when asked', () => {
    expect(encodeJson({ a: 'x<y>&z' }, { escapeHTML: true })).toBe('{"a":"x\\u003cy\\u003e\\u0026z"}');
  });

  it('turns cycles into null instead of recursing forever', () => {
    const a: Record<string, unknown> = { n: 1 };
    a.self = a;
    expect(encodeJson(a)).toBe('{"n":1,"self":null}');
  });
});
