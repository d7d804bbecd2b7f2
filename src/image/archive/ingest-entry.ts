/**
 * Moving one tar entry into the content store, or into memory for metadata. The digest goes
 * into the load's lease before the blob is committed, so a concurrent GC never sees it unowned.
 */
import { createHash } from 'node:crypto';
import type { Header } from 'tar-stream';
import { dataLoss, invalid, isEngineError } from '../../lib/errors.js';
import { type Digest, digestOfHash } from '../../oci/digest.js';
import { type Compression, MAX_JSON_SIZE, sniffCompression } from './format.js';
import type { ReadContext } from './read-archive.js';

/** A tar-stream entry as this module uses it (tar-stream's own Source type is not exported). */
export type TarEntry = AsyncIterable<unknown> & { header: Header; destroy(err?: Error | null): void };

export interface ArchiveFile {
  digest: Digest;
  size: number;
  compression: Compression;
}

/** Buffer a metadata file, refusing anything over MAX_JSON_SIZE before reading it. */
export async function readSmall(entry: TarEntry, name: string): Promise<Buffer> {
  if ((entry.header.size ?? 0) > MAX_JSON_SIZE) {
    entry.destroy();
    throw invalid(`invalid archive: ${name} is larger than ${MAX_JSON_SIZE / 1024 / 1024} MiB`);
  }
  const chunks: Buffer[] = [];
  for await (const c of tarChunks(entry)) chunks.push(c);
  return Buffer.concat(chunks);
}

/**
 * Ingest an entry. With `expected` (the entry is named blobs/sha256/<hex>) the content must hash
 * to it; a blob already in the store is only read through, not written again.
 */
export async function ingestEntry(entry: TarEntry, expected: Digest | undefined, name: string, ctx: ReadContext): Promise<ArchiveFile> {
  const { store } = ctx;
  if (expected && (await store.content.info(expected))) {
    await store.addLeaseBlobs(ctx.lease, [expected]);
    return readThrough(entry, expected, name);
  }
  const w = await store.content.writer();
  const hash = createHash('sha256');
  let head = Buffer.alloc(0);
  try {
    for await (const c of tarChunks(entry)) {
      if (head.length < 4) head = Buffer.concat([head, c.subarray(0, 4 - head.length)]);
      hash.update(c);
      await w.write(c);
    }
    const digest = digestOfHash(hash);
    if (expected && digest !== expected) throw mismatch(name);
    const existed = (await store.content.info(digest)) !== undefined;
    await store.addLeaseBlobs(ctx.lease, [digest]);
    const info = await w.commit({ digest });
    if (!existed) ctx.created.add(digest);
    return { digest, size: info.size, compression: sniffCompression(head) };
  } catch (err) {
    await w.abort().catch(() => undefined);
    throw err;
  }
}

/** The store has this blob already (verified when it was written); still check the archive's copy. */
async function readThrough(entry: TarEntry, expected: Digest, name: string): Promise<ArchiveFile> {
  const hash = createHash('sha256');
  let head = Buffer.alloc(0);
  let size = 0;
  for await (const c of tarChunks(entry)) {
    if (head.length < 4) head = Buffer.concat([head, c.subarray(0, 4 - head.length)]);
    hash.update(c);
    size += c.length;
  }
  if (digestOfHash(hash) !== expected) throw mismatch(name);
  return { digest: expected, size, compression: sniffCompression(head) };
}

/**
 * An entry's bytes. A plain Error here comes from the tar parser (the archive ended inside this
 * entry); EngineErrors come from the input or gzip layers and are already classified.
 */
export async function* tarChunks(entry: TarEntry): AsyncGenerator<Buffer> {
  try {
    for await (const c of entry) yield c as Buffer;
  } catch (err) {
    if (isEngineError(err)) throw err;
    throw dataLoss(`invalid archive: truncated or corrupt tar stream: ${err instanceof Error ? err.message : String(err)}`, err);
  }
}

function mismatch(name: string) {
  return dataLoss(`invalid archive: blob ${name} does not match its digest`);
}
