/**
 * conmon's k8s-file log format (src/ctr_logging.c write_k8s_log): one record per line,
 *   `<RFC3339Nano with local offset> <stdout|stderr> <F|P> <content>\n`
 * F closes a line of output (the newline itself is not stored); P is a fragment with no newline
 * yet (conmon reads 8 KiB at a time; a later record of the same stream continues it). A tty
 * container's lines keep their `\r`.
 */

export type LogStream = 'stdout' | 'stderr';

export interface K8sRecord {
  time: string;
  stream: LogStream;
  partial: boolean;
  content: Buffer;
}

/** One logical log entry, as `docker logs` shows it. */
export interface LogEntry {
  stream: LogStream;
  /** conmon's RFC3339Nano timestamp of the entry's first fragment, as written. */
  time: string;
  /** The same instant in unix nanoseconds. */
  timeNs: bigint;
  /** The output, ending in `\n` unless `partial`. */
  line: Buffer;
  /** No newline ended it: output that stopped mid-line, or a line cut at the size cap. */
  partial: boolean;
}

const SPACE = 0x20;

/** Parse one physical line (without its `\n`); undefined for anything malformed. */
export function parseK8sLine(line: Buffer): K8sRecord | undefined {
  const a = line.indexOf(SPACE);
  const b = a < 0 ? -1 : line.indexOf(SPACE, a + 1);
  if (b < 0) return undefined;
  const stream = line.toString('latin1', a + 1, b);
  if (stream !== 'stdout' && stream !== 'stderr') return undefined;
  const tag = line[b + 1];
  if ((tag !== 0x46 /* F */ && tag !== 0x50 /* P */) || (b + 2 < line.length && line[b + 2] !== SPACE)) return undefined;
  return {
    time: line.toString('latin1', 0, a),
    stream,
    partial: tag === 0x50,
    content: line.subarray(Math.min(b + 3, line.length)),
  };
}

const TS = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/;

/** RFC 3339 (any offset, up to 9 fractional digits) → unix nanoseconds. */
export function parseRfc3339Nano(s: string): bigint | undefined {
  const m = TS.exec(s);
  if (!m) return undefined;
  const ms = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(ms)) return undefined;
  return BigInt(ms) * 1_000_000n + BigInt((m[2] ?? '').padEnd(9, '0'));
}

/** Docker's timestamp style (RFC3339NanoFixed, UTC): 2024-01-02T03:04:05.000000000Z */
export function formatRfc3339NanoUtc(ns: bigint): string {
  const secs = ns / 1_000_000_000n;
  const frac = (ns % 1_000_000_000n).toString().padStart(9, '0');
  return `${new Date(Number(secs) * 1000).toISOString().slice(0, 19)}.${frac}Z`;
}

/** Entries longer than this are emitted in pieces marked partial (bounded memory). */
export const MAX_ENTRY = 1 << 20;

/** Joins P fragments per stream into whole entries. */
export class PartialJoiner {
  private pending = new Map<LogStream, { time: string; chunks: Buffer[]; size: number }>();

  push(rec: K8sRecord): LogEntry | undefined {
    let p = this.pending.get(rec.stream);
    if (!p) {
      p = { time: rec.time, chunks: [], size: 0 };
      this.pending.set(rec.stream, p);
    }
    p.chunks.push(rec.content);
    p.size += rec.content.length;
    if (rec.partial && p.size < MAX_ENTRY) return undefined;
    this.pending.delete(rec.stream);
    if (!rec.partial) p.chunks.push(Buffer.from('\n'));
    return entry(rec.stream, p.time, Buffer.concat(p.chunks), rec.partial);
  }

  /** Fragments never completed (the output ended without a newline). */
  flush(): LogEntry[] {
    const out = [...this.pending].map(([stream, p]) => entry(stream, p.time, Buffer.concat(p.chunks), true));
    this.pending.clear();
    return out.sort((x, y) => (x.timeNs < y.timeNs ? -1 : x.timeNs > y.timeNs ? 1 : 0));
  }
}

function entry(stream: LogStream, time: string, line: Buffer, partial: boolean): LogEntry {
  return { stream, time, timeNs: parseRfc3339Nano(time) ?? 0n, line, partial };
}
