/**
 * The OCI distribution v2 endpoints of one repository (opencontainers/distribution-spec):
 * manifests (HEAD/GET/PUT), blobs (HEAD/GET, verified), uploads (POST, cross-repository mount,
 * PATCH streaming, PUT with digest) and tags/list. Everything goes through the session's auth.
 */
import type { Readable } from 'node:stream';
import { EngineError, dataLoss } from '../lib/errors.js';
import { type Digest, isDigest, sha256 } from '../oci/digest.js';
import { registryError } from './errcode.js';
import { type HttpResponse, discard, readAll } from './http.js';
import { urlPrefix } from './http-errors.js';
import type { RegistrySession } from './session.js';
import { MANIFEST_ACCEPT } from './manifest.js';

export interface RemoteDescriptor {
  digest: Digest;
  mediaType: string;
  size: number;
}

export interface FetchedManifest extends RemoteDescriptor {
  bytes: Buffer;
}

/** Manifests and configs are small; refuse anything unreasonable (containerd uses 4 MiB too). */
const MAX_MANIFEST = 4 << 20;
/** Configs read into memory: a hostile manifest claiming gigabytes must not buffer them (hostile.test.ts). */
const MAX_CONFIG = 64 << 20;

export class Repository {
  /** Token scope for this repository's actions. */
  readonly scope: string;

  constructor(readonly session: RegistrySession, readonly path: string, actions: string[]) {
    this.scope = `repository:${path}:${actions.join(',')}`;
  }

  private url(p: string): string {
    return `/v2/${this.path}/${p}`;
  }

  /** Throw the registry's error for a failed response, read as docker reads it. */
  async fail(res: HttpResponse, method: string): Promise<never> {
    const body = method === 'HEAD' ? Buffer.alloc(0) : await readAll(res, method, 1 << 20).catch(() => Buffer.alloc(0));
    throw registryError(res.status, body, res.headers['www-authenticate']);
  }

  /** HEAD a manifest: its digest without the body, or undefined when the registry will not say. */
  async headManifest(ref: string): Promise<RemoteDescriptor | undefined> {
    const res = await this.session.send({ method: 'HEAD', path: this.url(`manifests/${ref}`), scopes: [this.scope], headers: { Accept: MANIFEST_ACCEPT } });
    discard(res);
    const digest = String(res.headers['docker-content-digest'] ?? '');
    if (res.status >= 200 && res.status < 300 && isDigest(digest)) {
      return { digest, mediaType: String(res.headers['content-type'] ?? ''), size: Number(res.headers['content-length'] ?? 0) };
    }
    return undefined;
  }

  /** GET a manifest by tag or digest; the body must hash to the digest asked for or announced. */
  async getManifest(ref: string): Promise<FetchedManifest> {
    const res = await this.session.send({ method: 'GET', path: this.url(`manifests/${ref}`), scopes: [this.scope], headers: { Accept: MANIFEST_ACCEPT } });
    if (res.status !== 200) return this.fail(res, 'GET');
    const bytes = await readAll(res, 'GET', MAX_MANIFEST);
    const digest = sha256(bytes);
    const expected = isDigest(ref) ? ref : String(res.headers['docker-content-digest'] ?? '');
    if (expected && expected !== digest) {
      throw dataLoss(`manifest verification failed for digest ${expected}`);
    }
    const mediaType = String(res.headers['content-type'] ?? '').split(';')[0]!.trim();
    return { bytes, digest, mediaType, size: bytes.length };
  }

  /** GET a small blob (an image config) into memory, verified. */
  async getBlob(desc: { digest: Digest; size?: number }): Promise<Buffer> {
    const res = await this.openBlob(desc.digest, 0);
    if (res.status !== 200) return this.fail(res, 'GET');
    // the descriptor's size comes from the registry too: never trust it past MAX_CONFIG
    const bytes = await readAll(res, 'GET', Math.min(Math.max(desc.size ?? 0, MAX_MANIFEST), MAX_CONFIG));
    if (sha256(bytes) !== desc.digest) throw dataLoss(`digest mismatch: expected ${desc.digest}, got ${sha256(bytes)}`);
    return bytes;
  }

  /** Start a blob download, from `offset` with a Range request (206 when honoured). */
  async openBlob(digest: Digest, offset: number): Promise<HttpResponse> {
    const headers: Record<string, string> = offset > 0 ? { Range: `bytes=${offset}-` } : {};
    return this.session.send({ method: 'GET', path: this.url(`blobs/${digest}`), scopes: [this.scope], headers });
  }

  /** HEAD a blob: does the registry have it in this repository? */
  async blobExists(digest: Digest): Promise<boolean> {
    const res = await this.session.send({ method: 'HEAD', path: this.url(`blobs/${digest}`), scopes: [this.scope] });
    discard(res);
    if (res.status === 200) return true;
    if (res.status === 404) return false;
    return this.fail(res, 'HEAD');
  }

  /** Start an upload session (POST …/blobs/uploads/ → 202 + Location). */
  async startUpload(): Promise<URL> {
    const res = await this.session.send({ method: 'POST', path: this.url('blobs/uploads/'), scopes: [this.scope], headers: { 'Content-Length': '0' } });
    if (res.status !== 202) return this.fail(res, 'POST');
    discard(res);
    return this.location(res);
  }

  /**
   * Ask for a cross-repository mount: 'mounted' (201), or the upload session the registry opened
   * instead (202). Needs pull access to the source repository, so the token asks for both scopes.
   */
  async mount(digest: Digest, from: string): Promise<'mounted' | URL> {
    const q = `?mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(from)}`;
    const res = await this.session.send({
      method: 'POST', path: this.url(`blobs/uploads/${q}`), scopes: [this.scope, `repository:${from}:pull`], headers: { 'Content-Length': '0' },
    });
    if (res.status === 201) { discard(res); return 'mounted'; }
    if (res.status !== 202) return this.fail(res, 'POST');
    discard(res);
    return this.location(res);
  }

  private location(res: HttpResponse): URL {
    const loc = res.headers.location;
    if (!loc) throw new EngineError('UNAVAILABLE', `${urlPrefix('POST', res.url)}: registry sent no upload location`);
    return new URL(loc, res.url);
  }

  /** PATCH a stream to an upload session (chunked); returns the next location. */
  async patchUpload(location: URL, body: Readable, onSent?: (n: number) => void): Promise<URL> {
    const res = await this.session.send({
      method: 'PATCH', path: location, scopes: [this.scope], body, onSent, headers: { 'Content-Type': 'application/octet-stream' },
    });
    if (res.status !== 202) return this.fail(res, 'PATCH');
    discard(res);
    return this.location(res);
  }

  /** Finish an upload with `?digest=`; `body` (with its size) makes it a monolithic upload. */
  async finishUpload(location: URL, digest: Digest, body?: { data: Readable | Buffer; size: number }, onSent?: (n: number) => void): Promise<void> {
    const url = new URL(location);
    url.searchParams.set('digest', digest);
    const headers: Record<string, string> = { 'Content-Type': 'application/octet-stream', 'Content-Length': String(body?.size ?? 0) };
    const res = await this.session.send({ method: 'PUT', path: url, scopes: [this.scope], body: body?.data ?? Buffer.alloc(0), headers, onSent });
    if (res.status !== 201 && res.status !== 204) return this.fail(res, 'PUT');
    discard(res);
  }

  /** PUT a manifest under a tag; returns the digest the registry reports (or ours). */
  async putManifest(tag: string, mediaType: string, bytes: Buffer): Promise<Digest> {
    const res = await this.session.send({
      method: 'PUT', path: this.url(`manifests/${tag}`), scopes: [this.scope], body: bytes, headers: { 'Content-Type': mediaType },
    });
    if (res.status !== 201 && res.status !== 200) return this.fail(res, 'PUT');
    discard(res);
    const ours = sha256(bytes);
    const theirs = String(res.headers['docker-content-digest'] ?? '');
    if (theirs && theirs !== ours) throw dataLoss(`registry stored manifest as ${theirs}, expected ${ours}`);
    return ours;
  }

  /** tags/list, following `Link` pagination. */
  async listTags(): Promise<string[]> {
    const tags: string[] = [];
    let next: string | URL | undefined = this.url('tags/list');
    while (next) {
      const res: HttpResponse = await this.session.send({ method: 'GET', path: next, scopes: [this.scope] });
      if (res.status !== 200) return this.fail(res, 'GET');
      const body = JSON.parse((await readAll(res, 'GET', 16 << 20)).toString('utf8')) as { tags?: string[] | null };
      tags.push(...(body.tags ?? []));
      const link = /<([^>]+)>;\s*rel="?next"?/.exec(String(res.headers.link ?? ''));
      next = link ? new URL(link[1]!, res.url) : undefined;
    }
    return tags;
  }
}
