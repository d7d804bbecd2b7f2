/**
 * Go's path functions (path/filepath Clean, Join, Dir, Base, Split) and go-archive's copy path
 * rules (trailing "/" and "/." preserved, SplitPathDirEntry, GetRebaseName, the entry-name
 * rebaser), so `cp` decides exactly as docker does. POSIX separators only.
 */
import { posix } from 'node:path';

/** filepath.Clean: lexical, no trailing slash except for "/", "" → ".". */
export function goClean(p: string): string {
  if (p === '') return '.';
  const n = posix.normalize(p);
  return n.length > 1 && n.endsWith('/') ? n.slice(0, -1) : n;
}

/** filepath.Join: empty elements ignored, the result cleaned; all empty → "". */
export function goJoin(...parts: string[]): string {
  const kept = parts.filter((x) => x !== '');
  return kept.length ? goClean(kept.join('/')) : '';
}

/** filepath.Base: trailing slashes dropped, "" → ".", only slashes → "/". */
export function goBase(p: string): string {
  if (p === '') return '.';
  const trimmed = p.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** filepath.Dir: everything up to the last slash, cleaned ("/a/b/" → "/a/b", "a" → "."). */
export function goDir(p: string): string {
  return goClean(p.slice(0, p.lastIndexOf('/') + 1));
}

/** filepath.Split: [dir with its trailing slash, file]. */
export function goSplit(p: string): [string, string] {
  const i = p.lastIndexOf('/');
  return [p.slice(0, i + 1), p.slice(i + 1)];
}

export const hasTrailingSeparator = (p: string) => p.endsWith('/');
export const specifiesCurrentDir = (p: string) => goBase(p) === '.';
/** A path that asserts a directory: trailing "/" or a last component ".". */
export const assertsDirectory = (p: string) => hasTrailingSeparator(p) || specifiesCurrentDir(p);

/** archive.PreserveTrailingDotOrSeparator: put back the "/." or "/" that cleaning removed. */
export function preserveTrailing(cleaned: string, original: string): string {
  let out = cleaned;
  if (!specifiesCurrentDir(out) && specifiesCurrentDir(original)) {
    if (!hasTrailingSeparator(out)) out += '/';
    out += '.';
  }
  if (!hasTrailingSeparator(out) && hasTrailingSeparator(original)) out += '/';
  return out;
}

/** archive.SplitPathDirEntry: [dir, base], keeping a final "." as the base. */
export function splitPathDirEntry(p: string): [string, string] {
  let cleaned = goClean(p);
  if (specifiesCurrentDir(p)) cleaned += '/.';
  return [goDir(cleaned), goBase(cleaned)];
}

/** archive.GetRebaseName: the resolved path with the original's trailing form, and the name to rebase to. */
export function getRebaseName(path: string, resolved: string): [string, string] {
  let out = resolved;
  if (specifiesCurrentDir(path) && !specifiesCurrentDir(out)) out += '/.';
  if (hasTrailingSeparator(path) && !hasTrailingSeparator(out)) out += '/';
  return [out, goBase(path) !== goBase(out) ? goBase(path) : ''];
}

/** go-archive's newNameRebaser: oldBase at the start of a name becomes newBase. */
export function rebaser(oldBase: string, newBase: string): (name: string) => string {
  const from = oldBase.replace(/\/+$/, '');
  const to = newBase.replace(/\/+$/, '');
  if (from === '') {
    return (name) => {
      const n = name.replace(/^\/+/, '');
      return to === '' ? n : `${to}/${n}`;
    };
  }
  return (name) => {
    if (!name.startsWith(from)) return name;
    const suffix = name.slice(from.length);
    return suffix !== '' && !suffix.startsWith('/') ? name : to + suffix;
  };
}

/** The name dockerd gives the archived object: filepath.Base, and "" for the root ("/x" entries). */
export function archiveName(absPath: string): string {
  const b = goBase(absPath);
  return b === '/' ? '' : b;
}
