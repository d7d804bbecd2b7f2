/**
 * A small deterministic tar encoder (ustar + PAX) for the layers berth writes. tar-stream's
 * packer is not used here: it writes PAX values as UTF-8 (binary xattrs would be corrupted)
 * and fills in defaults (mode, mtime = now) that would make output depend on the clock.
 */
import { encodePax, XATTR_PREFIX } from './pax.js';

export type TarType = 'file' | 'link' | 'symlink' | 'character-device' | 'block-device' | 'directory' | 'fifo';

export interface TarHeader {
  name: string;
  type: TarType;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  /** Whole seconds since the epoch. */
  mtime: number;
  linkname?: string;
  devmajor?: number;
  devminor?: number;
  xattrs?: ReadonlyMap<string, Buffer>;
}

const FLAG: Record<TarType | 'pax', string> = {
  file: '0', link: '1', symlink: '2', 'character-device': '3', 'block-device': '4', directory: '5', fifo: '6', pax: 'x',
};

export const BLOCK = 512;
/** Two zero blocks close an archive (a fresh buffer each time: consumers may keep or reuse chunks). */
export const endOfArchive = (): Buffer => Buffer.alloc(2 * BLOCK);

export function padding(size: number): Buffer {
  return Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);
}

const isAscii = (s: string) => /^[\x01-\x7f]*$/.test(s);
/** The ustar fields are ASCII; when PAX carries the real value they hold a readable stand-in. */
const standIn = (s: string, max: number) => s.replace(/[^\x20-\x7e]/g, '_').slice(0, max);

/** Split a name into ustar prefix (≤155) and name (≤100), or undefined when it cannot fit. */
function ustarName(name: string): [string, string] | undefined {
  if (!isAscii(name)) return undefined;
  if (name.length <= 100) return ['', name];
  for (let i = name.indexOf('/'); i !== -1 && i <= 155; i = name.indexOf('/', i + 1)) {
    const rest = name.slice(i + 1);
    if (rest.length > 0 && rest.length <= 100) return [name.slice(0, i), rest];
  }
  return undefined;
}

/** Octal, NUL-terminated; too large for the field → base-256 (GNU), which every reader accepts. */
function numeric(buf: Buffer, off: number, width: number, value: number): void {
  const v = Math.max(0, Math.floor(value));
  if (v < 8 ** (width - 1)) {
    buf.write(v.toString(8).padStart(width - 1, '0') + '\0', off, 'latin1');
    return;
  }
  buf[off] = 0x80;
  let rest = BigInt(v);
  for (let i = off + width - 1; i > off; i--, rest >>= 8n) buf[i] = Number(rest & 0xffn);
}

interface Fields {
  prefix: string; name: string; flag: string; mode: number; uid: number; gid: number; size: number; mtime: number;
  linkname: string; devmajor: number; devminor: number;
}

function block(f: Fields): Buffer {
  const b = Buffer.alloc(BLOCK);
  b.write(f.name, 0, 100, 'latin1');
  numeric(b, 100, 8, f.mode & 0o7777);
  numeric(b, 108, 8, f.uid);
  numeric(b, 116, 8, f.gid);
  numeric(b, 124, 12, f.size);
  numeric(b, 136, 12, f.mtime);
  b.fill(0x20, 148, 156); // checksum counts its own field as spaces
  b.write(f.flag, 156, 'latin1');
  b.write(f.linkname, 157, 100, 'latin1');
  b.write('ustar\x0000', 257, 'latin1');
  numeric(b, 329, 8, f.devmajor);
  numeric(b, 337, 8, f.devminor);
  b.write(f.prefix, 345, 155, 'latin1');
  let sum = 0;
  for (const x of b) sum += x;
  b.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1');
  return b;
}

/** The header block(s) for one entry: a PAX header first when a value does not fit ustar. */
export function encodeHeader(h: TarHeader): Buffer {
  const pax = new Map<string, Buffer>();
  const split = ustarName(h.name);
  if (!split) pax.set('path', Buffer.from(h.name));
  const link = h.linkname ?? '';
  if (!isAscii(link) || link.length > 100) pax.set('linkpath', Buffer.from(link));
  if (h.size >= 8 ** 11) pax.set('size', Buffer.from(String(h.size)));
  if (h.uid >= 8 ** 7) pax.set('uid', Buffer.from(String(h.uid)));
  if (h.gid >= 8 ** 7) pax.set('gid', Buffer.from(String(h.gid)));
  for (const [k, v] of h.xattrs ?? []) pax.set(XATTR_PREFIX + k, v);
  const [prefix, name] = split ?? ['', standIn(h.name, 100)];
  const main = block({
    prefix, name, flag: FLAG[h.type], mode: h.mode, uid: h.uid, gid: h.gid, size: h.size, mtime: h.mtime,
    linkname: pax.has('linkpath') ? standIn(link, 100) : link, devmajor: h.devmajor ?? 0, devminor: h.devminor ?? 0,
  });
  if (pax.size === 0) return main;
  const body = encodePax(pax);
  const paxHeader = block({
    prefix: '', name: 'PaxHeader', flag: FLAG.pax, mode: 0o644, uid: 0, gid: 0, size: body.length, mtime: h.mtime,
    linkname: '', devmajor: 0, devminor: 0,
  });
  return Buffer.concat([paxHeader, body, padding(body.length), main]);
}
