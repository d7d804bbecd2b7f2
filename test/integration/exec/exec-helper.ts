/**
 * An engine on a temp root with one running busybox container, and an exec runner that attaches
 * like the docker CLI does (create, start attached, wait for the stream, inspect the exit code).
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { createEngine } from '../../../src/engine/create-engine.js';
import type { Engine } from '../../../src/engine/engine.js';
import type { ContainerConfig, ExecCreateRequest, HostConfig } from '../../../src/types/container.js';

export interface ExecOutput { id: string; code: number | null; stdout: string; stderr: string }

export class ExecFixture {
  root = '';
  engine!: Engine;
  private ids: string[] = [];

  async setup(): Promise<void> {
    this.root = mkdtempSync(join(tmpdir(), 'berth-exec-'));
    this.engine = await createEngine({ root: this.root });
    await this.engine.createDemoImage('busybox:latest');
  }

  /** A running `sleep 1000` container (its name, for refs). */
  async container(name: string, config: Partial<ContainerConfig> = {}, hostConfig: HostConfig = {}): Promise<string> {
    const { Id } = await this.engine.createContainer({ name, config: { Image: 'busybox', Cmd: ['sleep', '1000'], ...config }, hostConfig });
    this.ids.push(Id);
    await this.engine.startContainer(Id);
    return Id;
  }

  /** Create and start attached; `stdin` is fed and closed. */
  async exec(ref: string, req: Partial<ExecCreateRequest> & { Cmd: string[] }, stdin?: string): Promise<ExecOutput> {
    const { Id } = await this.engine.execCreate(ref, { AttachStdout: true, AttachStderr: true, AttachStdin: stdin !== undefined, ...req });
    const out = collect();
    const err = collect();
    const started = await this.engine.execStart(Id, {
      attach: { stdin: stdin === undefined ? undefined : Readable.from([stdin]), stdout: out.stream, stderr: err.stream },
    });
    await started.attach!.done;
    return { id: Id, code: (await this.engine.execInspect(Id)).ExitCode, stdout: out.text(), stderr: err.text() };
  }

  /** The engine's events, read straight from events.log. */
  events(): { Action: string; Actor: { ID: string; Attributes: Record<string, string> } }[] {
    return readFileSync(join(this.root, 'events.log'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  }

  async cleanup(): Promise<void> {
    for (const id of this.ids) await this.engine.removeContainer(id, { force: true }).catch(() => undefined);
    await this.engine.close();
    // conmon's exit commands (`berth --root ROOT container cleanup …`) still running would
    // recreate locks/ under a removed root: let them finish first
    await until(() => processesUsing(this.root).length === 0, 15_000, `exit commands on ${this.root}`).catch(() => undefined);
    const left = readFileSync('/proc/self/mountinfo', 'utf8').split('\n').map((l) => l.split(' ')[4] ?? '').filter((p) => p.startsWith(`${this.root}/`));
    if (this.root) rmSync(this.root, { recursive: true, force: true });
    if (left.length) throw new Error(`mounts left: ${left.join(', ')}`);
  }
}

export function collect(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (d) => { text += d; });
  return { stream, text: () => text };
}

export async function until<T>(fn: () => Promise<T> | T, ms: number, what: string): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 30));
  }
}

/** Pids (other than ours) whose command line mentions `root`. */
export function processesUsing(root: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(root)) pids.push(Number(name));
    } catch { /* gone */ }
  }
  return pids;
}
