/**
 * A scratch area for layer tests, laid out like go-archive's testBreakout: the extraction root
 * `dest` with a `victim` directory and a `dest-evil` sibling beside it. assertVictimUntouched
 * compares everything outside `dest` (names, contents, modes, mtimes, link counts) with the
 * snapshot taken at creation.
 */
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { expect } from 'vitest';
import { applyLayer, type ApplyOptions, type ApplyResult } from '../../../src/image/layer/index.js';
import { isEngineError, type ErrorCode } from '../../../src/lib/errors.js';
import { snapshotTree } from '../../helpers/tar.js';

export class LayerFixture {
  private before: Record<string, string> = {};

  private constructor(readonly base: string, readonly dest: string, readonly victim: string) {}

  static async create(): Promise<LayerFixture> {
    const base = await fsp.mkdtemp(join(tmpdir(), 'berth-layer-'));
    const fx = new LayerFixture(base, join(base, 'dest'), join(base, 'victim'));
    await fsp.mkdir(fx.dest);
    await fsp.mkdir(join(fx.victim, 'sub'), { recursive: true });
    await fsp.writeFile(join(fx.victim, 'hello'), 'hello from the host\n');
    await fsp.writeFile(join(fx.victim, 'x'), 'x\n');
    await fsp.writeFile(join(fx.victim, 'sub', 'deep'), 'deep\n');
    await fsp.mkdir(join(base, 'dest-evil'));
    await fsp.writeFile(join(base, 'dest-evil', 'secret'), 'secret\n');
    fx.before = await fx.outside();
    return fx;
  }

  /** Everything under base except dest itself. */
  private async outside(): Promise<Record<string, string>> {
    const all = await snapshotTree(this.base);
    return Object.fromEntries(Object.entries(all).filter(([k]) => k !== 'dest' && !k.startsWith('dest/')));
  }

  async assertVictimUntouched(): Promise<void> {
    expect(await this.outside()).toEqual(this.before);
  }

  apply(tar: Buffer, opts?: ApplyOptions, target = this.dest): Promise<ApplyResult> {
    return applyLayer(Readable.from([tar]), target, opts);
  }

  /** Apply, expect a typed failure, and check nothing outside dest changed. */
  async expectRefused(tar: Buffer, code: ErrorCode, message?: RegExp, opts?: ApplyOptions): Promise<Error> {
    const err = await this.apply(tar, opts).then(() => undefined, (e: unknown) => e);
    expect(isEngineError(err), `expected an EngineError, got ${String(err)}`).toBe(true);
    expect((err as { code: string }).code).toBe(code);
    if (message) expect((err as Error).message).toMatch(message);
    await this.assertVictimUntouched();
    return err as Error;
  }

  async cleanup(): Promise<void> {
    await fsp.rm(this.base, { recursive: true, force: true });
  }
}
