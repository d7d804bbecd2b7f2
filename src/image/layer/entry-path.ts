/**
 * Entry names → paths relative to the layer root, and the whiteout naming rules
 * (engine-anchors §2.1 and §5.3 items 1 and 7). Pure functions: no filesystem access.
 */
import { posix } from 'node:path';
import { EngineError } from '../../lib/errors.js';
import { NAME_MAX, PATH_MAX } from './types.js';

export const WHITEOUT_PREFIX = '.wh.';
export const WHITEOUT_META_PREFIX = '.wh..wh.';
export const OPAQUE_MARKER = '.wh..wh..opq';

/** An INVALID_ARGUMENT naming the hostile entry, the one message shape every refusal uses. */
export function refuse(entry: string, reason: string): EngineError {
  return new EngineError('INVALID_ARGUMENT', `refusing to extract ${JSON.stringify(entry)}: ${reason}`);
}

/**
 * Normalise a tar name (or hardlink target) to a root-relative path: '' is the root itself.
 * Leading slashes are stripped first, so `/../x` is an escape too, never silently `/x`.
 */
export function cleanPath(name: string, entry: string = name, what = 'path'): string {
  if (name.includes('\0')) throw refuse(entry, `${what} contains a NUL byte`);
  const stripped = name.replace(/^\/+/, '');
  if (stripped === '') {
    if (name === '') throw refuse(entry, `empty ${what}`);
    return '';
  }
  const norm = posix.normalize(stripped).replace(/\/+$/, '');
  if (norm === '..' || norm.startsWith('../')) throw refuse(entry, `${what} escapes the layer root`);
  if (norm === '.') return '';
  if (Buffer.byteLength(norm) >= PATH_MAX) throw refuse(entry, `${what} is too long`);
  if (norm.split('/').some((c) => Buffer.byteLength(c) > NAME_MAX)) {
    throw refuse(entry, `${what} has a component over ${NAME_MAX} bytes`);
  }
  return norm;
}

/** What a (cleaned) path means for overlay conversion. */
export type PathKind =
  | { kind: 'plain' }
  | { kind: 'opaque'; dir: string }
  | { kind: 'whiteout'; target: string }
  | { kind: 'meta' };

export function classifyPath(rel: string, entry: string): PathKind {
  const parts = rel.split('/');
  const base = parts[parts.length - 1]!;
  const dir = parts.slice(0, -1).join('/');
  if (base === OPAQUE_MARKER) {
    if (parts.slice(0, -1).some((p) => p.startsWith(WHITEOUT_META_PREFIX))) return { kind: 'meta' };
    return { kind: 'opaque', dir };
  }
  // AUFS bookkeeping (.wh..wh.plnk, .wh..wh.aufs …) anywhere in the path: dockerd skips it too.
  if (parts.some((p) => p.startsWith(WHITEOUT_META_PREFIX))) return { kind: 'meta' };
  if (!base.startsWith(WHITEOUT_PREFIX)) return { kind: 'plain' };
  const name = base.slice(WHITEOUT_PREFIX.length);
  // `.wh.` would white out the parent, `.wh..` the grandparent (image-spec#1314).
  if (name === '' || name === '.' || name === '..') throw refuse(entry, 'invalid whiteout name');
  return { kind: 'whiteout', target: dir === '' ? name : `${dir}/${name}` };
}
