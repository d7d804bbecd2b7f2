/**
 * tar-stream's extractor, plus the raw bytes of each entry's PAX header. tar-stream decodes PAX
 * values as UTF-8, which corrupts binary xattrs (security.capability); we hook its long-header
 * decoder to keep the raw body. tar-stream is pinned to an exact version for that reason, and
 * a unit test round-trips a binary xattr so an upgrade that moves the hook fails loudly.
 */
import { extract as tarExtract, type Extract, type Header } from 'tar-stream';
import { internal } from '../../lib/errors.js';
import { parsePax, xattrsOf, type PaxRecords } from './pax.js';

/** tar-stream reports unknown typeflags (GNU sparse, Solaris ACLs…) as null. */
export type EntryType = Header['type'] | 'unknown';

/** A decoded header with the fields applyLayer uses, PAX overrides already applied. */
export interface TarEntry {
  name: string;
  type: EntryType;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  /** Seconds since the epoch; PAX gives sub-second precision. */
  mtime: number;
  linkname: string;
  devmajor: number;
  devminor: number;
  xattrs: Map<string, Buffer>;
}

export type EntryBody = AsyncIterable<Buffer>;

export type EntryHandler = (entry: TarEntry, body: EntryBody, next: (err?: unknown) => void) => void;

interface ExtractInternals {
  _header: { type: string | null } | null;
  _decodeLongHeader?: (buf: Buffer) => void;
}

export function createTarReader(onEntry: EntryHandler): Extract {
  // V7 tars (no ustar magic) are valid layers for Go's archive/tar; accept them too.
  const ex = tarExtract({ allowUnknownFormat: true } as Parameters<typeof tarExtract>[0]);
  const inner = ex as unknown as ExtractInternals;
  const decode = inner._decodeLongHeader;
  if (typeof decode !== 'function') throw internal('tar-stream internals changed: cannot read raw PAX headers');
  let pending: PaxRecords | undefined;
  inner._decodeLongHeader = function (this: ExtractInternals, buf: Buffer) {
    // Runs inside tar-stream's try/catch: a malformed record fails the stream as corrupt.
    if (this._header?.type === 'pax-header') pending = parsePax(buf);
    decode.call(this, buf);
  };
  ex.on('entry', (h, body, next) => {
    const pax = pending;
    pending = undefined;
    // A failed stream destroys the entry body too; the error is reported by the extractor.
    body.on('error', () => undefined);
    onEntry(toEntry(h, pax), body as unknown as EntryBody, (err) => next(err as Error | undefined));
  });
  return ex;
}

function paxNumber(pax: PaxRecords | undefined, key: string): number | undefined {
  const v = pax?.get(key)?.toString('latin1');
  if (v === undefined || !/^-?[0-9]+(\.[0-9]+)?$/.test(v)) return undefined;
  return Number(v);
}

/** A PAX mtime beyond ±10^11 s (year ~5000) cannot be set; fall back to the header's. */
const saneTime = (t: number | undefined) => (t !== undefined && Math.abs(t) < 1e11 ? t : undefined);

function toEntry(h: Header, pax: PaxRecords | undefined): TarEntry {
  return {
    name: h.name,
    type: (h.type as Header['type'] | null) ?? 'unknown',
    mode: (h.mode ?? 0) & 0o7777,
    uid: paxNumber(pax, 'uid') ?? h.uid ?? 0,
    gid: paxNumber(pax, 'gid') ?? h.gid ?? 0,
    size: h.size ?? 0,
    mtime: saneTime(paxNumber(pax, 'mtime')) ?? (h.mtime ? h.mtime.getTime() / 1000 : 0),
    linkname: h.linkname ?? '',
    devmajor: h.devmajor ?? 0,
    devminor: h.devminor ?? 0,
    xattrs: xattrsOf(pax),
  };
}
