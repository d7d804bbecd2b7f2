/**
 * `connectEngine(host)`: the Engine interface over the Docker Engine API, so the CLI and the TUI
 * manage a remote berth serve or a real dockerd (`berth --host …`, DOCKER_HOST). Operations that
 * exist only in an embedded engine (conmon's exit hooks, boot, reset, check, the demo image,
 * healthcheck run) fail with NOT_IMPLEMENTED naming the host.
 */
import type { Engine } from '../../engine/engine.js';
import { EngineError } from '../../lib/errors.js';
import { buildOps } from './build.js';
import { adaptErrors, type ErrorMapper } from './error-adapter.js';
import { containerOps } from './containers.js';
import { execArchiveOps } from './exec-archive.js';
import { ApiClient } from './http-client.js';
import { remoteImageLayers } from './image-layers.js';
import { imageOps } from './images.js';
import { registryOps } from './registry.js';
import { systemOps } from './system.js';
import { openTransport } from './transport.js';

export { ApiClient, CLIENT_API_VERSION, codeForStatus, negotiate } from './http-client.js';
export { openTransport, sshArgv, type Transport } from './transport.js';
export type { ErrorMapper } from './error-adapter.js';

export interface ConnectOptions {
  /** DOCKER_TLS_VERIFY, DOCKER_TLS, DOCKER_CERT_PATH are read from here (process.env by default). */
  env?: NodeJS.ProcessEnv;
  /** Re-creates errors in the caller's EngineError class (the bundled CLI; see error-adapter.ts). */
  mapError?: ErrorMapper;
}

export async function connectEngine(host: string, opts: ConnectOptions = {}): Promise<Engine> {
  const transport = openTransport(host, opts.env ?? process.env);
  const api = new ApiClient(transport);
  // async: callers see a rejected promise, as from any other engine operation
  const unsupported = (what: string) => async (): Promise<never> => {
    throw new EngineError('NOT_IMPLEMENTED', `${what} is not available through the Docker API (remote engine ${host}); run it where the engine's state root is`);
  };
  const engine: Engine = {
    description: host,
    ...containerOps(api),
    ...execArchiveOps(api),
    ...imageOps(api),
    ...registryOps(api),
    ...buildOps(api),
    ...systemOps(api),
    createDemoImage: unsupported('image demo'),
    imageLayers: (ref) => remoteImageLayers(api, ref),
    cleanupContainer: unsupported('container cleanup (the monitor exit hook)'),
    cleanupExec: unsupported('exec cleanup (the monitor exit hook)'),
    healthcheckRun: unsupported('healthcheck run'),
    bootContainers: unsupported('system boot'),
    resetSystem: unsupported('system reset'),
    systemCheck: unsupported('system check'),
    async close() { transport.close(); },
  };
  return opts.mapError ? adaptErrors(engine, opts.mapError) : engine;
}
