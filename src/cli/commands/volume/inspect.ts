/** `volume inspect`: docker's JSON array, or a template per volume; misses as "Error: No such volume". */
import { inspectVerb } from '../image/inspect.js';

export const volumeInspect = inspectVerb('volume', 'volume', (engine, n) => engine.inspectVolume(n));
