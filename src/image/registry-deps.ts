/**
 * What pull and push need from their caller: the image store, registry settings, credentials.
 * `registryDeps` wires them for a state root: settings from <root>/config.json, credentials from
 * docker's config file (DOCKER_CONFIG honoured, read at each lookup). The engine and the builder
 * (FROM of an image only a registry has) both build theirs here.
 */
import { CredentialStore } from '../registry/auth/credentials.js';
import { dockerConfigDir } from '../registry/auth/docker-config.js';
import { type RegistryConfig, loadRegistryConfig } from '../registry/config.js';
import { authKey } from '../registry/endpoint.js';
import type { RegistryAuth } from '../types/registry.js';
import type { ImageStore } from './image-store.js';

export interface RegistryDeps {
  store: ImageStore;
  config: RegistryConfig;
  /** Stored credentials for a reference's domain (docker.io, 127.0.0.1:5000), when the caller passed none. */
  credentials: (domain: string) => Promise<RegistryAuth | undefined>;
}

export async function registryDeps(store: ImageStore, root: string, env: NodeJS.ProcessEnv = process.env): Promise<RegistryDeps> {
  const creds = new CredentialStore(dockerConfigDir(env));
  return {
    store,
    config: await loadRegistryConfig(root),
    // like docker's ResolveAuthConfig: a broken helper means anonymous, not a failed pull
    credentials: (domain) => creds.get(authKey(domain)).catch(() => undefined),
  };
}
