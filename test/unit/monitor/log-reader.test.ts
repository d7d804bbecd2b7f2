import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendFileSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLogs, type ReadLogsOptions } from '../../../src/runtime/monitor/log-reader.js';
import { tailStart } from '../../../src/runtime/monitor/log-tail.js';
import type { LogEntry } from '../../../src/runtime/monitor/k8s-log.js';

let dir: string;
let log: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'bmon-unit-')); log = join(dir, 'ctr.log'); });
afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

const ts = (s: number) => `2026-01-01T00:00:${String(s).padStart(2, '0')}.000000000+00:00`;
const lineAt = (s: number, text: string, stream = 'stdout', tag = 'F') => `${ts(s)} ${stream} ${tag} ${text}\n`;
const text = (es: LogEntry[]) => es.map((e) => e.line.toString()).join('');

async function collect(opts: ReadLogsOptions = {}): Promise<LogEntry[]> {
  const out: LogEntry[] = [];
  for await (const e of readLogs(log, opts)) out.push(e);
  return out;
}

describe('tailStart', () => {
  it('finds the last N entries, counting only F records, across chunk boundaries', async () => {
    const lines = Array.from({ length: 5000 }, (_, i) => lineAt(i % 60, `line ${i} ${'y'.repeat(i % 50)}`));
    writeFileSync(log, lines.join('') + lineAt(1, 'frag', 'stdout', 'P') + lineAt(1, 'ment') + `${ts(2)} stdout P unfinished`);
    const fh = await open(log, 'r');
    const size = (await fh.stat()).size;
    try {
      const from = await tailStart(fh, size, 3);
      const buf = Buffer.alloc(size - from);
      await fh.read(buf, 0, buf.length, from);
      expect(buf.toString()).toBe(lines.slice(-2).join('') + lineAt(1, 'frag', 'stdout', 'P') + lineAt(1, 'ment') + `${ts(2)} stdout P unfinished`);
      expect(await tailStart(fh, size, 100_000)).toBe(0);
      expect(await tailStart(fh, size, 0)).toBe(size - `${ts(2)} stdout P unfinished`.length);
    } finally {
      await fh.close();
    }
  });

  it('handles empty lines and an empty file', async () => {
    writeFileSync(log, '');
    const fh = await open(log, 'r');
    expect(await tailStart(fh, 0, 5)).toBe(0);
    await fh.close();
  });
});

describe('readLogs', () => {
  it('reads, joins partials, filters since/until and tails', async () => {
    writeFileSync(log, lineAt(1, 'a') + lineAt(2, 'b', 'stderr') + lineAt(3, 'c', 'stdout', 'P') + lineAt(4, 'd') + lineAt(5, 'e') + lineAt(6, 'end', 'stdout', 'P'));
    expect(text(await collect())).toBe('a\nb\ncd\ne\nend');
    expect((await collect()).at(-1)?.partial).toBe(true);
    const sec = (s: number) => BigInt(Date.parse('2026-01-01T00:00:00Z') + s * 1000) * 1_000_000n;
    expect(text(await collect({ since: sec(2), until: sec(3) }))).toBe('b\ncd\n');
    expect(text(await collect({ tail: 2 }))).toBe('e\nend');
    expect(text(await collect({ tail: 1 }))).toBe('end');
    expect(await collect({ tail: 0 })).toHaveLength(0);
  });

  it('returns nothing for a missing file unless following', async () => {
    expect(await collect()).toEqual([]);
  });

  it('follows across conmon-style rotation and stops when told, after draining', async () => {
    writeFileSync(log, lineAt(1, 'one'));
    let stop = false;
    const got: string[] = [];
    const reader = (async () => {
      for await (const e of readLogs(log, { follow: true, pollMs: 10, stopWhen: () => stop })) got.push(e.line.toString());
    })();
    const wait = async (n: number) => { while (got.length < n) await new Promise((r) => setTimeout(r, 5)); };
    await wait(1);
    appendFileSync(log, lineAt(2, 'two'));
    await wait(2);
    // conmon 2.1.6: fresh <log>.tmp renamed over <log>
    writeFileSync(`${log}.tmp`, lineAt(3, 'three'));
    renameSync(`${log}.tmp`, log);
    await wait(3);
    appendFileSync(log, lineAt(4, 'four'));
    stop = true;
    await reader;
    expect(got).toEqual(['one\n', 'two\n', 'three\n', 'four\n']);
  });

  it('ends quietly on abort', async () => {
    writeFileSync(log, lineAt(1, 'x'));
    const ac = new AbortController();
    const got: LogEntry[] = [];
    setTimeout(() => ac.abort(), 50);
    for await (const e of readLogs(log, { follow: true, signal: ac.signal })) got.push(e);
    expect(text(got)).toBe('x\n');
  });
});
