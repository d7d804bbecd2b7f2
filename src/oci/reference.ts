/**
 * Image references, parsed and normalised exactly as docker's distribution/reference does:
 * `busybox` → docker.io/library/busybox:latest, `127.0.0.1:5000/project/app:1.0`, `name@sha256:…`.
 * Error messages are docker's, so surfaces can print them unchanged.
 */
import { invalid } from '../lib/errors.js';

export const DEFAULT_DOMAIN = 'docker.io';
const LEGACY_DOMAIN = 'index.docker.io';
const OFFICIAL_PREFIX = 'library/';

const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const ipv6 = '\\[(?:[a-fA-F0-9:]+)\\]';
const domain = `(?:${domainComponent}(?:\\.${domainComponent})*|${ipv6})(?::[0-9]+)?`;
const pathComponent = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const name = `(?:${domain}/)?${pathComponent}(?:/${pathComponent})*`;
const tag = '[\\w][\\w.-]{0,127}';
const digest = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE_RE = new RegExp(`^(${name})(?::(${tag}))?(?:@(${digest}))?$`);
const ANCHORED_ID_RE = /^[a-f0-9]{64}$/;
const TAG_RE = new RegExp(`^${tag}$`);
const NAME_MAX = 255;

export interface Reference {
  /** Registry host, e.g. docker.io or 127.0.0.1:5000. */
  domain: string;
  /** Repository path inside the registry, e.g. library/busybox. */
  path: string;
  tag?: string;
  digest?: string;
}

function splitDockerDomain(s: string): [string, string] {
  const i = s.indexOf('/');
  let d: string;
  let rest: string;
  const first = i === -1 ? '' : s.slice(0, i);
  if (i === -1 || (!/[.:]/.test(first) && first !== 'localhost' && first.toLowerCase() === first)) {
    d = DEFAULT_DOMAIN;
    rest = s;
  } else {
    d = first;
    rest = s.slice(i + 1);
  }
  if (d === LEGACY_DOMAIN) d = DEFAULT_DOMAIN;
  if (d === DEFAULT_DOMAIN && !rest.includes('/')) rest = OFFICIAL_PREFIX + rest;
  return [d, rest];
}

function parseFull(s: string): Reference {
  const m = REFERENCE_RE.exec(s);
  if (!m) {
    if (s === '') throw invalid('invalid reference format: repository name must have at least one component');
    if (REFERENCE_RE.test(s.toLowerCase())) throw invalid('invalid reference format: repository name must be lowercase');
    throw invalid('invalid reference format');
  }
  const full = m[1]!;
  if (full.length > NAME_MAX) throw invalid(`invalid reference format: repository name must not be more than ${NAME_MAX} characters`);
  const slash = full.indexOf('/');
  return { domain: full.slice(0, slash), path: full.slice(slash + 1), tag: m[2], digest: m[3] };
}

/** Parse a user-typed reference without adding a default tag (docker's ParseNormalizedNamed). */
export function parseNormalizedNamed(s: string): Reference {
  if (ANCHORED_ID_RE.test(s)) throw invalid(`invalid repository name (${s}), cannot specify 64-byte hexadecimal strings`);
  const [d, rest] = splitDockerDomain(s);
  const tagSep = rest.indexOf(':');
  const remoteName = tagSep > -1 ? rest.slice(0, tagSep) : rest;
  if (remoteName.toLowerCase() !== remoteName) {
    throw invalid(`invalid reference format: repository name (${remoteName}) must be lowercase`);
  }
  const ref = parseFull(`${d}/${rest}`);
  if (ref.digest && !/^sha256:[a-f0-9]{64}$/.test(ref.digest)) throw invalid('invalid reference format');
  return ref;
}

/** Parse and add `:latest` when neither tag nor digest is given (docker's TagNameOnly). */
export function parseReference(s: string): Reference {
  const ref = parseNormalizedNamed(s);
  if (!ref.tag && !ref.digest) ref.tag = 'latest';
  return ref;
}

export function validateTag(t: string): void {
  if (!TAG_RE.test(t)) throw invalid(`invalid tag format`);
}

/** docker.io/library/busybox */
export function repoName(ref: Reference): string {
  return `${ref.domain}/${ref.path}`;
}

/** docker.io/library/busybox:latest (or @digest) */
export function formatReference(ref: Reference): string {
  return repoName(ref) + (ref.tag ? `:${ref.tag}` : '') + (ref.digest ? `@${ref.digest}` : '');
}

/** busybox, for docker.io/library/busybox; the short form docker prints. */
export function familiarName(ref: Pick<Reference, 'domain' | 'path'>): string {
  if (ref.domain !== DEFAULT_DOMAIN) return `${ref.domain}/${ref.path}`;
  return ref.path.startsWith(OFFICIAL_PREFIX) ? ref.path.slice(OFFICIAL_PREFIX.length) : ref.path;
}

export function familiarString(ref: Reference): string {
  return familiarName(ref) + (ref.tag ? `:${ref.tag}` : '') + (ref.digest ? `@${ref.digest}` : '');
}

/** Parse a canonical stored string (docker.io/library/busybox:latest) back into parts. */
export function parseCanonical(s: string): Reference {
  return parseFull(s);
}
