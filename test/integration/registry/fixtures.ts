/**
 * Shared pieces of the registry suites: RegistryDeps over a temp store with test-sized settings,
 * a progress recorder, and a raw uploader that puts hand-made manifests and blobs into a
 * registry (for cases berth itself would never push: zstd layers, indexes, corrupt configs).
 */
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { type Digest, sha256 } from '../../../src/oci/digest.js';
import { DEFAULT_REGISTRY_CONFIG, type RegistryConfig } from '../../../src/registry/config.js';
import type { ImageStore } from '../../../src/image/image-store.js';
import type { RegistryDeps } from '../../../src/image/registry-deps.js';
import type { ProgressEvent, RegistryAuth } from '../../../src/types/registry.js';

export function deps(store: ImageStore, config: Partial<RegistryConfig> = {}, auth?: RegistryAuth): RegistryDeps {
  return {
    store,
    config: { ...DEFAULT_REGISTRY_CONFIG, retryDelayMs: 0, ...config },
    credentials: async () => auth,
  };
}

export function recorder() {
  const events: ProgressEvent[] = [];
  return {
    events,
    onProgress: (e: ProgressEvent) => { events.push(e); },
    /** "<id>: <status>" lines without byte counts, as a pipe shows them. */
    lines: () => events.filter((e) => !e.aux && e.current === undefined).map((e) => (e.id ? `${e.id}: ${e.status}` : e.status)),
  };
}

/** What is left in the store's scratch areas: ingest writers and snapshot staging dirs. */
export async function scratch(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const d of ['ingest', join('snapshots', '.staging')]) {
    const names = await fsp.readdir(join(root, d)).catch(() => [] as string[]);
    out.push(...names.map((n) => join(d, n)));
  }
  return out;
}

async function ok(res: Response, what: string): Promise<Response> {
  if (!res.ok) throw new Error(`${what}: ${res.status} ${await res.text()}`);
  return res;
}

/** Upload a blob with POST + PUT ?digest (no auth). */
export async function putBlob(host: string, repo: string, data: Buffer): Promise<{ digest: Digest; size: number }> {
  const digest = sha256(data);
  const start = await ok(await fetch(`http://${host}/v2/${repo}/blobs/uploads/`, { method: 'POST' }), 'start upload');
  const loc = new URL(start.headers.get('location')!, `http://${host}`);
  loc.searchParams.set('digest', digest);
  await ok(await fetch(loc, { method: 'PUT', body: data, headers: { 'Content-Type': 'application/octet-stream' } }), 'put blob');
  return { digest, size: data.length };
}

export async function putManifest(host: string, repo: string, ref: string, mediaType: string, body: unknown): Promise<Digest> {
  const bytes = Buffer.from(JSON.stringify(body));
  await ok(await fetch(`http://${host}/v2/${repo}/manifests/${ref}`, { method: 'PUT', body: bytes, headers: { 'Content-Type': mediaType } }), 'put manifest');
  return sha256(bytes);
}

export async function getManifest(host: string, repo: string, ref: string, auth?: string): Promise<{ digest: string; body: Record<string, unknown> }> {
  const res = await ok(await fetch(`http://${host}/v2/${repo}/manifests/${ref}`, {
    headers: { Accept: 'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json', ...(auth ? { Authorization: auth } : {}) },
  }), 'get manifest');
  return { digest: res.headers.get('docker-content-digest') ?? '', body: await res.json() as Record<string, unknown> };
}
