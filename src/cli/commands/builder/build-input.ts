/**
 * What `build PATH | -` and `-f` mean, as the docker CLI decides it (cli/command/image/build
 * and build/context.go), with its messages: a directory context (the Dockerfile relative to the
 * current directory when -f is given, else PATH/Dockerfile or PATH/dockerfile), `-` for a
 * context tar on stdin or a Dockerfile on stdin with no context, `-f -` for a Dockerfile on
 * stdin. A Dockerfile outside the context is read here and passed as text.
 */
import { promises as fsp } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { gunzipSync, constants as zlib } from 'node:zlib';
import { CliError } from '../../exit.js';
import type { CommandIO } from '../../command.js';

export interface BuildInput {
  context?: string | Readable;
  dockerfile?: string;
  dockerfileText?: string;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream as AsyncIterable<Buffer | string>) chunks.push(typeof c === 'string' ? Buffer.from(c) : c);
  return Buffer.concat(chunks);
}

/** A tar (valid first header) or a compressed stream, as docker's detectArchiveReader decides. */
function isArchive(buf: Buffer): boolean {
  if (buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b) {
    try { return isArchive(gunzipSync(buf.subarray(0, 64 * 1024), { finishFlush: zlib.Z_SYNC_FLUSH })); } catch { return false; }
  }
  if (buf.length >= 3 && buf.toString('latin1', 0, 3) === 'BZh') return true;
  if (buf.length >= 6 && buf.subarray(0, 6).equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))) return true;
  if (buf.length < 512) return false;
  const field = buf.toString('latin1', 148, 156).replace(/[\0 ]+$/, '').trim();
  if (!/^[0-7]+$/.test(field)) return false;
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : buf[i]!;
  return sum === parseInt(field, 8);
}

async function lstatOrFail(path: string, what: string): Promise<void> {
  try {
    await fsp.lstat(path);
  } catch {
    throw new CliError(`unable to prepare context: ${what}: lstat ${path}: no such file or directory`, 1);
  }
}

export async function buildInput(io: CommandIO, arg: string, file: string | undefined): Promise<BuildInput> {
  const fileFromStdin = file === '-';
  if (arg === '-') {
    if (fileFromStdin) throw new CliError("invalid argument: can't use stdin for both build context and dockerfile", 1);
    const data = await readAll(io.stdin);
    if (isArchive(data)) return { context: Readable.from([data]), ...(file ? { dockerfile: file } : {}) };
    if (file) throw new CliError('unable to prepare context from STDIN: ambiguous Dockerfile source: both stdin and flag correspond to Dockerfiles', 1);
    return { dockerfileText: data.toString('utf8') };
  }
  const abs = resolve(arg);
  const st = await fsp.stat(abs).catch(() => undefined);
  if (!st) throw new CliError(`unable to prepare context: path ${JSON.stringify(arg)} not found`, 1);
  const dir = await fsp.realpath(abs);
  if (!st.isDirectory()) throw new CliError(`unable to prepare context: context must be a directory: ${dir}`, 1);
  if (fileFromStdin) return { context: dir, dockerfileText: (await readAll(io.stdin)).toString('utf8') };
  let dockerfile: string;
  if (file) {
    dockerfile = resolve(file);
  } else {
    dockerfile = join(dir, 'Dockerfile');
    const lower = join(dir, 'dockerfile');
    if (!(await fsp.lstat(dockerfile).catch(() => undefined)) && (await fsp.lstat(lower).catch(() => undefined))) dockerfile = lower;
  }
  await lstatOrFail(dockerfile, 'unable to evaluate symlinks in Dockerfile path');
  const real = await fsp.realpath(dockerfile);
  const rel = relative(dir, real);
  if (rel === '..' || rel.startsWith(`..${sep}`)) {
    return { context: dir, dockerfile: basename(real), dockerfileText: await fsp.readFile(real, 'utf8') };
  }
  return { context: dir, dockerfile: rel.split(sep).join('/') };
}
