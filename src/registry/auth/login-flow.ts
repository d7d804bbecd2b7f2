/**
 * `docker login` / `docker logout` as the docker CLI runs them client-side (cli/command/registry):
 * the server argument becomes a credentials key (`https://index.docker.io/v1/` for Docker Hub,
 * host[:port] otherwise), the credentials are checked against the registry, then stored in the
 * docker config file or its credential helper. Logout erases the key and the legacy spellings.
 */
import type { LoginResult, RegistryAuth } from '../../types/registry.js';
import type { RegistryConfig } from '../config.js';
import { DOCKER_HUB_AUTH_KEY, DOCKER_HUB_DOMAIN, toHostname } from '../endpoint.js';
import { checkLogin } from '../login.js';
import type { CredentialStore } from './credentials.js';

export interface ServerKey {
  /** Credentials key. */
  key: string;
  /** Registry domain the key names (docker.io for Docker Hub). */
  domain: string;
}

/** docker's rules: no server or "docker.io" means Docker Hub; otherwise the host[:port] of the argument. */
export function serverKey(server?: string): ServerKey {
  if (!server || server === DOCKER_HUB_DOMAIN || server === DOCKER_HUB_AUTH_KEY) return { key: DOCKER_HUB_AUTH_KEY, domain: DOCKER_HUB_DOMAIN };
  const host = toHostname(server);
  const domain = host === 'index.docker.io' || host === 'registry-1.docker.io' ? DOCKER_HUB_DOMAIN : host;
  return { key: domain === DOCKER_HUB_DOMAIN ? DOCKER_HUB_AUTH_KEY : host, domain };
}

/** Check credentials; with `store` (the default) save them as docker does. */
export async function login(
  creds: CredentialStore, config: RegistryConfig, server: string | undefined, auth: RegistryAuth,
  opts: { store?: boolean; signal?: AbortSignal } = {},
): Promise<LoginResult> {
  const { key, domain } = serverKey(server);
  const { identityToken } = await checkLogin(domain, auth, config, opts.signal);
  const result: LoginResult = { Status: 'Login Succeeded' };
  if (identityToken) result.IdentityToken = identityToken;
  if (opts.store !== false) {
    const toStore: RegistryAuth = identityToken
      ? { username: auth.username, identitytoken: identityToken }
      : { username: auth.username, password: auth.password };
    const saved = await creds.store(key, toStore);
    if (saved.unencrypted) result.storedUnencrypted = saved.unencrypted;
  }
  return result;
}

/**
 * Erase a server's credentials. Returns the name docker prints ("Removing login credentials for
 * …") and, when no spelling could be erased, docker's "<key>: <error>" lines for its warning.
 */
export async function logout(creds: CredentialStore, server?: string): Promise<{ server: string; failures: string[] }> {
  const host = server ? toHostname(server) : DOCKER_HUB_AUTH_KEY;
  const keys = server ? [...new Set([server, host, `http://${host}`, `https://${host}`])] : [DOCKER_HUB_AUTH_KEY];
  const failures: string[] = [];
  for (const k of keys) await creds.erase(k).catch((err: unknown) => failures.push(`${k}: ${err instanceof Error ? err.message : String(err)}`));
  return { server: host, failures: failures.length === keys.length ? failures : [] };
}

/** Stored credentials for a login server argument (docker's GetDefaultAuthConfig). */
export async function storedCredentials(creds: CredentialStore, server?: string): Promise<RegistryAuth | undefined> {
  return creds.get(serverKey(server).key);
}
