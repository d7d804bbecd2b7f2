/** Every template problem is the user's input, so it is INVALID_ARGUMENT with a "template:" prefix. */
import { invalid, type EngineError } from '../../lib/errors.js';

export function templateError(msg: string, cause?: unknown): EngineError {
  return invalid(`template: ${msg}`, cause);
}

/** A parse error located as line:col in the source. */
export function parseError(src: string, pos: number, msg: string): EngineError {
  const before = src.slice(0, pos);
  const line = before.split('\n').length;
  const col = pos - (before.lastIndexOf('\n') + 1) + 1;
  return templateError(`${line}:${col}: ${msg}`);
}

/**
 * Thrown by template functions with a bare reason ("index out of range: 5"); the executor adds
 * where it happened and which function, like Go's `executing "" at <index .A 5>: error calling index: …`.
 */
export class FuncCallError extends Error {}

export const funcError = (msg: string): FuncCallError => new FuncCallError(msg);
