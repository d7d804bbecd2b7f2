/**
 * `berth system boot` after a simulated reboot (each running container's conmon killed, then its
 * process killed through runc, so no exit command runs): always / unless-stopped / on-failure
 * containers come back as dockerd's restore brings them back, --rm leftovers go, others stay.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TARGET, ok } from '../helpers/cli.js';
import { containerRoot, inspectField, until, type ContainerRoot } from '../helpers/containers.js';

let ctx: ContainerRoot;
let root: string;

beforeEach(async () => {
  ctx = await containerRoot('berth-boot-');
  root = ctx.root;
});
afterEach(async () => { await ctx.cleanup(); });

const runc = (...args: string[]) => execFileSync('runc', ['--root', join(root, 'runc'), ...args], { encoding: 'utf8' });

/** The host goes down: the monitor dies first (no exit file, no exit command), then the process. */
async function crash(id: string): Promise<void> {
  const rec = JSON.parse(readFileSync(join(root, 'meta', 'containers', `${id}.json`), 'utf8'));
  process.kill(rec.berth.conmonPid, 'SIGKILL');
  runc('kill', id, 'KILL');
  await until(() => JSON.parse(runc('state', id)).status === 'stopped', 10_000, `${id} stopped`);
}

const statusOf = async (name: string) => (await ok(root, ['ps', '-a', '--filter', `name=^${name}$`, '--format', '{{.Status}}'])).trim();

describe.skipIf(TARGET === 'docker')('system boot', () => {
  it('restarts always, unless-stopped (unless stopped by the user) and failed on-failure containers', async () => {
    const run = async (...args: string[]) => (await ok(root, ['run', '-d', ...args, 'busybox', 'sleep', '1000'])).trim();
    const always = await run('--name', 'always1', '--restart', 'always');
    const alwaysStopped = await run('--name', 'always2', '--restart', 'always');
    const unless = await run('--name', 'unless1', '--restart', 'unless-stopped');
    await run('--name', 'unless2', '--restart', 'unless-stopped');
    const onFailure = await run('--name', 'onfail', '--restart', 'on-failure:3');
    const plain = await run('--name', 'plain');
    const tmp = await run('--name', 'tmp', '--rm');
    await ok(root, ['create', '--name', 'fresh', '--restart', 'always', 'busybox', 'sleep', '1000']);
    await ok(root, ['stop', '-t', '0', 'always2', 'unless2']);

    for (const id of [always, unless, onFailure, plain, tmp]) await crash(id);

    const started = (await ok(root, ['system', 'boot'])).split('\n').filter(Boolean);
    expect(started).toEqual([always, alwaysStopped, unless, onFailure]); // in creation order
    expect(await statusOf('always1')).toMatch(/^Up /);
    expect(await statusOf('always2')).toMatch(/^Up /); // docker: always restarts even after a user's stop
    expect(await statusOf('unless1')).toMatch(/^Up /);
    expect(await statusOf('unless2')).toMatch(/^Exited \(137\) /);
    expect(await statusOf('onfail')).toMatch(/^Up /);
    expect(await statusOf('plain')).toMatch(/^Exited \(255\) /);
    expect(await statusOf('tmp')).toBe('');
    expect(await statusOf('fresh')).toBe('Created');
    expect(await inspectField(root, 'always1', '{{.RestartCount}}')).toBe('0');

    // nothing left to do the second time
    expect(await ok(root, ['system', 'boot'])).toBe('');
  });
});
