/** The image builder: Dockerfile + context → image, with a layer cache that explains its misses. */
export { build } from './build.js';
export { pruneBuildCache, buildCacheUsage, type CacheUsers } from './prune.js';
export { cleanupStale } from './stale.js';
export { legacyText } from './legacy-format.js';
export type * from './types.js';
