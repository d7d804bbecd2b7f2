/**
 * POST /auth (docker login's check) and the decoding of X-Registry-Auth. The server never stores
 * credentials: the docker CLI keeps them in its own config file and sends them with every pull
 * and push, so a request without the header is anonymous (the server's own docker config is
 * never consulted, as dockerd never reads one).
 */
import { EngineError } from '../../lib/errors.js';
import type { RegistryAuth } from '../../types/registry.js';
import { readJson, sendJson } from './http-util.js';
import type { Ctx, Route } from './route-types.js';

/** docker's AuthConfig as the client sends it (JSON field names of api/types/registry). */
interface WireAuth {
  username?: unknown;
  password?: unknown;
  auth?: unknown;
  serveraddress?: unknown;
  identitytoken?: unknown;
  registrytoken?: unknown;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** An AuthConfig object: `auth` (base64 user:pass) fills username/password when they are empty. */
export function authFromWire(w: WireAuth): RegistryAuth {
  const out: RegistryAuth = {};
  let username = str(w.username);
  let password = str(w.password);
  const packed = str(w.auth);
  if (packed && !username && !password) {
    const plain = Buffer.from(packed, 'base64').toString('utf8');
    const i = plain.indexOf(':');
    if (i > 0) { username = plain.slice(0, i); password = plain.slice(i + 1); }
  }
  if (username) out.username = username;
  if (password) out.password = password;
  for (const k of ['serveraddress', 'identitytoken', 'registrytoken'] as const) {
    const v = str(w[k]);
    if (v) out[k] = v;
  }
  return out;
}

/**
 * X-Registry-Auth: base64url (standard base64 accepted too) of a JSON AuthConfig, as moby's
 * registry.DecodeAuthConfig. Absent or empty = anonymous ({}); undecodable = 400.
 */
export function decodeRegistryAuth(header: string | string[] | undefined): RegistryAuth {
  const raw = Array.isArray(header) ? header[0] : header;
  if (!raw || !raw.trim()) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw.trim(), 'base64').toString('utf8'));
  } catch (err) {
    throw new EngineError('INVALID_ARGUMENT', `invalid X-Registry-Auth header: ${(err as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new EngineError('INVALID_ARGUMENT', 'invalid X-Registry-Auth header: not a JSON object');
  }
  return authFromWire(parsed as WireAuth);
}

/** 200 {"Status":"Login Succeeded","IdentityToken":""}; wrong credentials: the engine's 401 message. */
async function login({ engine, req, res }: Ctx): Promise<void> {
  const body = await readJson<WireAuth>(req);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new EngineError('INVALID_ARGUMENT', 'invalid auth configuration');
  const auth = authFromWire(body);
  const ac = new AbortController();
  res.on('close', () => { if (!res.writableFinished) ac.abort(); });
  const r = await engine.login(auth.serveraddress, auth.username ?? '', auth.password ?? '', { store: false, signal: ac.signal });
  sendJson(res, 200, { Status: r.Status, IdentityToken: r.IdentityToken ?? '' });
}

export const routes: Route[] = [
  { method: 'POST', path: /^\/auth$/, handler: login },
];
