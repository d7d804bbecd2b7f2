/**
 * The container domain as one lazily imported module: LocalEngine and createEngine import it on
 * first use, so esbuild puts the runtime spec, conmon/runc adapters, network and volume code in
 * chunks that the image verbs never load (see lazy-registry.ts for why one module).
 */
export { ContainerStore } from '../container/container-store.js';
export { makeDeps } from '../container/runtime-deps.js';
export { createContainer } from '../container/create.js';
export { startContainer } from '../container/start.js';
export { killContainer, pauseContainer, stopContainer, unpauseContainer } from '../container/stop.js';
export { removeContainer } from '../container/remove.js';
export { listContainers } from '../container/list.js';
export { inspectContainer } from '../container/inspect.js';
export { containerLogs } from '../container/logs.js';
export { waitContainer } from '../container/wait.js';
export { attachContainer, pruneContainers, renameContainer, resizeContainer } from '../container/misc.js';
export { cleanupContainer } from '../container/cleanup.js';
export { inspectVolume, listVolumes, pruneVolumes, removeVolume, volumesUsage } from '../volumes/index.js';
export { volumeRefs, volumeStoreOf } from '../container/host-resources.js';
export { inspectNetwork, listNetworks } from './networks.js';
