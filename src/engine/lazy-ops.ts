/**
 * The engine's less common operations as one lazily imported module (see lazy-registry.ts):
 * archives (load/save/import, cp, export), layer analysis, exec, commit, stats and the like.
 */
export { imageLayers } from '../image/layer-analysis.js';
export { importImage } from '../image/import.js';
export { loadArchive, saveArchive } from '../image/archive/index.js';
export { busyboxRootfs, DEMO_CHANGES } from '../image/demo.js';
export { runHealthcheck } from '../container/health.js';
export { bootContainers } from '../container/boot.js';
export { containerTop } from '../container/top.js';
export { containerStats } from '../container/stats.js';
export { updateContainer } from '../container/update.js';
export { execCreate } from '../container/exec-create.js';
export { execStart } from '../container/exec-start.js';
export { cleanupExec, execInspect, execResize } from '../container/exec-state.js';
export { archiveGet, archivePut, archiveStat } from '../container/archive.js';
export { containerChanges } from '../container/diff.js';
export { exportContainer } from '../container/export.js';
export { commitContainer } from '../container/commit.js';
export { resetSystem } from './reset.js';
export { systemCheck } from './check/index.js';
