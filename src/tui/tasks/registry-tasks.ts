/**
 * Pull, push and login from the Images pane, the `x` menu and the REPL line, run through the
 * Engine so progress arrives as typed events (one bar per layer). A registry that answers 401
 * (EngineError UNAUTHENTICATED) opens the login prompt; after a successful login the same
 * operation runs again, and cancelling the prompt ends it with the registry's message.
 */
import type { Engine } from '../../engine/engine.js';
import { isEngineError } from '../../lib/errors.js';
import { DEFAULT_DOMAIN, parseNormalizedNamed } from '../../oci/reference.js';
import { field, type Dialog, type DialogLine } from '../dialogs/dialog.js';
import type { Level } from '../actions/context.js';
import type { ListKind } from '../data/use-engine-data.js';
import type { Task, TaskManager } from './task.js';
import { emptyProgress } from './transfer-progress.js';

export interface RegistryDeps {
  engine: Engine;
  tasks: TaskManager;
  openDialog(d: Dialog): void;
  notify(text: string, level?: Level): void;
  refresh(...kinds: ListKind[]): void;
  /** Shows the task's tab in the main area. */
  showTask(id: string): void;
}

const text = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** The login server for a reference: its registry host, or undefined for Docker Hub (docker's default). */
export function registryOf(ref: string): string | undefined {
  try {
    const d = parseNormalizedNamed(ref).domain;
    return d === DEFAULT_DOMAIN ? undefined : d;
  } catch {
    return undefined;
  }
}

export interface LoginRequest {
  server?: string;
  username?: string;
  /** Why the prompt opened (the registry's 401 message, or the last failed attempt). */
  reason?: string;
  /** true after "Login Succeeded", false when the prompt is cancelled. */
  onDone?(ok: boolean): void;
}

/** The login form: server, user, password (masked); a failed attempt reopens it with the error. */
export function promptLogin(deps: RegistryDeps, req: LoginRequest = {}): void {
  const lines: DialogLine[] = [];
  if (req.reason) lines.push({ text: req.reason, token: 'warning' });
  lines.push({ text: `Credentials are checked against the registry, then stored as docker login stores them.` });
  deps.openDialog({
    kind: 'prompt', title: `Log in to ${req.server ?? 'Docker Hub'}`, lines, submitLabel: 'log in',
    fields: [field('Server', req.server ?? ''), field('Username', req.username ?? ''), field('Password', '', true)],
    onCancel: () => req.onDone?.(false),
    onSubmit: ([server = '', username = '', password = '']) => {
      const srv = server.trim() || undefined;
      if (!username.trim() || !password) {
        promptLogin(deps, { ...req, server: srv, username, reason: 'Username and password are both required.' });
        return;
      }
      deps.notify(`logging in to ${srv ?? 'Docker Hub'}…`, 'info');
      deps.engine.login(srv, username.trim(), password).then((r) => {
        deps.notify(`${r.Status}${r.storedUnencrypted ? ` (password stored unencrypted in ${r.storedUnencrypted})` : ''}`, r.storedUnencrypted ? 'warning' : 'success');
        req.onDone?.(true);
      }, (err: unknown) => {
        promptLogin(deps, { ...req, server: srv, username, reason: isEngineError(err, 'UNAUTHENTICATED') ? `Login failed: ${text(err)}` : `Login did not succeed: ${text(err)}` });
      });
    },
  });
}

type Transfer = (task: Task) => Promise<string>;

/** Runs `op` in a new task tab; a 401 asks for a login and runs it again. */
function runTransfer(deps: RegistryDeps, kind: 'pull' | 'push', ref: string, op: Transfer): Task {
  const task = deps.tasks.add(kind, `${kind} ${ref}`);
  deps.showTask(task.id);
  const attempt = () => {
    // A retry after a login draws from scratch: the refused attempt's lines would repeat.
    task.progress = emptyProgress();
    task.setState('running');
    op(task).then((done) => {
      task.setState('done', done);
      deps.notify(done, 'success');
      deps.refresh('images');
    }, (err: unknown) => {
      if (task.abort.signal.aborted) return task.setState('failed', 'canceled');
      if (isEngineError(err, 'UNAUTHENTICATED')) {
        task.setState('waiting', `${text(err)}: waiting for a login`);
        promptLogin(deps, {
          server: registryOf(ref), reason: `${kind} ${ref}: ${text(err)}`,
          onDone: (ok) => (ok ? attempt() : task.setState('failed', `${text(err)} (login cancelled)`)),
        });
        return;
      }
      task.setState('failed', text(err));
      deps.notify(`${kind} ${ref} failed — ${text(err)}`, 'error');
    });
  };
  attempt();
  return task;
}

export function pullImage(deps: RegistryDeps, ref: string, opts: { allTags?: boolean; platform?: string } = {}): Task {
  return runTransfer(deps, 'pull', ref, async (task) => {
    const r = await deps.engine.pullImage(ref, { ...opts, signal: task.abort.signal, onProgress: task.onProgress });
    return `pulled ${r.reference}${r.updated ? '' : ' (image is up to date)'}`;
  });
}

export function pushImage(deps: RegistryDeps, ref: string, opts: { allTags?: boolean } = {}): Task {
  return runTransfer(deps, 'push', ref, async (task) => {
    const r = await deps.engine.pushImage(ref, { ...opts, signal: task.abort.signal, onProgress: task.onProgress });
    return `pushed ${r.reference}${r.pushed[0] ? ` (${r.pushed[0].Digest.slice(0, 19)}…)` : ''}`;
  });
}

/** `p` in Images: ask for the reference, then pull it. */
export function promptPull(deps: RegistryDeps, initial = ''): void {
  deps.openDialog({
    kind: 'prompt', title: 'Pull an image', submitLabel: 'pull',
    lines: [{ text: 'NAME[:TAG|@DIGEST], e.g. busybox:latest or 127.0.0.1:5000/project/app:1.0' }],
    fields: [field('Image', initial)],
    onSubmit: ([ref = '']) => {
      if (ref.trim()) pullImage(deps, ref.trim());
    },
  });
}

/** `P` in Images: push the selected image's tag (a menu when it has several). */
export function pushSelected(deps: RegistryDeps, tags: string[]): void {
  const named = tags.filter((t) => t !== '<none>:<none>');
  if (named.length === 0) {
    deps.notify('push needs a tagged image (tag it first: :tag IMAGE REGISTRY/NAME:TAG)', 'warning');
    return;
  }
  if (named.length === 1) {
    pushImage(deps, named[0]!);
    return;
  }
  deps.openDialog({ kind: 'menu', title: 'Push which tag?', items: named.map((t) => ({ label: t, run: () => void pushImage(deps, t) })) });
}

/** The Images pane's registry keys (p, P, L) for the selected image's tags. */
export function registryAction(deps: RegistryDeps, action: 'pull' | 'push' | 'login', tags: string[] | undefined): void {
  if (action === 'pull') return promptPull(deps);
  if (action === 'push') return tags ? pushSelected(deps, tags) : deps.notify('select an image to push', 'warning');
  const tag = tags?.find((t) => t !== '<none>:<none>');
  promptLogin(deps, { server: tag ? registryOf(tag) : undefined });
}
