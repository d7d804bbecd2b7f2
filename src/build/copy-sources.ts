/**
 * COPY/ADD sources → the list of things to copy with their checksums (moby's
 * getCopyInfosForSourcePaths / calcCopyInfo), with docker's error texts: a missing context file
 * is "file not found in build context or excluded by .dockerignore: stat x: file does not
 * exist", wildcards that match nothing leave "no source files were specified".
 */
import { invalid, notFound } from '../lib/errors.js';
import { containsWildcards, globRegExp } from './glob.js';
import type { TreeHasher } from './source-hash.js';
import { cleanRel, isDirIn, resolveInTree, walkTree } from './tree.js';
export { hashStringSlice } from './tarsum.js';

export interface CopyInfo {
  hasher: TreeHasher;
  /** The source as named (after wildcard expansion), relative to its tree. */
  path: string;
  hash: string;
  /** ADD: data fetched from a URL is never extracted. */
  noDecompress?: boolean;
}

export interface SourceOptions {
  /** "context" for the build context, else a stage or image (errors read differently). */
  origin: 'context' | 'image';
}

/** Trim one leading "/" and one "./", as moby does before looking a source up. */
function normalize(orig: string): string {
  let p = orig.startsWith('/') ? orig.slice(1) : orig;
  if (p.startsWith('./')) p = p.slice(2);
  return p;
}

/** Does the lexically cleaned path climb out of its root ("../x")? */
function escapes(p: string): boolean {
  let depth = 0;
  for (const part of p.split('/')) {
    if (part === '..') { if (--depth < 0) return true; } else if (part !== '' && part !== '.') depth++;
  }
  return false;
}

export function copyInfosFor(hasher: TreeHasher, orig: string, opts: SourceOptions): CopyInfo[] {
  const p = normalize(orig);
  if (opts.origin === 'context' && escapes(p)) {
    throw invalid(`forbidden path outside the build context: ${orig} (${cleanRel(p)})`);
  }
  if (containsWildcards(p)) {
    const re = globRegExp(p);
    const out: CopyInfo[] = [];
    if (!re) return out;
    for (const node of walkTree(hasher.tree, '')) {
      if (re.test(node.rel)) out.push(...single(hasher, node.rel, opts));
    }
    return out;
  }
  return single(hasher, p, opts);
}

function single(hasher: TreeHasher, p: string, opts: SourceOptions): CopyInfo[] {
  const resolved = resolveInTree(hasher.tree, p);
  const exists = resolved === '' ? true : hasher.tree.lookup(resolved) !== undefined;
  if (!exists) {
    const stat = `stat ${p}: file does not exist`;
    throw notFound(opts.origin === 'context' ? `file not found in build context or excluded by .dockerignore: ${stat}` : stat);
  }
  const isDir = isDirIn(hasher.tree, resolved);
  return [{ hasher, path: p, hash: hasher.sourceHash(p, resolved, isDir) }];
}

