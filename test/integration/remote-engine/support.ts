/**
 * Shared by the remote-engine suites: a writable that collects text, a wait-until, and the check
 * that dist/ is built (the server under test is bin/berth.js → dist/, run `npm run build` first).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { BERTH, REPO, collect, type RunResult } from '../../helpers/cli.js';

export const distBuilt = existsSync(join(REPO, 'dist', 'api', 'client', 'index.js'));
export const needsDist = distBuilt ? '' : ' (skipped: dist/ is not built; run npm run build)';

export class Collect extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void { this.text += chunk.toString(); cb(); }
}

export async function until(cond: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The code of a rejected promise (EngineError.code), or 'resolved'. */
export async function codeOf(p: Promise<unknown>): Promise<string> {
  try { await p; return 'resolved'; } catch (err) { return String((err as { code?: unknown }).code); }
}

/** bin/berth.js with exactly this environment: the test's own minus BERTH_ROOT and DOCKER_HOST. */
export function berthEnv(args: string[], env: NodeJS.ProcessEnv = {}, input = ''): Promise<RunResult> {
  const { BERTH_ROOT: _r, DOCKER_HOST: _h, ...base } = process.env;
  return collect(process.execPath, [BERTH, ...args], { ...base, NO_COLOR: '1', ...env }, input, 90_000);
}

/** `berth -H host ARGS`. */
export const remote = (host: string, args: string[], input = ''): Promise<RunResult> => berthEnv(['-H', host, ...args], {}, input);
