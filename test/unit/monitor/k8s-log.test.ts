import { describe, expect, it } from 'vitest';
import {
  formatRfc3339NanoUtc, parseK8sLine, parseRfc3339Nano, PartialJoiner, MAX_ENTRY,
} from '../../../src/runtime/monitor/k8s-log.js';

const T = '2026-11-23T13:37:14.573041551+00:00';
const rec = (s: string) => parseK8sLine(Buffer.from(s))!;

describe('parseK8sLine', () => {
  it('parses full and partial records', () => {
    expect(rec(`${T} stdout F hello world`)).toEqual({ time: T, stream: 'stdout', partial: false, content: Buffer.from('hello world') });
    expect(rec(`${T} stderr P abc`)).toMatchObject({ stream: 'stderr', partial: true, content: Buffer.from('abc') });
  });

  it('keeps empty content, spaces and carriage returns', () => {
    expect(rec(`${T} stdout F `).content.length).toBe(0);
    expect(rec(`${T} stdout F`).content.length).toBe(0);
    expect(rec(`${T} stdout F  two  spaces\r`).content.toString()).toBe(' two  spaces\r');
  });

  it('keeps binary content intact', () => {
    const line = Buffer.concat([Buffer.from(`${T} stdout F `), Buffer.from([0xff, 0x00, 0xc3])]);
    expect([...parseK8sLine(line)!.content]).toEqual([0xff, 0x00, 0xc3]);
  });

  it('rejects malformed lines', () => {
    for (const bad of ['', 'garbage', `${T} stdin F x`, `${T} stdout X x`, `${T} stdout Fx`, `${T}`]) {
      expect(parseK8sLine(Buffer.from(bad))).toBeUndefined();
    }
  });
});

describe('timestamps', () => {
  it('parses RFC3339Nano with offsets', () => {
    expect(parseRfc3339Nano('1970-01-01T00:00:01.000000002Z')).toBe(1_000_000_002n);
    expect(parseRfc3339Nano('1970-01-01T01:00:01.5+01:00')).toBe(1_500_000_000n);
    expect(parseRfc3339Nano('1970-01-01T00:00:00-00:30')).toBe(1_800_000_000_000n);
    expect(parseRfc3339Nano('yesterday')).toBeUndefined();
  });

  it('formats docker style UTC', () => {
    expect(formatRfc3339NanoUtc(parseRfc3339Nano(T)!)).toBe('2026-11-23T13:37:14.573041551Z');
    expect(formatRfc3339NanoUtc(1_000_000_002n)).toBe('1970-01-01T00:00:01.000000002Z');
  });
});

describe('PartialJoiner', () => {
  it('joins P fragments per stream and appends the newline', () => {
    const j = new PartialJoiner();
    expect(j.push(rec(`${T} stdout P ab`))).toBeUndefined();
    const err = j.push(rec(`${T} stderr F oops`));
    expect(err).toMatchObject({ stream: 'stderr', partial: false, line: Buffer.from('oops\n') });
    const out = j.push(rec(`2026-11-23T13:37:15.000000000+00:00 stdout F cd`));
    expect(out).toMatchObject({ stream: 'stdout', time: T, line: Buffer.from('abcd\n'), partial: false });
    expect(out!.timeNs).toBe(parseRfc3339Nano(T));
  });

  it('flushes unfinished fragments as partial entries', () => {
    const j = new PartialJoiner();
    j.push(rec(`${T} stdout P prompt$ `));
    expect(j.flush()).toEqual([expect.objectContaining({ line: Buffer.from('prompt$ '), partial: true })]);
    expect(j.flush()).toEqual([]);
  });

  it('caps an endless line', () => {
    const j = new PartialJoiner();
    const big = 'x'.repeat(8192);
    let out;
    for (let i = 0; !out; i++) out = j.push(rec(`${T} stdout P ${big}`));
    expect(out.partial).toBe(true);
    expect(out.line.length).toBeGreaterThanOrEqual(MAX_ENTRY);
  });
});
