/** Small I/O helpers shared by verbs: input files or stdin, output files or stdout. */
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { CliError } from '../exit.js';
import type { CommandIO } from '../command.js';

/** A file path, or "-" / undefined for stdin (refused when stdin is a terminal, as docker does). */
export function inputStream(io: CommandIO, path: string | undefined, what: string): Readable {
  if (path && path !== '-') {
    const s = createReadStream(path);
    return s;
  }
  if (io.stdin.isTTY) throw new CliError(`requested ${what} from a terminal. Use -i or redirect stdin`);
  return io.stdin as unknown as Readable;
}

/**
 * Write to a file atomically (temp + rename) so a failed save never leaves a half file under the
 * user's name; or to stdout, refused when stdout is a terminal.
 */
export async function withOutput(io: CommandIO, path: string | undefined, fn: (out: NodeJS.WritableStream) => Promise<void>): Promise<void> {
  if (!path || path === '-') {
    if (io.stdout.isTTY) throw new CliError('cowardly refusing to save to a terminal. Use the -o flag or redirect');
    await fn(io.stdout);
    return;
  }
  const tmp = `${path}.berth-tmp-${process.pid}`;
  const out = createWriteStream(tmp);
  try {
    await fn(out);
    if (!out.writableEnded) out.end();
    await finished(out); // settles even when the writer already ended the stream
    await rename(tmp, path);
  } catch (err) {
    out.destroy();
    await rm(tmp, { force: true });
    throw err;
  }
}

export function write(io: CommandIO, s: string): void {
  io.stdout.write(s);
}

export function asString(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function asStrings(v: unknown): string[] {
  return Array.isArray(v) ? (v as string[]) : [];
}
