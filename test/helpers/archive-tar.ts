/**
 * Building tars in tests: image archives laid out by hand (as docker, podman or skopeo would)
 * and small layer tars.
 */
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';

export interface TarEntrySpec {
  name: string;
  data?: Buffer | string;
  type?: 'file' | 'directory' | 'symlink' | 'link';
  linkname?: string;
  mode?: number;
}

export async function buildTar(entries: TarEntrySpec[], opts: { gzip?: boolean } = {}): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const collected = (async () => { for await (const c of pack) chunks.push(c as Buffer); })();
  for (const e of entries) {
    const type = e.type ?? 'file';
    const header = { name: e.name, type, mode: e.mode ?? (type === 'directory' ? 0o755 : 0o644), mtime: new Date(0), ...(e.linkname ? { linkname: e.linkname } : {}) };
    await new Promise<void>((resolve, reject) => {
      const cb = (err?: Error | null) => (err ? reject(err) : resolve());
      if (type === 'file') pack.entry(header, Buffer.from(e.data ?? ''), cb);
      else pack.entry(header, cb);
    });
  }
  pack.finalize();
  await collected;
  const out = Buffer.concat(chunks);
  return opts.gzip ? gzipSync(out) : out;
}

/** A layer tar of regular files (parents as directories), e.g. `{ 'etc/hello': 'hi' }`. */
export function layerTar(files: Record<string, string>): Promise<Buffer> {
  const dirs = new Set<string>();
  for (const f of Object.keys(files)) {
    const parts = f.split('/').slice(0, -1);
    for (let i = 1; i <= parts.length; i++) dirs.add(parts.slice(0, i).join('/') + '/');
  }
  return buildTar([
    ...[...dirs].sort().map((name) => ({ name, type: 'directory' as const })),
    ...Object.entries(files).map(([name, data]) => ({ name, data })),
  ]);
}

export interface TarEntryRead {
  name: string;
  type: string;
  data: Buffer;
}

/** Every entry of a (plain) tar, in order, with contents. */
export async function readTar(buf: Buffer): Promise<TarEntryRead[]> {
  const extract = tar.extract();
  const out: TarEntryRead[] = [];
  const done = (async () => {
    for await (const entry of extract) {
      const chunks: Buffer[] = [];
      for await (const c of entry) chunks.push(c as Buffer);
      out.push({ name: entry.header.name, type: entry.header.type, data: Buffer.concat(chunks) });
    }
  })();
  extract.end(buf);
  await done;
  return out;
}
