/**
 * Loading seccomp profiles. The builtin one ships as assets/seccomp-default.json at the package
 * root (tsc does not copy JSON into dist/), found by walking up from this module to the
 * directory holding package.json, so it resolves the same from src/ (tests) and dist/.
 * Nothing is read until a profile is first needed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { invalid, internal } from '../../../lib/errors.js';
import type { SeccompProfile } from './types.js';

let builtin: SeccompProfile | undefined;

export function packageRoot(from: string = fileURLToPath(import.meta.url)): string {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw internal(`no package.json above ${from}`);
  }
}

/** Parse a profile in Docker's or OCI form; errors read like dockerd's LoadProfile. */
export function parseSeccompProfile(text: string): SeccompProfile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw invalid(`Decoding seccomp profile failed: ${(err as Error).message}`, err);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid('Decoding seccomp profile failed: profile is not a JSON object');
  }
  const p = value as SeccompProfile;
  if (p.syscalls != null && !Array.isArray(p.syscalls)) {
    throw invalid('Decoding seccomp profile failed: "syscalls" must be an array');
  }
  return p;
}

/** Docker's builtin profile, parsed once. Callers get a deep copy to mutate freely. */
export function defaultSeccompProfile(): SeccompProfile {
  if (!builtin) {
    const path = join(packageRoot(), 'assets', 'seccomp-default.json');
    builtin = parseSeccompProfile(readFileSync(path, 'utf8'));
  }
  return structuredClone(builtin);
}

/** `--security-opt seccomp=FILE`: read and parse the file, with the docker CLI's wording. */
export async function loadSeccompProfileFile(path: string): Promise<SeccompProfile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    // A bad path is bad input to the command, whatever the errno.
    throw invalid(`opening seccomp profile (${path}) failed: ${(err as Error).message}`, err);
  }
  return parseSeccompProfile(text);
}
