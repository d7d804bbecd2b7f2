/**
 * `--tail N` without reading the whole log: scan backwards from the end in chunks and find the
 * offset where the last N entries begin. An entry ends at an F record; P fragments belong to the
 * entry their stream's next F closes, so F records are counted, plus, once per stream, a
 * trailing P with no F after it (output that ended mid-line, e.g. a shell prompt, is an entry
 * too). Bytes after the last newline (a record still being written) go to the forward reader.
 */
import type { FileHandle } from 'node:fs/promises';
import { parseK8sLine } from './k8s-log.js';

const CHUNK = 64 * 1024;
const NL = 0x0a;

/** Byte offset from which reading forward yields the last `n` entries of the first `size` bytes. */
export async function tailStart(fh: FileHandle, size: number, n: number): Promise<number> {
  // buf holds the bytes [bufStart, bufStart + buf.length) that are not yet examined.
  let buf: Buffer = Buffer.alloc(0);
  let bufStart = size;
  const loadMore = async (): Promise<boolean> => {
    if (bufStart === 0) return false;
    const len = Math.min(CHUNK, bufStart);
    const chunk = Buffer.alloc(len);
    let got = 0;
    while (got < len) {
      const { bytesRead } = await fh.read(chunk, got, len - got, bufStart - len + got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    bufStart -= len;
    buf = Buffer.concat([chunk.subarray(0, got), buf]);
    return true;
  };
  // Find the end of the last complete line.
  let end: number;
  for (;;) {
    const i = buf.lastIndexOf(NL);
    if (i >= 0) { end = bufStart + i + 1; buf = buf.subarray(0, i + 1); break; }
    if (!(await loadMore())) return 0;
  }
  if (n <= 0) return end;
  let count = 0;
  const seen = new Set<string>();
  // The previous '\n' before the one at end - 1 (a negative offset would count from the end).
  const prevNl = () => { const from = end - 2 - bufStart; return from < 0 ? -1 : buf.lastIndexOf(NL, from); };
  for (;;) {
    // The line ending at `end` (its '\n' at end - 1) starts after the previous '\n'.
    let j = prevNl();
    while (j < 0 && (await loadMore())) j = prevNl();
    const lineStart = j < 0 ? 0 : bufStart + j + 1;
    const rec = parseK8sLine(buf.subarray(lineStart - bufStart, end - 1 - bufStart));
    if (rec) {
      const counts = !rec.partial || !seen.has(rec.stream);
      seen.add(rec.stream);
      if (counts && ++count > n) return end;
    }
    if (lineStart === 0) return 0;
    end = lineStart;
    buf = buf.subarray(0, end - bufStart);
  }
}
