/**
 * The build context and the Dockerfile, from a directory, a context tar (extracted into build
 * temp space, as dockerd's FromArchive does) or nothing. The Dockerfile is read from the
 * context unless its text is given; `Dockerfile` falls back to `dockerfile` as docker's does.
 * The context is walked once, lazily, on the first COPY/ADD that reads it.
 */
import { promises as fsp } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { errnoCode, invalid, notFound, toEngineError } from '../lib/errors.js';
import { applyLayer } from '../image/layer/index.js';
import { buildFilesToRemove, readIgnoreFile } from './context/index.js';
import { ContextTree } from './context-tree.js';
import { StatCache } from './stat-cache.js';
import type { BuildTemp } from './build-ctx.js';
import type { BuildOptions } from './types.js';

export interface BuildContext {
  /** The Dockerfile's name as used in messages and the walk ("Dockerfile"). */
  dockerfileName: string;
  dockerfileText: string;
  tree(): Promise<ContextTree>;
  statCache?: StatCache;
  /** Save what the build learnt (stat cache). */
  finish(): Promise<void>;
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await fsp.readFile(path, 'utf8');
  } catch (err) {
    if (errnoCode(err) === 'ENOENT' || errnoCode(err) === 'ENOTDIR') return undefined;
    throw toEngineError(err);
  }
}

/** The Dockerfile inside `dir` (docker's fallback to the lower-case name for the default). */
async function dockerfileIn(dir: string, name: string, isDefault: boolean): Promise<{ name: string; text: string }> {
  const text = await readIfExists(join(dir, name));
  if (text !== undefined) return { name, text };
  if (isDefault) {
    const lower = await readIfExists(join(dir, name.toLowerCase()));
    if (lower !== undefined) return { name: name.toLowerCase(), text: lower };
  }
  throw notFound(`Cannot locate specified Dockerfile: ${name}`);
}

function relName(name: string): string {
  const clean = name.split(sep).join('/').replace(/^\.\//, '');
  if (clean.startsWith('/') || clean === '..' || clean.startsWith('../')) throw invalid(`the Dockerfile (${name}) must be within the build context`);
  return clean;
}

export async function openContext(root: string, opts: BuildOptions, temp: BuildTemp, signal: AbortSignal): Promise<BuildContext> {
  const given = opts.dockerfile ?? 'Dockerfile';
  if (opts.context === undefined) {
    if (opts.dockerfileText === undefined) throw invalid('a build needs a context or a Dockerfile');
    return { dockerfileName: given, dockerfileText: opts.dockerfileText, tree: async () => ContextTree.empty(), finish: async () => undefined };
  }
  let dir: string;
  let fromTar = false;
  if (typeof opts.context === 'string') {
    dir = resolve(opts.context);
    const st = await fsp.stat(dir).catch(() => undefined);
    if (!st?.isDirectory()) throw notFound(`unable to prepare context: path ${JSON.stringify(dir)} not found`);
  } else {
    dir = await temp.path('context');
    await extractContext(opts.context, dir, signal);
    fromTar = true;
  }
  const df = opts.dockerfileText !== undefined
    ? { name: given, text: opts.dockerfileText }
    : await dockerfileIn(dir, relName(given), opts.dockerfile === undefined);
  const inContext = opts.dockerfileText === undefined ? df.name : '';
  const ignore = await readIgnoreFile(dir, inContext ? join(dir, inContext) : undefined);
  const statCache = fromTar ? undefined : StatCache.forContext(root, dir);
  let tree: Promise<ContextTree> | undefined;
  return {
    dockerfileName: df.name,
    dockerfileText: df.text,
    statCache,
    tree: () => {
      tree ??= (async () => {
        await statCache?.load();
        return fromTar
          ? ContextTree.create(dir, { patterns: [], dockerfile: '', remove: buildFilesToRemove(ignore.patterns, inContext), signal })
          : ContextTree.create(dir, { patterns: ignore.patterns, dockerfile: inContext, signal });
      })();
      return tree;
    },
    finish: async () => { await statCache?.save(); },
  };
}

async function extractContext(tar: Readable, dir: string, signal: AbortSignal): Promise<void> {
  await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
  try {
    await applyLayer(tar, dir, { signal });
  } catch (err) {
    throw invalid(`failed to read the build context: ${(err as Error).message}`, err);
  }
}

