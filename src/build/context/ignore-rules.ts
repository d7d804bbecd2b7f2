/**
 * Which ignore file applies, and docker's special treatment of the build files: the Dockerfile
 * and .dockerignore are always *sent* (the CLI appends `!` exceptions for them), and the
 * builder drops them again from what COPY sees when the user's patterns exclude them.
 */
import { promises as fsp } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { errnoCode, toEngineError } from '../../lib/errors.js';
import { parseDockerignore } from './ignore-file.js';
import { PatternMatcher } from './pattern-matcher.js';

export const DOCKERIGNORE = '.dockerignore';

export interface IgnoreFile {
  patterns: string[];
  /** The file read (absolute), or undefined when there is none. */
  path?: string;
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await fsp.readFile(path, 'utf8');
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return undefined;
    throw toEngineError(err);
  }
}

/**
 * `<Dockerfile>.dockerignore` beside the Dockerfile wins over `<context>/.dockerignore`
 * (BuildKit's rule; `build/app.Dockerfile` → `build/app.Dockerfile.dockerignore`).
 */
export async function readIgnoreFile(contextDir: string, dockerfilePath?: string): Promise<IgnoreFile> {
  const candidates: string[] = [];
  if (dockerfilePath) candidates.push(join(dirname(dockerfilePath), `${basename(dockerfilePath)}.dockerignore`));
  candidates.push(join(contextDir, DOCKERIGNORE));
  for (const path of candidates) {
    const text = await readIfExists(path);
    if (text !== undefined) return { patterns: parseDockerignore(text), path };
  }
  return { patterns: [] };
}

/**
 * The docker CLI's TrimBuildFilesFromExcludes: append `!.dockerignore` and `!<dockerfile>` when
 * the patterns would exclude them, so they are always sent.
 */
export function keepBuildFiles(patterns: readonly string[], dockerfile: string): string[] {
  const out = [...patterns];
  if (new PatternMatcher(out).legacyMatches(DOCKERIGNORE)) out.push('!' + DOCKERIGNORE);
  if (dockerfile && new PatternMatcher(out).legacyMatches(dockerfile)) out.push('!' + dockerfile);
  return out;
}

/**
 * The daemon side (moby's removeDockerfile): of .dockerignore and the Dockerfile, those the
 * user's patterns exclude, which the builder must remove from the context before COPY.
 */
export function buildFilesToRemove(patterns: readonly string[], dockerfile: string): string[] {
  if (patterns.length === 0) return [];
  const pm = new PatternMatcher(patterns);
  return [DOCKERIGNORE, dockerfile].filter((f, i, all) => f && all.indexOf(f) === i && pm.matchesOrParentMatches(f));
}
