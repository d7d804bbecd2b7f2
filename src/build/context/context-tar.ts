/**
 * The build-context tar the docker CLI sends to POST /build: the walked entries with uid/gid 0,
 * permission bits kept, mtimes in whole seconds, directories as "name/", hard links as links
 * to the first name seen. Sockets are skipped (Go's tar writer cannot encode them).
 */
import { createReadStream, promises as fsp, type Stats } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import tar, { type Header, type Pack } from 'tar-stream';
import { toEngineError } from '../../lib/errors.js';
import { readIgnoreFile } from './ignore-rules.js';
import { walkContext, type ContextEntry, type WalkOptions } from './walk.js';

export interface ContextTarOptions extends WalkOptions {
  /** Ignore patterns; read from the applicable ignore file when omitted. */
  patterns?: readonly string[];
}

// tar-stream replaces a falsy mode with 0644/0755; a bit outside 07777 keeps 0 intact (it is
// masked off when encoding).
const modeOf = (st: Stats) => (st.mode & 0o7777) | 0o10000;
const major = (rdev: number) => Number((BigInt(rdev) >> 8n) & 0xfffn) | Number((BigInt(rdev) >> 32n) & ~0xfffn);
const minor = (rdev: number) => Number(BigInt(rdev) & 0xffn) | Number((BigInt(rdev) >> 12n) & ~0xffn);

function header(e: ContextEntry, links: Map<string, string>): (Partial<Header> & { name: string }) | undefined {
  const st = e.stat;
  const base = { mode: modeOf(st), uid: 0, gid: 0, mtime: new Date(Math.floor(st.mtimeMs / 1000) * 1000) };
  if (st.isDirectory()) return { ...base, name: e.rel + '/', type: 'directory' };
  if (st.isSocket()) return undefined;
  if (st.nlink > 1) {
    const key = `${st.dev}:${st.ino}`;
    const first = links.get(key);
    if (first !== undefined) return { ...base, name: e.rel, type: 'link', linkname: first, size: 0 };
    links.set(key, e.rel);
  }
  if (st.isFile()) return { ...base, name: e.rel, type: 'file', size: st.size };
  if (st.isFIFO()) return { ...base, name: e.rel, type: 'fifo' };
  if (st.isCharacterDevice() || st.isBlockDevice()) {
    return {
      ...base, name: e.rel, type: st.isCharacterDevice() ? 'character-device' : 'block-device',
      devmajor: major(st.rdev), devminor: minor(st.rdev),
    };
  }
  return { ...base, name: e.rel, type: 'symlink' }; // linkname filled in by the caller
}

async function addEntry(pack: Pack, e: ContextEntry, links: Map<string, string>): Promise<void> {
  const h = header(e, links);
  if (!h) return;
  if (h.type === 'symlink') h.linkname = await fsp.readlink(e.abs);
  let sink!: ReturnType<Pack['entry']>;
  const done = new Promise<void>((resolve, reject) => {
    sink = pack.entry(h, (err) => (err ? reject(err) : resolve()));
  });
  done.catch(() => undefined); // awaited below; a read error must not leave it unhandled
  try {
    if (h.type === 'file' && (h.size ?? 0) > 0) {
      for await (const chunk of createReadStream(e.abs)) {
        if (!sink.write(chunk as Buffer)) await drained(sink);
        if (sink.destroyed) break;
      }
    }
  } catch (err) {
    sink.destroy(err as Error);
    throw err;
  }
  sink.end(null);
  await done;
}

/** Resolves when a (streamx) writable drains or closes, so a torn-down pack cannot hang us. */
function drained(sink: ReturnType<Pack['entry']>): Promise<void> {
  return new Promise((resolve) => {
    const settle = () => { sink.off('drain', settle); sink.off('close', settle); resolve(); };
    sink.on('drain', settle);
    sink.on('close', settle);
  });
}

/** A tar stream of the context; errors (unreadable files, cancellation) fail the stream. */
export function contextTar(dir: string, opts: ContextTarOptions = {}): Readable {
  const pack = tar.pack();
  pack.on('error', () => undefined); // surfaced to the reader through the wrapping stream
  (async () => {
    const dockerfile = opts.dockerfile ?? 'Dockerfile';
    const patterns = opts.patterns ?? (await readIgnoreFile(dir, join(dir, dockerfile))).patterns;
    const links = new Map<string, string>();
    for await (const e of walkContext(dir, patterns, opts)) await addEntry(pack, e, links);
    pack.finalize();
  })().catch((err) => pack.destroy(toEngineError(err)));
  // tar-stream packs are streamx streams; hand out a Node Readable.
  return Readable.from(pack as AsyncIterable<Buffer>, { objectMode: false });
}
