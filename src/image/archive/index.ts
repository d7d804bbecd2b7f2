/** Image archives: `load` (docker-archive and OCI layout tars) and `save` (both layouts in one tar). */
export { loadArchive, type ArchiveLoadResult } from './load.js';
export { saveArchive } from './save.js';
