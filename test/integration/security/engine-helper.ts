/**
 * Run containers through the in-process engine on a temp root (demo busybox image) and collect
 * their output, for checks made from inside the container.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { createEngine } from '../../../src/engine/create-engine.js';
import type { Engine } from '../../../src/engine/engine.js';
import type { HostConfig } from '../../../src/types/container.js';

export interface RunOutput { id: string; code: number; stdout: string; stderr: string }

export class EngineFixture {
  root = '';
  engine!: Engine;
  private ids: string[] = [];

  async setup(): Promise<void> {
    this.root = mkdtempSync(join(tmpdir(), 'berth-sec-'));
    this.engine = await createEngine({ root: this.root });
    await this.engine.createDemoImage('busybox:latest');
  }

  /** `run --rm`-less foreground run of `sh -c script` with the given HostConfig additions. */
  async run(script: string, hostConfig: HostConfig = {}): Promise<RunOutput> {
    const { Id: id } = await this.engine.createContainer({
      config: { Image: 'busybox', Cmd: ['sh', '-c', script], AttachStdout: true, AttachStderr: true },
      hostConfig: { NetworkMode: 'bridge', ...hostConfig },
    });
    this.ids.push(id);
    const out = new PassThrough();
    const err = new PassThrough();
    let stdout = '';
    let stderr = '';
    out.on('data', (d) => { stdout += d; });
    err.on('data', (d) => { stderr += d; });
    const started = await this.engine.startContainer(id, { attach: { stdout: out, stderr: err } });
    await started.attach!.done;
    const { StatusCode } = await this.engine.waitContainer(id, 'not-running');
    return { id, code: StatusCode, stdout, stderr };
  }

  async cleanup(): Promise<void> {
    for (const id of this.ids) await this.engine.removeContainer(id, { force: true }).catch(() => undefined);
    await this.engine.close();
    const left = readFileSync('/proc/self/mountinfo', 'utf8').split('\n').map((l) => l.split(' ')[4] ?? '').filter((p) => p.startsWith(`${this.root}/`));
    if (this.root) rmSync(this.root, { recursive: true, force: true });
    if (left.length) throw new Error(`mounts left: ${left.join(', ')}`);
  }
}

/** A field of /proc/self/status (CapEff, NoNewPrivs, Seccomp) from text holding such lines. */
export function statusField(text: string, field: string): string | undefined {
  return new RegExp(`^${field}:\\s*(\\S+)`, 'm').exec(text)?.[1];
}
