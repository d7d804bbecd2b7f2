/**
 * In-process tasks shown as tabs beside the terminal sessions: pulls, pushes and builds the TUI
 * runs through the Engine itself (so it sees their typed progress, and can answer a 401 with a
 * login prompt), where a REPL line of any other verb runs the CLI in a pty.
 */
import { applyProgress, emptyProgress, type TransferProgress } from './transfer-progress.js';
import type { ProgressEvent } from '../../types/registry.js';
import type { BuildEvent } from '../../build/types.js';
import { applyBuildEvent, emptyBuild, type BuildProgress } from './build-progress.js';

export type TaskKind = 'pull' | 'push' | 'build';
export type TaskState = 'running' | 'waiting' | 'done' | 'failed';

export class Task {
  state: TaskState = 'running';
  /** Why it waits (a login prompt is open) or how it ended. */
  message?: string;
  progress: TransferProgress = emptyProgress();
  build: BuildProgress = emptyBuild();
  /** Bumped on every change (a snapshot key for React). */
  version = 0;
  readonly abort = new AbortController();
  private listeners = new Set<() => void>();
  private timer?: NodeJS.Timeout;

  constructor(readonly id: string, readonly kind: TaskKind, readonly title: string, private readonly changedList: () => void) {}

  /** An arrow, so React's useSyncExternalStore keeps one subscription across renders. */
  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => { this.listeners.delete(fn); };
  };

  /** Coalesces bursts of progress into one repaint per ~30 ms. */
  private changed(now = false): void {
    const fire = () => { this.timer = undefined; this.version++; for (const fn of this.listeners) fn(); };
    if (now) { if (this.timer) clearTimeout(this.timer); fire(); return; }
    this.timer ??= setTimeout(fire, 30);
  }

  onProgress = (e: ProgressEvent): void => { this.progress = applyProgress(this.progress, e); this.changed(); };
  onBuildEvent = (e: BuildEvent): void => { this.build = applyBuildEvent(this.build, e); this.changed(); };

  setState(state: TaskState, message?: string): void {
    this.state = state;
    this.message = message;
    this.changed(true);
    this.changedList();
  }

  dispose(): void {
    this.abort.abort();
    if (this.timer) clearTimeout(this.timer);
    this.listeners.clear();
  }
}

export class TaskManager {
  private tasks: Task[] = [];
  private listeners = new Set<() => void>();
  private seq = 0;

  list = (): Task[] => this.tasks;
  get(id: string | null | undefined): Task | undefined { return this.tasks.find((t) => t.id === id); }

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => { this.listeners.delete(fn); };
  };

  private emit(): void {
    this.tasks = [...this.tasks];
    for (const fn of this.listeners) fn();
  }

  /** Ids carry the kind ("pull-3"), so the keymap can tell a build tab from the state alone. */
  add(kind: TaskKind, title: string): Task {
    const t = new Task(`${kind}-${++this.seq}`, kind, title, () => this.emit());
    this.tasks.push(t);
    this.emit();
    return t;
  }

  /** Closing a running task cancels it (its signal aborts). */
  close(id: string): void {
    const t = this.get(id);
    if (!t) return;
    t.dispose();
    this.tasks = this.tasks.filter((x) => x !== t);
    this.emit();
  }

  disposeAll(): void {
    for (const t of this.tasks) t.dispose();
    this.tasks = [];
    this.listeners.clear();
  }
}

export const isTaskId = (id: string | null | undefined): boolean => !!id && /^(pull|push|build)-\d+$/.test(id);
