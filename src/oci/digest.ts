/** Content digests: a branded string validated at the boundary, so a Digest is always well-formed. */
import { createHash, type Hash } from 'node:crypto';
import { invalid } from '../lib/errors.js';

export type Digest = string & { readonly __digest: unique symbol };

const DIGEST_RE = /^sha256:[a-f0-9]{64}$/;

export function isDigest(s: string): s is Digest {
  return DIGEST_RE.test(s);
}

export function parseDigest(s: string): Digest {
  if (!isDigest(s)) throw invalid(`invalid digest "${s}"`);
  return s;
}

export function sha256(data: string | Uint8Array): Digest {
  return ('sha256:' + createHash('sha256').update(data).digest('hex')) as Digest;
}

export function digestOfHash(h: Hash): Digest {
  return ('sha256:' + h.digest('hex')) as Digest;
}

export function hexOf(d: Digest): string {
  return d.slice(7);
}

export function shortId(d: string): string {
  return d.replace(/^sha256:/, '').slice(0, 12);
}

/** OCI chain ID: ChainID(L0)=DiffID(L0), ChainID(n)=sha256(ChainID(n-1)+" "+DiffID(n)). */
export function chainIds(diffIds: readonly Digest[]): Digest[] {
  const out: Digest[] = [];
  for (const d of diffIds) out.push(out.length === 0 ? d : sha256(`${out[out.length - 1]} ${d}`));
  return out;
}
