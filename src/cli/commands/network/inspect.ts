/** `network inspect`: docker's JSON array, or a template per network. */
import { inspectVerb } from '../image/inspect.js';

export const networkInspect = inspectVerb('network', 'none', (engine, n) => engine.inspectNetwork(n));
