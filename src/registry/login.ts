/**
 * `docker login`'s check (moby registry/auth.go loginV2): ping /v2/, then GET /v2/ with the
 * credentials through whatever the registry asked for (bearer token or Basic). Failures read as
 * docker's: a refused token is `Get "<base>/v2/": unauthorized: …`; any other status is
 * "login attempt to <base>/v2/ failed with status: 401 Unauthorized".
 */
import { EngineError } from '../lib/errors.js';
import type { RegistryAuth } from '../types/registry.js';
import type { RegistryConfig } from './config.js';
import { statusText } from './errcode.js';
import { discard } from './http.js';
import { RegistrySession } from './session.js';

/** Validate credentials; returns a refresh token when the token server handed one out. */
export async function checkLogin(domain: string, auth: RegistryAuth, config: RegistryConfig, signal?: AbortSignal): Promise<{ identityToken?: string }> {
  const session = new RegistrySession({ domain, config, auth, signal });
  try {
    await session.ping();
    const res = await session.send({ method: 'GET', path: '/v2/', offline: true });
    discard(res);
    if (res.status !== 200) {
      throw new EngineError('UNAUTHENTICATED', `login attempt to ${session.base!.origin}/v2/ failed with status: ${statusText(res.status)}`);
    }
    return { identityToken: session.refreshToken };
  } finally {
    session.close();
  }
}
