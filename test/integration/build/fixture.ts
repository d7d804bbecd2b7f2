/**
 * Engine-level build tests: a temp root with the demo busybox image, context directories made
 * from a file map, builds whose events are kept (and rendered as plain legacy text), and a
 * cleanup that removes every container and fails on a mount left under the root.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { createEngine } from '../../../src/engine/create-engine.js';
import type { Engine } from '../../../src/engine/engine.js';
import { legacyText, type BuildEvent, type BuildOptions } from '../../../src/build/index.js';
import { settle } from '../../helpers/settle.js';

export type FileSpec = string | { content?: string; mode?: number; symlink?: string; dir?: true };

export interface BuildRun {
  id: string;
  events: BuildEvent[];
  /** The plain (legacy) text with miss explanations. */
  text: string;
}

export function mountsUnder(root: string): string[] {
  return readFileSync('/proc/self/mountinfo', 'utf8').split('\n').map((l) => l.split(' ')[4] ?? '').filter((p) => p.startsWith(`${root}/`));
}

export class BuildFixture {
  root = '';
  engine!: Engine;
  private temps: string[] = [];

  async setup(): Promise<void> {
    this.root = mkdtempSync(join(tmpdir(), 'berth-build-'));
    this.engine = await createEngine({ root: this.root });
    await this.engine.createDemoImage('busybox:latest');
  }

  /** A context directory holding `files` (path → content or spec). */
  context(files: Record<string, FileSpec>): string {
    const dir = mkdtempSync(join(tmpdir(), 'berth-ctx-'));
    this.temps.push(dir);
    this.write(dir, files);
    return dir;
  }

  write(dir: string, files: Record<string, FileSpec>): void {
    for (const [rel, spec] of Object.entries(files)) {
      const p = join(dir, rel);
      mkdirSync(dirname(p), { recursive: true });
      if (typeof spec === 'string') { writeFileSync(p, spec); continue; }
      if (spec.dir) mkdirSync(p, { recursive: true });
      else if (spec.symlink !== undefined) symlinkSync(spec.symlink, p);
      else writeFileSync(p, spec.content ?? '');
      if (spec.mode !== undefined) chmodSync(p, spec.mode);
    }
  }

  /** Run a build to completion; rejects with the engine error, `events` attached as `.events`. */
  async build(opts: BuildOptions): Promise<BuildRun> {
    const handle = this.engine.build(opts);
    const events: BuildEvent[] = [];
    const collect = (async () => { for await (const e of handle.events) events.push(e); })();
    try {
      const res = await handle.result;
      await collect;
      return { id: res.imageId, events, text: events.map((e) => legacyText(e, { explain: true })).join('') };
    } catch (err) {
      await collect;
      Object.assign(err as object, { events, text: events.map((e) => legacyText(e, { explain: true })).join('') });
      throw err;
    }
  }

  /** Run `cmd` (or the image's default) in a container of `image`; returns its output and status. */
  async run(image: string, cmd?: string[]): Promise<{ code: number; out: string }> {
    const { Id } = await this.engine.createContainer({ config: { Image: image, ...(cmd ? { Cmd: cmd } : {}), AttachStdout: true, AttachStderr: true }, hostConfig: {} });
    const sink = new PassThrough();
    let out = '';
    sink.on('data', (d) => { out += d; });
    try {
      const started = await this.engine.startContainer(Id, { attach: { stdout: sink, stderr: sink } });
      await started.attach!.done;
      const { StatusCode } = await this.engine.waitContainer(Id, 'not-running');
      return { code: StatusCode, out };
    } finally {
      await this.engine.removeContainer(Id, { force: true });
    }
  }

  async cleanup(): Promise<void> {
    if (!this.engine) return;
    for (const c of await this.engine.listContainers({ all: true })) await this.engine.removeContainer(c.Id, { force: true }).catch(() => undefined);
    await this.engine.close();
    await settle(this.root);
    const left = mountsUnder(this.root);
    for (const d of this.temps) rmSync(d, { recursive: true, force: true });
    // conmon's exit commands (`berth container cleanup`) may still be writing under the root
    for (let i = 0; ; i++) {
      try { rmSync(this.root, { recursive: true, force: true }); break; } catch (err) {
        if (i > 50) throw err;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    if (left.length) throw new Error(`mounts left: ${left.join(', ')}`);
  }
}

