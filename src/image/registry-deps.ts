/** What pull and push need from their caller: the image store, registry settings, credentials. */
import type { RegistryConfig } from '../registry/config.js';
import type { RegistryAuth } from '../types/registry.js';
import type { ImageStore } from './image-store.js';

export interface RegistryDeps {
  store: ImageStore;
  config: RegistryConfig;
  /** Stored credentials for a reference's domain (docker.io, 127.0.0.1:5000), when the caller passed none. */
  credentials: (domain: string) => Promise<RegistryAuth | undefined>;
}
