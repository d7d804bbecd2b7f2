/**
 * docker's client config file, `$DOCKER_CONFIG/config.json` (default ~/.docker/config.json), read
 * and written as docker/cli's configfile does: `auths` entries hold base64("user:pass"), other
 * keys (credsStore, credHelpers, psFormat, …) are kept untouched. Writes are atomic (temp file in
 * the same directory, fsync, rename), mode 0600, tab-indented like docker's.
 */
import { promises as fsp } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../../lib/atomic.js';
import { invalid } from '../../lib/errors.js';

export interface AuthEntry {
  auth?: string;
  identitytoken?: string;
  registrytoken?: string;
  email?: string;
  [k: string]: unknown;
}

export interface DockerConfigFile {
  auths: Record<string, AuthEntry>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
  [k: string]: unknown;
}

/** The config directory: $DOCKER_CONFIG, else $HOME/.docker. */
export function dockerConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DOCKER_CONFIG) return env.DOCKER_CONFIG;
  return join(env.HOME || homedir(), '.docker');
}

export function dockerConfigPath(dir: string): string {
  return join(dir, 'config.json');
}

export async function readDockerConfig(path: string): Promise<DockerConfigFile> {
  let text: string;
  try {
    text = await fsp.readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { auths: {} };
    throw err;
  }
  if (text.trim() === '') return { auths: {} };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw invalid(`loading config file: ${path}: ${(err as Error).message}`, err);
  }
  const cfg = (raw && typeof raw === 'object' ? raw : {}) as DockerConfigFile;
  if (!cfg.auths || typeof cfg.auths !== 'object') cfg.auths = {};
  return cfg;
}

/** Atomic 0600 write; a symlinked config.json is replaced at its target, as docker does. */
export async function writeDockerConfig(path: string, cfg: DockerConfigFile): Promise<void> {
  let target = path;
  try { target = await fsp.realpath(path); } catch { /* not there yet */ }
  await fsp.mkdir(dirname(target), { recursive: true, mode: 0o700 });
  // "auths" first, as docker's struct order puts it
  const { auths, ...rest } = cfg;
  await writeFileAtomic(target, JSON.stringify({ auths, ...rest }, null, '\t'), 0o600);
}

export function encodeAuth(username: string, password: string): string {
  return username === '' && password === '' ? '' : Buffer.from(`${username}:${password}`).toString('base64');
}

export function decodeAuth(auth: string): { username: string; password: string } {
  const s = Buffer.from(auth, 'base64').toString('utf8');
  const i = s.indexOf(':');
  if (i <= 0) throw invalid('Invalid auth configuration file');
  return { username: s.slice(0, i), password: s.slice(i + 1).replace(/\0+$/, '') };
}
