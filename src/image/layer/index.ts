/** The layer module: apply a layer tar into an overlayfs lower dir, and diff an upper dir back into one. */
export { applyLayer } from './apply.js';
export { diffLayer, tarDirectory, type TarDirectoryOptions } from './diff.js';
export { HashStream, hashStream, type HashStreamOptions } from './hash-stream.js';
export { OPAQUE_XATTR } from './finalize.js';
export type { ApplyOptions, ApplyResult } from './types.js';
