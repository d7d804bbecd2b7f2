/**
 * PAX extended-header records ("<len> <key>=<value>\n"), kept as raw bytes: xattr values such
 * as security.capability are binary, and a UTF-8 round trip would corrupt them.
 */
export type PaxRecords = Map<string, Buffer>;

export const XATTR_PREFIX = 'SCHILY.xattr.';

/** Parse one PAX header body. Malformed records throw (the caller reports the layer corrupt). */
export function parsePax(buf: Buffer): PaxRecords {
  const out: PaxRecords = new Map();
  let off = 0;
  while (off < buf.length) {
    // Some writers NUL-pad the body; nothing meaningful follows padding.
    if (buf.subarray(off).every((b) => b === 0)) break;
    const sp = buf.indexOf(0x20, off);
    const lenText = sp < 0 ? '' : buf.toString('latin1', off, sp);
    if (!/^[1-9][0-9]*$/.test(lenText)) throw new Error('malformed PAX record length');
    const end = off + Number(lenText);
    const eq = buf.indexOf(0x3d, sp + 1);
    if (end > buf.length || buf[end - 1] !== 0x0a || eq < 0 || eq >= end - 1) {
      throw new Error('malformed PAX record');
    }
    out.set(buf.toString('utf8', sp + 1, eq), Buffer.from(buf.subarray(eq + 1, end - 1)));
    off = end;
  }
  return out;
}

/** Encode records sorted by key, so the same input always yields the same bytes. */
export function encodePax(records: ReadonlyMap<string, Buffer>): Buffer {
  const parts: Buffer[] = [];
  for (const key of [...records.keys()].sort()) {
    const body = Buffer.concat([Buffer.from(` ${key}=`), records.get(key)!, Buffer.from('\n')]);
    // The length prefix counts its own digits: iterate to the fixed point.
    let len = body.length;
    for (let next = body.length + String(len).length; next !== len; next = body.length + String(len).length) len = next;
    parts.push(Buffer.from(String(len)), body);
  }
  return Buffer.concat(parts);
}

/** The xattrs named in a record set (`SCHILY.xattr.<name>` → value). */
export function xattrsOf(records: PaxRecords | undefined): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const [k, v] of records ?? []) if (k.startsWith(XATTR_PREFIX)) out.set(k.slice(XATTR_PREFIX.length), v);
  return out;
}

/**
 * Which xattrs a layer may set (engine-anchors §5.3 item 9). trusted.* and user.overlay.* are
 * overlayfs's own metadata (opaque, redirect, metacopy): an image must not forge them. Other
 * security.* labels belong to the host's LSM policy, not the image.
 */
export function isRestorableXattr(name: string): boolean {
  if (name === 'security.capability') return true;
  if (name.startsWith('user.overlay.')) return false;
  return name.startsWith('user.') || name === 'system.posix_acl_access' || name === 'system.posix_acl_default';
}
