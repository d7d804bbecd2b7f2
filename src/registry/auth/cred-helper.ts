/**
 * docker credential helpers (docker/docker-credential-helpers protocol): the program
 * `docker-credential-<name>` is run with one verb; `get` and `erase` read the server URL on stdin,
 * `store` reads {"ServerURL","Username","Secret"}; `get` answers with the same JSON. A helper that
 * does not know the server prints "credentials not found in native keychain" and exits non-zero.
 */
import { spawn } from 'node:child_process';
import { EngineError } from '../../lib/errors.js';

export const NOT_FOUND_MESSAGE = 'credentials not found in native keychain';

export interface HelperCredentials {
  ServerURL?: string;
  Username: string;
  Secret: string;
}

interface Ran { code: number; stdout: string; stderr: string; spawnError?: Error }

function run(program: string, verb: string, input: string): Promise<Ran> {
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(program, [verb], { stdio: ['pipe', 'pipe', 'pipe'] });
    } catch (err) {
      resolve({ code: -1, stdout: '', stderr: '', spawnError: err as Error });
      return;
    }
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', (err) => resolve({ code: -1, stdout, stderr, spawnError: err }));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}

function failure(what: string, program: string, r: Ran): EngineError {
  const err = r.spawnError
    ? ((r.spawnError as NodeJS.ErrnoException).code === 'ENOENT' ? `exec: "${program}": executable file not found in $PATH` : r.spawnError.message)
    : `exit status ${r.code}`;
  return new EngineError('INTERNAL', `error ${what} credentials - err: ${err}, out: \`${r.stdout.trim() || r.stderr.trim()}\``);
}

export function helperProgram(name: string): string {
  return `docker-credential-${name}`;
}

/** undefined when the helper has nothing for this server. */
export async function helperGet(name: string, serverURL: string): Promise<HelperCredentials | undefined> {
  const program = helperProgram(name);
  const r = await run(program, 'get', serverURL);
  if (r.code !== 0) {
    if (r.stdout.includes(NOT_FOUND_MESSAGE)) return undefined;
    throw failure('getting', program, r);
  }
  try {
    const c = JSON.parse(r.stdout) as HelperCredentials;
    return { ServerURL: c.ServerURL ?? serverURL, Username: String(c.Username ?? ''), Secret: String(c.Secret ?? '') };
  } catch {
    throw failure('getting', program, r);
  }
}

export async function helperStore(name: string, creds: HelperCredentials): Promise<void> {
  const program = helperProgram(name);
  const r = await run(program, 'store', JSON.stringify(creds));
  if (r.code !== 0) throw failure('storing', program, r);
}

export async function helperErase(name: string, serverURL: string): Promise<void> {
  const program = helperProgram(name);
  const r = await run(program, 'erase', serverURL);
  if (r.code !== 0 && !r.stdout.includes(NOT_FOUND_MESSAGE)) throw failure('erasing', program, r);
}
