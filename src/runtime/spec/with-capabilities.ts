/**
 * --cap-add / --cap-drop. Use withCapabilities({add, drop}) with both lists for exact docker
 * semantics (drop ALL + add X = only X, whatever the order); withCapAdd/withCapDrop are the
 * one-list shorthands. Sets bounding = effective = permitted, as moby's SetCapabilities.
 */
import { tweakCapabilities } from './capabilities.js';
import { hostCapabilities } from './host.js';
import type { RuntimeSpec, SpecOpt } from './types.js';
import { ensureProcess } from './process.js';

export function setCapabilities(s: RuntimeSpec, caps: readonly string[]): void {
  const p = ensureProcess(s);
  p.capabilities = { bounding: [...caps], effective: [...caps], permitted: [...caps] };
}

/** `available` is what ALL expands to and what may be added (default: the engine's own caps). */
export function withCapabilities(
  edits: { add?: readonly string[]; drop?: readonly string[] },
  available?: readonly string[],
): SpecOpt {
  return (s) => {
    const current = s.process?.capabilities?.bounding ?? [];
    setCapabilities(s, tweakCapabilities(current, edits.add ?? [], edits.drop ?? [], available ?? hostCapabilities()));
  };
}

export const withCapAdd = (caps: readonly string[], available?: readonly string[]): SpecOpt =>
  withCapabilities({ add: caps }, available);

export const withCapDrop = (caps: readonly string[], available?: readonly string[]): SpecOpt =>
  withCapabilities({ drop: caps }, available);
