/**
 * One pass over an image archive's tar: every regular file that may be a blob goes into the
 * content store (verified when its name states its digest), small metadata stays in memory,
 * links are remembered so manifest paths can follow them (podman's `<id>/layer.tar` symlinks).
 */
import type { Readable } from 'node:stream';
import tar from 'tar-stream';
import { EngineError, dataLoss, isEngineError, toEngineError } from '../../lib/errors.js';
import type { Digest } from '../../oci/digest.js';
import type { ImageStore } from '../image-store.js';
import { openArchive } from './open-archive.js';
import { type Drainable, drained } from './tar-write.js';
import { ingestEntry, readSmall, tarChunks, type ArchiveFile, type TarEntry } from './ingest-entry.js';
import {
  METADATA_FILES, digestFromBlobPath, isLegacyLayerMetadata, normalizeEntryName, resolveLinkTarget,
} from './format.js';

export interface ArchiveContents {
  /** Ingested files by normalised path. */
  files: Map<string, ArchiveFile>;
  /** Symlink or hardlink path → target path. */
  links: Map<string, string>;
  /** Top-level metadata (manifest.json, index.json, repositories, oci-layout), in memory. */
  json: Map<string, Buffer>;
}

export interface ReadContext {
  store: ImageStore;
  lease: { id: string };
  /** Blobs this load created (absent before), so unused ones can be dropped afterwards. */
  created: Set<Digest>;
  signal?: AbortSignal;
}

export async function readArchive(src: Readable, ctx: ReadContext): Promise<ArchiveContents> {
  const out: ArchiveContents = { files: new Map(), links: new Map(), json: new Map() };
  const extract = tar.extract();
  extract.on('error', () => undefined); // observed through iteration; unlistened it would crash the process
  const onAbort = () => extract.destroy(new EngineError('CANCELED', 'load canceled'));
  ctx.signal?.addEventListener('abort', onAbort, { once: true });
  let body: Readable;
  try {
    body = await openArchive(src, ctx.signal);
  } catch (err) {
    ctx.signal?.removeEventListener('abort', onAbort);
    throw err;
  }
  // feed the extractor by hand: its errors and the input's stay distinguishable (see open-archive)
  void (async () => {
    try {
      for await (const chunk of body) {
        if (extract.destroyed) return;
        if (!extract.write(chunk)) await drained(extract as unknown as Drainable);
      }
      extract.end(null);
    } catch (err) {
      extract.destroy(err as Error);
    }
  })();
  try {
    for await (const entry of extract) {
      try {
        await handleEntry(entry, out, ctx);
      } catch (err) {
        throw toEngineError(err);
      }
    }
  } catch (err) {
    // stop reading; `src` itself stays the caller's to close (see open-archive)
    body.destroy();
    if (isEngineError(err)) throw err;
    throw dataLoss(`invalid archive: truncated or corrupt tar stream: ${err instanceof Error ? err.message : String(err)}`, err);
  } finally {
    ctx.signal?.removeEventListener('abort', onAbort);
  }
  return out;
}

async function handleEntry(entry: TarEntry, out: ArchiveContents, ctx: ReadContext): Promise<void> {
  const h = entry.header;
  const name = normalizeEntryName(h.name);
  const type = h.type ?? 'file';
  if (type === 'symlink' && h.linkname) out.links.set(name, resolveLinkTarget(name, h.linkname));
  if (type === 'link' && h.linkname) out.links.set(name, normalizeEntryName(h.linkname));
  if ((type !== 'file' && type !== 'contiguous-file') || name === '' || isLegacyLayerMetadata(name)) {
    for await (const _ of tarChunks(entry)) { /* drain: the extractor waits for each entry to be consumed */ }
    return;
  }
  if (METADATA_FILES.has(name)) {
    out.json.set(name, await readSmall(entry, name));
    return;
  }
  out.files.set(name, await ingestEntry(entry, digestFromBlobPath(name), name, ctx));
}
