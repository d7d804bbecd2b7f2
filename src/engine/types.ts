/** Engine data shapes; defined in src/types (layer 1) so lower layers can produce them. */
export type * from '../types/docker.js';
