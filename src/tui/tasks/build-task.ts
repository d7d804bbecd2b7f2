/**
 * `build` from the REPL line, run through Engine.build so its typed events drive a task tab (steps,
 * timing, output tail, and the cache panel one key away). What the TUI cannot do without reading
 * files itself (a context or Dockerfile on stdin, a Dockerfile outside the context, --iidfile)
 * goes to the CLI in a terminal tab instead, which renders the same build as text.
 */
import { relative, resolve, sep } from 'node:path';
import type { BuildOptions } from '../../build/types.js';
import { parseNormalizedNamed } from '../../oci/reference.js';
import { shortId } from '../panes/format.js';
import type { RegistryDeps } from './registry-tasks.js';
import type { Task } from './task.js';

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : []);

function keyValues(list: string[]): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const kv of list) {
    const at = kv.indexOf('=');
    if (at < 0) return undefined;
    out[kv.slice(0, at)] = kv.slice(at + 1);
  }
  return out;
}

/** BuildOptions from `build`'s parsed flags, or why the CLI should run it instead (or an input error). */
export function buildOptionsOf(flags: Record<string, unknown>, args: string[], cwd: string): { opts: BuildOptions } | { fallback: string } | { error: string } {
  const arg = args[0];
  if (!arg || arg === '-' || /^[a-z]+:\/\//i.test(arg) || /^git@/.test(arg)) return { fallback: 'context from stdin or a URL' };
  if (flags.iidfile) return { fallback: '--iidfile writes a file' };
  const tags = strings(flags.tag);
  for (const t of tags) {
    try { parseNormalizedNamed(t); } catch (err) { return { error: `invalid argument "${t}" for "-t, --tag" flag: ${(err as Error).message}` }; }
  }
  const buildArgs = keyValues(strings(flags['build-arg']));
  const labels = keyValues(strings(flags.label));
  // `--build-arg NAME` takes the value from the environment: the CLI knows it.
  if (!buildArgs || !labels) return { fallback: 'a build arg or label without a value' };
  const context = resolve(cwd, arg);
  let dockerfile: string | undefined;
  if (typeof flags.file === 'string' && flags.file) {
    if (flags.file === '-') return { fallback: 'a Dockerfile on stdin' };
    const rel = relative(context, resolve(cwd, flags.file));
    if (rel.startsWith(`..${sep}`) || rel === '..') return { fallback: 'a Dockerfile outside the context' };
    dockerfile = rel;
  }
  return {
    opts: {
      context, dockerfile, tags, buildArgs, labels, target: typeof flags.target === 'string' && flags.target ? flags.target : undefined,
      noCache: flags['no-cache'] === true, pull: flags.pull === true, network: typeof flags.network === 'string' ? flags.network : undefined,
    },
  };
}

export function startBuild(deps: RegistryDeps, opts: BuildOptions, title: string): Task {
  const task = deps.tasks.add('build', title);
  deps.showTask(task.id);
  const h = deps.engine.build({ ...opts, signal: task.abort.signal });
  void (async () => { for await (const e of h.events) task.onBuildEvent(e); })().catch(() => undefined);
  h.result.then((r) => {
    const what = `built ${shortId(r.imageId)}${r.tags.length ? ` as ${r.tags.join(', ')}` : ''}`;
    task.setState('done', what);
    deps.notify(what, 'success');
    deps.refresh('images');
  }, (err: unknown) => {
    const msg = err instanceof Error ? err.message : String(err);
    task.setState('failed', task.abort.signal.aborted ? 'canceled' : msg);
    if (!task.abort.signal.aborted) deps.notify(`build failed — ${msg}`, 'error');
  });
  return task;
}
