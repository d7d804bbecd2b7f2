/**
 * Pulls that resume across processes: a 64 MiB random layer is pulled through the fault proxy,
 * throttled so `kill -9` of the CLI lands mid-blob; the partial stays in the ingest area under the
 * layer's digest and the next pull asks for the rest with a Range request (seen in the proxy's
 * log) and produces the same image ID. A registry that ignores Range (200) restarts the blob; the
 * image GC keeps a fresh partial and removes one left for longer than a day. berth only: docker keeps
 * no partial downloads across daemon restarts, and these tests read berth's state root.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BERTH, TARGET, makeRoot, ok } from '../helpers/cli.js';
import { HAVE_REGISTRY, type FaultProxy, type Registry, startFaultProxy, startRegistry } from '../helpers/registry.js';

const MiB = 1 << 20;

/** The partials under a root's ingest area: digest hex → bytes received. */
function partials(root: string): Map<string, number> {
  const dir = join(root, 'ingest');
  const out = new Map<string, number>();
  if (!existsSync(dir)) return out;
  for (const n of readdirSync(dir).filter((x) => x.startsWith('partial-'))) {
    const data = join(dir, n, 'data');
    if (existsSync(data)) out.set(n.slice('partial-'.length), statSync(data).size);
  }
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!HAVE_REGISTRY || TARGET === 'docker')('pull resumes across processes', () => {
  let reg: Registry;
  let proxy: FaultProxy;
  let image: string;
  let id: string;
  const roots: { cleanup: () => void }[] = [];
  const root = () => { const r = makeRoot('berth-resume-'); roots.push(r); return r.root; };

  beforeAll(async () => {
    reg = await startRegistry();
    proxy = await startFaultProxy(reg.host, 'pass');
    image = `${proxy.host}/project/big:1`;
    const src = root();
    const ctx = join(src, 'ctx');
    mkdirSync(ctx);
    execFileSync('sh', ['-c', `head -c ${64 * MiB} /dev/urandom > ${join(ctx, 'random.bin')} && tar -C ${ctx} -cf ${join(src, 'layer.tar')} random.bin`]);
    await ok(src, ['import', join(src, 'layer.tar'), image], { timeoutMs: 120_000 });
    id = (await ok(src, ['inspect', '-f', '{{.Id}}', image])).trim();
    await ok(src, ['push', image], { timeoutMs: 120_000 });
  });
  afterAll(async () => {
    await proxy?.close();
    await reg?.stop();
    for (const r of roots) r.cleanup();
  });

  /** Start a throttled pull on `r` and kill -9 it once at least `atLeast` bytes sit in a partial. */
  async function killMidBlob(r: string, atLeast = 8 * MiB): Promise<{ hex: string; size: number }> {
    proxy.throttle = 4 * MiB;
    const child = spawn(process.execPath, [BERTH, 'pull', image], { env: { ...process.env, BERTH_ROOT: r }, stdio: 'ignore' });
    const exited = new Promise((res) => child.once('exit', res));
    try {
      for (let i = 0; i < 600; i++) {
        const [hit] = [...partials(r)].filter(([, n]) => n >= atLeast);
        if (hit) break;
        if (child.exitCode !== null) throw new Error(`pull exited ${child.exitCode} before the kill`);
        await sleep(50);
      }
    } finally {
      child.kill('SIGKILL');
      await exited;
      proxy.throttle = 0;
    }
    const [entry] = [...partials(r)];
    expect(entry).toBeDefined();
    const [hex, size] = entry!;
    expect(size).toBeGreaterThanOrEqual(atLeast);
    expect(size).toBeLessThan(64 * MiB);
    return { hex, size };
  }

  const rangesFor = (hex: string) => proxy.blobGets.filter((g) => g.path.endsWith(`sha256:${hex}`)).map((g) => g.range);

  it('a pull killed mid-layer is resumed with a Range request and gives the same image ID', async () => {
    const r = root();
    const { hex, size } = await killMidBlob(r);
    // the kill left the bytes, not an image
    expect((await ok(r, ['images', '-q'])).trim()).toBe('');
    proxy.blobGets.length = 0;
    const out = await ok(r, ['pull', image], { timeoutMs: 120_000 });
    expect(out).toContain('Status: Downloaded newer image');
    expect(rangesFor(hex)).toEqual([`bytes=${size}-`]);
    expect((await ok(r, ['inspect', '-f', '{{.Id}}', image])).trim()).toBe(id);
    expect(partials(r).size).toBe(0);
  });

  it('a registry that ignores Range (200) makes the blob start over, still verified', async () => {
    const r = root();
    const { hex, size } = await killMidBlob(r);
    proxy.blobGets.length = 0;
    proxy.ignoreRange = true;
    try {
      await ok(r, ['pull', image], { timeoutMs: 120_000 });
    } finally {
      proxy.ignoreRange = false;
    }
    // berth asked for the rest; the whole blob came back and was taken from byte 0
    expect(rangesFor(hex)).toEqual([`bytes=${size}-`]);
    expect((await ok(r, ['inspect', '-f', '{{.Id}}', image])).trim()).toBe(id);
    expect(partials(r).size).toBe(0);
  });

  it('GC keeps a fresh partial, removes one left alone for more than a day; the pull then starts over', async () => {
    const r = root();
    const { hex, size } = await killMidBlob(r);
    // rmi runs the image GC: a fresh partial is leased, a day-old one is not
    await ok(r, ['image', 'demo', '-q']);
    await ok(r, ['rmi', 'busybox']);
    expect(partials(r).get(hex)).toBe(size);
    const old = new Date(Date.now() - 25 * 3600_000);
    utimesSync(join(r, 'ingest', `partial-${hex}`, 'data'), old, old);
    await ok(r, ['image', 'demo', '-q']);
    await ok(r, ['rmi', 'busybox']);
    expect(partials(r).size).toBe(0);
    proxy.blobGets.length = 0;
    await ok(r, ['pull', image], { timeoutMs: 120_000 });
    expect(rangesFor(hex)).toEqual([undefined]);
    expect((await ok(r, ['inspect', '-f', '{{.Id}}', image])).trim()).toBe(id);
  });
});
