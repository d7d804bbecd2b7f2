export type { EngineEvent } from '../../types/events.js';
