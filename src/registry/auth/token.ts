/**
 * The bearer token flow (distribution docs/spec/auth/token.md): GET <realm>?service=…&scope=…
 * with HTTP Basic when there are credentials (anonymous otherwise), or the OAuth2 refresh-token
 * POST when an identity token is stored. Answers `{"token"|"access_token", "expires_in", …}`.
 */
import { EngineError } from '../../lib/errors.js';
import type { RegistryAuth } from '../../types/registry.js';
import { registryError } from '../errcode.js';
import { type Agents, readAll, request } from '../http.js';

export interface TokenRequest {
  realm: string;
  service?: string;
  scopes: string[];
  auth?: RegistryAuth;
  agents?: Agents;
  stallMs: number;
  insecureTls?: boolean;
  signal?: AbortSignal;
  /** Ask for a refresh token (docker login does). */
  offline?: boolean;
}

export interface Token {
  token: string;
  /** epoch ms */
  expiresAt: number;
  refreshToken?: string;
}

/** docker's client id for token servers. */
const CLIENT_ID = 'docker';
/** Tokens with no or a tiny expires_in live 60 s (the spec's minimum). */
const MIN_EXPIRY_S = 60;

export async function fetchToken(t: TokenRequest): Promise<Token> {
  let url: URL;
  try {
    url = new URL(t.realm);
  } catch {
    throw new EngineError('UNAVAILABLE', `invalid token realm "${t.realm}"`);
  }
  const common = { agents: t.agents, stallMs: t.stallMs, insecureTls: t.insecureTls, signal: t.signal };
  let res;
  if (t.auth?.identitytoken) {
    const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: t.auth.identitytoken, client_id: CLIENT_ID, access_type: 'offline' });
    if (t.service) form.set('service', t.service);
    if (t.scopes.length) form.set('scope', t.scopes.join(' '));
    res = await request({ ...common, method: 'POST', url, body: Buffer.from(form.toString()), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  } else {
    if (t.service) url.searchParams.set('service', t.service);
    for (const s of t.scopes) url.searchParams.append('scope', s);
    const headers: Record<string, string> = {};
    if (t.auth?.username) {
      url.searchParams.set('account', t.auth.username);
      if (t.offline) {
        url.searchParams.set('offline_token', 'true');
        url.searchParams.set('client_id', CLIENT_ID);
      }
      headers.Authorization = `Basic ${Buffer.from(`${t.auth.username}:${t.auth.password ?? ''}`).toString('base64')}`;
    }
    res = await request({ ...common, method: 'GET', url, headers });
  }
  const method = t.auth?.identitytoken ? 'POST' : 'GET';
  const body = await readAll(res, method, 1 << 20);
  if (res.status !== 200) throw registryError(res.status, body, res.headers['www-authenticate']);
  let parsed: { token?: string; access_token?: string; expires_in?: number; issued_at?: string; refresh_token?: string };
  try {
    parsed = JSON.parse(body.toString('utf8')) as typeof parsed;
  } catch (err) {
    throw new EngineError('UNAVAILABLE', `unable to decode token response: ${(err as Error).message}`);
  }
  const token = parsed.token || parsed.access_token;
  if (!token) throw new EngineError('UNAUTHENTICATED', 'authorization server did not include a token in the response');
  const issued = parsed.issued_at ? Date.parse(parsed.issued_at) : NaN;
  const start = Number.isFinite(issued) ? Math.min(issued, Date.now()) : Date.now();
  const expiresIn = Math.max(Number(parsed.expires_in) || 0, MIN_EXPIRY_S);
  return { token, expiresAt: start + expiresIn * 1000, refreshToken: parsed.refresh_token };
}
