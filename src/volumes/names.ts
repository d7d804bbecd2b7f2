/** Volume names as dockerd's local driver accepts them, and anonymous names. */
import { randomBytes } from 'node:crypto';
import { invalid } from '../lib/errors.js';

/** The label dockerd (23+) puts on anonymous volumes; `volume prune` without -a removes only these. */
export const ANONYMOUS_LABEL = 'com.docker.volume.anonymous';

const RESTRICTED_CHARS = '[a-zA-Z0-9][a-zA-Z0-9_.-]';
const NAME_RE = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

/** docker's texts, wrapped as its volume store does ("create NAME: …"). */
export function validateVolumeName(name: string): void {
  if (name.length === 1) throw invalid(`create ${name}: volume name is too short, names should be at least two alphanumeric characters`);
  // record keys are file names: the pattern also keeps names from naming other paths
  if (!NAME_RE.test(name) || name.length > 255) {
    throw invalid(`create ${name}: ${JSON.stringify(name)} includes invalid characters for a local volume name, only ${JSON.stringify(RESTRICTED_CHARS)} are allowed. If you intended to pass a host directory, use absolute path`);
  }
}

export function anonymousName(): string {
  return randomBytes(32).toString('hex');
}

export function isAnonymous(labels: Record<string, string> | null | undefined): boolean {
  return labels != null && ANONYMOUS_LABEL in labels;
}
