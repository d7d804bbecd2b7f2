/**
 * `top`: as dockerd, run the host's `ps` (default `-ef`) restricted to the container's pids
 * (`runc ps`) and keep the lines whose PID belongs to the container.
 */
import { execFile } from 'node:child_process';
import type { ContainerTopResult } from '../types/container.js';
import { conflict, EngineError, invalid } from '../lib/errors.js';
import type { ContainerDeps } from './runtime-deps.js';
import { containerEvent } from './container-store.js';
import { syncState } from './reconcile.js';

/** dockerd refuses ps options that redefine the PID column under another name (pid=… is fine). */
export function validatePsArgs(psArgs: string): void {
  // Go's \s is ASCII whitespace only: a unicode space does not separate
  for (const m of psArgs.matchAll(/[\t\n\f\r ]+([^\t\n\f\r ]*)=[\t\n\f\r ]*(PID[^\t\n\f\r ]*)/g)) {
    if (m[1] !== 'pid') throw invalid(`specifying "${m[1]}=${m[2]}" is not allowed`);
  }
}

/** strings.Fields over ASCII whitespace only (dockerd's fieldsASCII: no unicode spaces). */
const fields = (s: string) => s.split(/[\t\n\f\r ]+/).filter(Boolean);

/** dockerd's parsePSOutput: titles from the first line, the last column keeps its spaces. */
export function parsePsOutput(output: string, pids: number[]): ContainerTopResult {
  const lines = output.split('\n');
  const titles = fields(lines[0] ?? '');
  const pidIndex = titles.indexOf('PID');
  if (pidIndex < 0) throw new EngineError('INTERNAL', "Couldn't find PID field in ps output");
  const processes: string[][] = [];
  const add = (f: string[]) => processes.push([...f.slice(0, titles.length - 1), f.slice(titles.length - 1).join(' ')]);
  // thread lines ("-" in the PID column, ps -m) follow their process
  let inContainer = false;
  for (const line of lines.slice(1)) {
    if (line === '') continue;
    const f = fields(line);
    if (f[pidIndex] === '-') {
      if (inContainer) add(f);
      continue;
    }
    const pid = /^[+-]?\d+$/.test(f[pidIndex] ?? '') ? Number(f[pidIndex]) : NaN;
    if (Number.isNaN(pid)) throw new EngineError('INTERNAL', `Unexpected pid '${f[pidIndex]}'`);
    inContainer = pids.includes(pid);
    if (inContainer) add(f);
  }
  return { Titles: titles, Processes: processes };
}

function ps(args: string[]): Promise<{ ok: true; out: string } | { ok: false; err: string }> {
  return new Promise((resolve) => {
    execFile('ps', args, { maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      if (!err) resolve({ ok: true, out: stdout });
      else resolve({ ok: false, err: String(stderr).split('\n')[0] || String(err.message) });
    });
  });
}

export async function containerTop(deps: ContainerDeps, ref: string, psArgs = ''): Promise<ContainerTopResult> {
  const args = psArgs === '' ? '-ef' : psArgs;
  validatePsArgs(args);
  const rec = await syncState(deps, (await deps.store.resolve(ref)).Id);
  if (rec.State.Restarting) throw conflict(`Container ${rec.Id} is restarting, wait until the container is running`);
  if (!rec.State.Running) throw conflict(`container ${rec.Id} is not running`);
  const pids = await deps.runc.ps(rec.Id);
  const argv = args.split(' ');
  // some ps options (f) cannot be combined with -q: retry without the pid list, as dockerd does
  let res = await ps([...argv, `-q${pids.join(',')}`]);
  if (!res.ok) res = await ps(argv);
  if (!res.ok) throw new EngineError('INTERNAL', `ps: ${res.err}`);
  const result = parsePsOutput(res.out, pids);
  await deps.store.events.append(containerEvent('top', rec));
  return result;
}
