/** Version constants shared by `version`, `info` and the API server's headers. */
export const BERTH_VERSION = '0.1.0';
/** The Docker Engine API version berth implements (docker v28.2's). */
export const API_VERSION = '1.50';
export const MIN_API_VERSION = '1.24';
