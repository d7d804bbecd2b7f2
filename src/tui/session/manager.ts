/** The session tabs: creation, exit notices and closing, as a small observable list. */
import type { Spawner } from './pty.js';
import { TermSession } from './session.js';

export interface ManagerOptions {
  /** argv prefix that runs this berth with the same global flags. */
  berth: string[];
  env: NodeJS.ProcessEnv;
  spawner: () => Promise<Spawner> | Spawner;
  onExit?(s: TermSession): void;
}

export class SessionManager {
  private sessions: TermSession[] = [];
  private listeners = new Set<() => void>();
  private seq = 0;
  private spawner?: Spawner;

  constructor(private readonly opts: ManagerOptions) {}

  list(): TermSession[] { return this.sessions; }
  get(id: string | null | undefined): TermSession | undefined { return this.sessions.find((s) => s.id === id); }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private emit(): void {
    this.sessions = [...this.sessions];
    for (const fn of this.listeners) fn();
  }

  /** Starts `berth ARGS` in a new tab sized cols×rows. */
  async start(args: string[], opts: { title: string; interactive: boolean; cols: number; rows: number }): Promise<TermSession> {
    this.spawner ??= await this.opts.spawner();
    const id = String(++this.seq);
    const env = { ...this.opts.env, TERM: 'xterm-256color' };
    const s = new TermSession(id, opts.title, [...this.opts.berth, ...args], opts.interactive, this.spawner,
      { cols: opts.cols, rows: opts.rows }, env, (done) => { this.emit(); this.opts.onExit?.(done); });
    this.sessions.push(s);
    this.emit();
    return s;
  }

  close(id: string): void {
    const s = this.get(id);
    if (!s) return;
    s.dispose();
    this.sessions = this.sessions.filter((x) => x !== s);
    this.emit();
  }

  /** Ends every session (on quit): their processes get SIGHUP like a closed terminal. */
  disposeAll(): void {
    for (const s of this.sessions) s.dispose();
    this.sessions = [];
    this.listeners.clear();
  }
}
