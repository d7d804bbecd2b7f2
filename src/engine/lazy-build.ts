/** The builder as one lazily imported module (see lazy-registry.ts for why one module). */
export { build } from '../build/build.js';
export { pruneBuildCache, buildCacheUsage } from '../build/prune.js';
export { cleanupStale } from '../build/stale.js';
