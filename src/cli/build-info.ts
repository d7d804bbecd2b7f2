/**
 * Client version facts for `berth -v` and `berth version`. Read lazily (small sync reads) so
 * commands that never print them pay nothing; cached after the first call.
 */
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BERTH_VERSION } from '../engine/version.js';

export { API_VERSION, MIN_API_VERSION } from '../engine/version.js';

export interface BuildInfo {
  version: string;
  /** Short git commit of the checkout the CLI runs from, or "dev" outside a checkout. */
  gitCommit: string;
  /** Go's ANSIC layout, as docker prints "Built:". */
  built: string;
  /** docker's OS/Arch naming (linux/amd64). */
  os: string;
  arch: string;
}

// src/cli/ and dist/cli/ are both two levels below the package root.
const pkgRoot = new URL('../../', import.meta.url);

const tryRead = (rel: string): string | undefined => {
  try {
    return readFileSync(new URL(rel, pkgRoot), 'utf8');
  } catch {
    return undefined;
  }
};

function gitCommit(): string {
  const head = tryRead('.git/HEAD')?.trim();
  if (!head) return 'dev';
  let sha = head;
  const ref = /^ref: (.+)$/.exec(head)?.[1];
  if (ref) {
    sha = tryRead(`.git/${ref}`)?.trim() ?? tryRead('.git/packed-refs')?.split('\n').find((l) => l.endsWith(' ' + ref))?.split(' ')[0] ?? '';
  }
  return /^[0-9a-f]{7,}$/.test(sha) ? sha.slice(0, 7) : 'dev';
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** Go's time.ANSIC: "Mon Jan _2 15:04:05 2006". */
export function ansic(d: Date): string {
  return `${DAYS[d.getDay()]} ${MONTHS[d.getMonth()]} ${String(d.getDate()).padStart(2, ' ')} ` +
    `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())} ${d.getFullYear()}`;
}

const GO_ARCH: Record<string, string> = { x64: 'amd64', ia32: '386', ppc64: 'ppc64le' };

export function goOs(platform: string = process.platform): string {
  return platform === 'win32' ? 'windows' : platform;
}

export function goArch(arch: string = process.arch): string {
  return GO_ARCH[arch] ?? arch;
}

let cached: BuildInfo | undefined;

export function buildInfo(): BuildInfo {
  if (cached) return cached;
  let built: Date;
  try {
    built = statSync(fileURLToPath(import.meta.url)).mtime;
  } catch {
    built = new Date();
  }
  cached = { version: BERTH_VERSION, gitCommit: gitCommit(), built: ansic(built), os: goOs(), arch: goArch() };
  return cached;
}

/** `berth -v`: docker's "Docker version 28.2.2, build e6534b4". */
export function versionLine(): string {
  const b = buildInfo();
  return `berth version ${b.version}, build ${b.gitCommit}`;
}
