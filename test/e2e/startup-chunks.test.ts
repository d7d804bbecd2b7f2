/**
 * Start-up cost of the simple verbs (bench/ groups images, image-tags, create, ps): they must not
 * load the builder, the registry client, tar-stream or archive code. NODE_DEBUG=esm names every
 * module file Node loads; the bundle's chunks keep esbuild's `// dist/…` source markers.
 * berth only (it measures berth's own bundle).
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BERTH, REPO, TARGET, baseEnv, collect, makeRoot } from '../helpers/cli.js';

const HEAVY = ['// node_modules/tar-stream/', '// dist/build/build.js', '// dist/registry/', '// dist/image/pull.js', '// dist/image/archive/', '// dist/image/layer-analysis.js'];
// the container domain (runtime spec, conmon, network, volumes): image verbs load none of it
const CONTAINER = ['// dist/runtime/spec/', '// dist/runtime/monitor/', '// dist/network/', '// dist/volumes/', '// dist/container/start.js'];

async function loadedFiles(root: string, args: string[]): Promise<string[]> {
  const r = await collect(process.execPath, [BERTH, ...args], { ...baseEnv(), BERTH_ROOT: root, NODE_DEBUG: 'esm' }, '', 120_000);
  expect(r.code, r.stderr.slice(-2000)).toBe(0);
  const files = new Set<string>();
  for (const m of r.stderr.matchAll(/file:\/\/(\/[^\s'"]+?\/dist\/[^\s'"]+?\.js)/g)) files.add(m[1]!);
  return [...files];
}

describe.skipIf(TARGET !== 'berth')('start-up of simple verbs', () => {
  let ctx: ReturnType<typeof makeRoot>;
  beforeAll(async () => {
    ctx = makeRoot();
    const r = await collect(process.execPath, [BERTH, 'image', 'demo'], { ...baseEnv(), BERTH_ROOT: ctx.root }, '', 120_000);
    expect(r.code, r.stderr).toBe(0);
  }, 180_000);
  afterAll(() => ctx?.cleanup());

  const IMAGE_VERBS = [['images'], ['image', 'inspect', 'busybox'], ['history', 'busybox']];
  for (const args of [...IMAGE_VERBS, ['ps', '-a']]) {
    const forbidden = IMAGE_VERBS.includes(args) ? [...HEAVY, ...CONTAINER] : HEAVY;
    it(`${args.join(' ')} loads no builder, registry, tar or archive code${forbidden === HEAVY ? '' : ', nor the container runtime'}`, async () => {
      const files = await loadedFiles(ctx.root, args);
      expect(files.some((f) => f.includes(join(REPO, 'dist', 'bundle')))).toBe(true);
      const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
      // was ~950 KB (everything) before the lazy chunks; ps now loads about half, image verbs a third
      expect(bytes).toBeLessThan(IMAGE_VERBS.includes(args) ? 400_000 : 600_000);
      for (const f of files) {
        const text = readFileSync(f, 'utf8');
        for (const marker of forbidden) expect(text.includes(marker), `${f} holds ${marker}`).toBe(false);
      }
    }, 180_000);
  }
});
