/**
 * State is root's alone: the state root is created 0700 (what a container wrote, image layers and
 * logs are not readable by other users through it), and the directories holding container state,
 * runc state and snapshots are 0700 themselves, so loosening the root's mode does not expose them.
 * (Credential files 0600: test/integration/registry/auth.test.ts; the API socket 0660: serve.test.ts.)
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGET, ok } from '../helpers/cli.js';
import { containerRoot, type ContainerRoot } from '../helpers/containers.js';

let ctx: ContainerRoot;
const mode = (p: string) => (statSync(p).mode & 0o777).toString(8);

describe.skipIf(TARGET === 'docker')('state permissions', () => {
  beforeAll(async () => { ctx = await containerRoot('berth-perm-'); });
  afterAll(async () => { if (ctx) await ctx.cleanup(); });

  it('the state root and the container, runc and snapshot directories are 0700', async () => {
    await ok(ctx.root, ['volume', 'create', 'pv']);
    await ok(ctx.root, ['run', '-d', '--name', 'pc', '--network', 'none', '-v', 'pv:/data', 'busybox', 'sleep', '30']);
    expect(mode(ctx.root)).toBe('700');
    for (const d of ['containers', 'runc', 'snapshots']) expect(`${d} ${mode(join(ctx.root, d))}`).toBe(`${d} 700`);
    const id = (await ok(ctx.root, ['inspect', '-f', '{{.Id}}', 'pc'])).trim();
    expect(mode(join(ctx.root, 'containers', id))).toBe('700');
    // volumes as dockerd: the volume dir 0701 lets the container's users reach _data, nothing lists it
    expect(mode(join(ctx.root, 'volumes', 'pv'))).toBe('701');
    await ok(ctx.root, ['rm', '-f', 'pc']);
  });
});
