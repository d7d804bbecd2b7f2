/** Go's time.ParseDuration, shared with the CLI: see src/lib/go-duration.ts. */
export { parseGoDuration } from '../../lib/go-duration.js';
