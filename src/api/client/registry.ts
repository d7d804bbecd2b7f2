/**
 * pull / push over the Docker API with X-Registry-Auth, and login as the docker CLI does it: the
 * daemon checks the credentials (POST /auth), the client keeps them in its own docker config.
 */
import type { RegistryEngine } from '../../engine/engine.js';
import type { ImageInspect } from '../../engine/types.js';
import { parseNormalizedNamed } from '../../oci/reference.js';
import { authKey } from '../../registry/endpoint.js';
import { CredentialStore } from '../../registry/auth/credentials.js';
import { dockerConfigDir } from '../../registry/auth/docker-config.js';
import { logout, serverKey, storedCredentials } from '../../registry/auth/login-flow.js';
import type { ProgressEvent, RegistryAuth } from '../../types/registry.js';
import { enc, } from './containers.js';
import { jsonLines, type ApiClient } from './http-client.js';
import { messageError, splitTag, type JsonMessage } from './images.js';

/** docker's X-Registry-Auth: base64url JSON of the AuthConfig ("e30=" = {} when there is none). */
export function registryAuthHeader(auth?: RegistryAuth): string {
  return Buffer.from(JSON.stringify(auth ?? {})).toString('base64url');
}

/** A JSON progress line as the engine's ProgressEvent (per-layer lines carry progressDetail). */
export function toProgress(m: JsonMessage): ProgressEvent | undefined {
  if (m.aux && typeof m.aux.Digest === 'string') {
    return { id: '', status: '', aux: { Tag: String(m.aux.Tag ?? ''), Digest: m.aux.Digest, Size: Number(m.aux.Size ?? 0) } };
  }
  if (m.status === undefined) return undefined;
  const e: ProgressEvent = { id: m.id ?? '', status: m.status };
  if (m.progressDetail !== undefined && m.id) {
    e.layer = true;
    if (m.progressDetail.current !== undefined) e.current = m.progressDetail.current;
    if (m.progressDetail.total !== undefined) e.total = m.progressDetail.total;
  }
  return e;
}

/** Stored credentials for the registry a reference names (docker CLI's resolution). */
async function authFor(ref: string): Promise<RegistryAuth | undefined> {
  try {
    const domain = parseNormalizedNamed(ref).domain;
    return await new CredentialStore(dockerConfigDir()).get(authKey(domain));
  } catch { return undefined; }
}

export function registryOps(api: ApiClient): RegistryEngine {
  return {
    async pullImage(ref, o = {}) {
      const at = ref.indexOf('@');
      const { repo, tag } = at >= 0 ? { repo: ref.slice(0, at), tag: ref.slice(at + 1) } : splitTag(ref);
      const res = await api.request('POST', '/images/create', {
        query: { fromImage: repo, tag: o.allTags ? undefined : tag ?? 'latest', platform: o.platform },
        headers: { 'X-Registry-Auth': registryAuthHeader(o.auth ?? await authFor(ref)) }, signal: o.signal,
      });
      let reference = o.allTags ? repo : `${repo}:${tag ?? 'latest'}`;
      let updated = false;
      for await (const m of jsonLines<JsonMessage>(res)) {
        const err = messageError(m);
        if (err) throw err;
        const done = /^Status: (Downloaded newer image|Image is up to date) for (\S+)/.exec(m.status ?? '');
        if (done) { updated = done[1]!.startsWith('Downloaded'); reference = done[2]!; }
        const p = toProgress(m);
        if (p) o.onProgress?.(p);
      }
      const id = o.allTags ? '' : (await api.json<ImageInspect>('GET', `/images/${enc(at >= 0 ? ref : `${repo}:${tag ?? 'latest'}`)}/json`)).Id;
      return { id, reference, updated };
    },
    async pushImage(ref, o = {}) {
      const { repo, tag } = splitTag(ref);
      const res = await api.request('POST', `/images/${enc(repo)}/push`, {
        query: { tag: o.allTags ? undefined : tag ?? 'latest' },
        headers: { 'X-Registry-Auth': registryAuthHeader(o.auth ?? await authFor(ref)) }, signal: o.signal,
      });
      const pushed: { Tag: string; Digest: string; Size: number }[] = [];
      for await (const m of jsonLines<JsonMessage>(res)) {
        const err = messageError(m);
        if (err) throw err;
        const p = toProgress(m);
        if (p?.aux) pushed.push(p.aux);
        if (p) o.onProgress?.(p);
      }
      return { pushed, reference: o.allTags ? repo : `${repo}:${tag ?? 'latest'}` };
    },
    async login(server, username, password, o = {}) {
      const { key } = serverKey(server);
      const r = await api.json<{ Status: string; IdentityToken?: string }>('POST', '/auth', {
        body: { username, password, serveraddress: key }, signal: o.signal,
      });
      const result = { Status: r.Status || 'Login Succeeded', ...(r.IdentityToken ? { IdentityToken: r.IdentityToken } : {}) };
      if (o.store === false) return result;
      const saved = await new CredentialStore(dockerConfigDir()).store(key, r.IdentityToken
        ? { username, identitytoken: r.IdentityToken } : { username, password });
      return saved.unencrypted ? { ...result, storedUnencrypted: saved.unencrypted } : result;
    },
    logout: (server) => logout(new CredentialStore(dockerConfigDir()), server),
    storedAuth: (server) => storedCredentials(new CredentialStore(dockerConfigDir()), server),
  };
}
