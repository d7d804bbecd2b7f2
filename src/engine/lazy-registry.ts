/**
 * The registry client as one lazily imported module: LocalEngine imports it on first use, so
 * esbuild gives it (https/tls, zlib, the HTTP session) its own chunk and the simple verbs never
 * load it. One module, not one import per file: each dynamic entry multiplies the chunks that
 * every start-up has to open (bench/: ESM loading costs per file).
 */
export { pullImage } from '../image/pull.js';
export { pushImage } from '../image/push.js';
export { registryDeps } from '../image/registry-deps.js';
export { loadRegistryConfig } from '../registry/config.js';
export { CredentialStore } from '../registry/auth/credentials.js';
export { dockerConfigDir } from '../registry/auth/docker-config.js';
export { login, logout, storedCredentials } from '../registry/auth/login-flow.js';
