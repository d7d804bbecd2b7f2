/** runc CLI adapter: the container lifecycle after conmon has run `runc create`. */
export { Runc, DEFAULT_RUNC, type RuncOptions, type RuncExecProcess } from './runc.js';
export { classifyRuncError, runcErrorMessage, type RuncOp } from './runc-errors.js';
export type { RuncState, RuncStatus, RuncStats, RuncExecOptions } from './types.js';
