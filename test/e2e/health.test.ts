/**
 * HEALTHCHECK: the --health-* flags (docker's Config.Healthcheck shape, nanoseconds), image
 * HEALTHCHECK configs, and `berth healthcheck run` moving State.Health (starting → unhealthy →
 * healthy) with its Log, ps's "(healthy)" and `health_status: …` events.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TARGET, berth, ok } from '../helpers/cli.js';
import { containerIds, containerRoot, inspectField, until, type ContainerRoot } from '../helpers/containers.js';

let ctx: ContainerRoot;
let root: string;

beforeEach(async () => {
  ctx = await containerRoot('berth-health-');
  root = ctx.root;
});
afterEach(async () => { await ctx.cleanup(); });

const health = async (ref: string) => JSON.parse(await inspectField(root, ref, '{{json .State.Health}}'));

describe('--health-* flags', () => {
  it('build docker\'s Config.Healthcheck in nanoseconds', async () => {
    await ok(root, ['create', '--name', 'hc', '--health-cmd', 'true', '--health-interval', '1m30s', '--health-timeout', '500ms',
      '--health-retries', '4', '--health-start-period', '2s', '--health-start-interval', '1s', 'busybox', 'sleep', '1']);
    expect(JSON.parse(await inspectField(root, 'hc', '{{json .Config.Healthcheck}}'))).toEqual({
      Test: ['CMD-SHELL', 'true'], Interval: 90e9, Timeout: 500e6, StartPeriod: 2e9, StartInterval: 1e9, Retries: 4,
    });
    await ok(root, ['create', '--name', 'off', '--no-healthcheck', 'busybox', 'true']);
    expect(JSON.parse(await inspectField(root, 'off', '{{json .Config.Healthcheck}}'))).toEqual({ Test: ['NONE'] });
  });

  it('refuses conflicting or negative values (125) and creates nothing', async () => {
    const both = await berth(root, ['run', '--no-healthcheck', '--health-cmd', 'true', 'busybox', 'true']);
    expect(both.code).toBe(125);
    expect(both.stderr).toContain('--no-healthcheck conflicts with --health-* options');
    const neg = await berth(root, ['run', '--health-interval', '-1s', 'busybox', 'true']);
    expect(neg.code).toBe(125);
    expect(neg.stderr).toContain('--health-interval cannot be negative');
    const tiny = await berth(root, ['run', '--health-cmd', 'true', '--health-timeout', '10us', 'busybox', 'true']);
    expect(tiny.code).toBe(125);
    expect(tiny.stderr).toMatch(/Error response from daemon: Timeout in Healthcheck cannot be less than 1ms/);
    expect(await containerIds(root)).toEqual([]);
  });
});

describe.skipIf(TARGET === 'docker')('berth healthcheck run', () => {
  it('unhealthy, then healthy once the container creates the file; ps, inspect Log and events follow', async () => {
    const since = Math.floor(Date.now() / 1000) - 1;
    await ok(root, ['run', '-d', '--name', 'web', '--health-cmd', 'test -f /tmp/ok', '--health-retries', '1',
      'busybox', 'sh', '-c', 'sleep 3; touch /tmp/ok; sleep 100']);
    expect(await ok(root, ['ps', '--format', '{{.Status}}'])).toMatch(/^Up .+ \(health: starting\)\n$/);
    expect(await health('web')).toEqual({ Status: 'starting', FailingStreak: 0, Log: [] });

    expect(await berth(root, ['healthcheck', 'run', 'web'])).toEqual({ code: 1, stdout: 'unhealthy\n', stderr: '' });
    expect(await ok(root, ['ps', '--format', '{{.Status}}'])).toMatch(/^Up .+ \(unhealthy\)\n$/);
    expect(await ok(root, ['ps', '-q', '--filter', 'health=unhealthy'])).not.toBe('');

    await until(async () => (await berth(root, ['healthcheck', 'run', 'web'])).code === 0, 15_000, 'a healthy probe');
    expect(await ok(root, ['ps', '--format', '{{.Status}}'])).toMatch(/^Up \d+ seconds \(healthy\)\n$/);
    const h = await health('web');
    expect(h.Status).toBe('healthy');
    expect(h.FailingStreak).toBe(0);
    expect(h.Log.length).toBeGreaterThanOrEqual(2);
    expect(h.Log.length).toBeLessThanOrEqual(5);
    expect(h.Log[0]).toMatchObject({ ExitCode: 1, Output: '' });
    expect(h.Log.at(-1)).toMatchObject({ ExitCode: 0, Output: '' });
    expect(Date.parse(h.Log.at(-1).End)).toBeGreaterThanOrEqual(Date.parse(h.Log.at(-1).Start));

    const events = await ok(root, ['events', '--since', String(since), '--until', String(Math.ceil(Date.now() / 1000) + 1),
      '--filter', 'event=health_status', '--format', '{{.Action}}']);
    expect(events).toBe('health_status: unhealthy\nhealth_status: healthy\n');
  });

  it('keeps the last 5 results, the probe\'s output, and counts failures up to --health-retries', async () => {
    await ok(root, ['run', '-d', '--name', 'noisy', '--health-cmd', 'echo out; echo err >&2; exit 2', 'busybox', 'sleep', '100']);
    for (let i = 1; i <= 6; i++) {
      const r = await berth(root, ['healthcheck', 'run', 'noisy']);
      expect(r.stdout).toBe(i < 3 ? 'starting\n' : 'unhealthy\n'); // default retries: 3
    }
    const h = await health('noisy');
    expect(h.FailingStreak).toBe(6);
    expect(h.Log).toHaveLength(5);
    expect(h.Log[0]).toMatchObject({ ExitCode: 2 });
    expect(h.Log[0].Output).toMatch(/^(out\nerr\n|err\nout\n)$/);
  });

  it('a probe exceeding --health-timeout is killed and recorded as -1 with docker\'s text', async () => {
    await ok(root, ['run', '-d', '--name', 'slow', '--health-cmd', 'sleep 5', '--health-timeout', '500ms', '--health-retries', '1', 'busybox', 'sleep', '100']);
    const started = Date.now();
    expect((await berth(root, ['healthcheck', 'run', 'slow'])).stdout).toBe('unhealthy\n');
    expect(Date.now() - started).toBeLessThan(4_000);
    expect((await health('slow')).Log[0]).toMatchObject({ ExitCode: -1, Output: 'Health check exceeded timeout (500ms)' });
  });

  it('errors: no healthcheck defined, container not running', async () => {
    await ok(root, ['run', '-d', '--name', 'plain', 'busybox', 'sleep', '100']);
    const none = await berth(root, ['healthcheck', 'run', 'plain']);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/has no defined healthcheck/);
    await ok(root, ['create', '--name', 'idle', '--health-cmd', 'true', 'busybox', 'true']);
    const idle = await berth(root, ['healthcheck', 'run', 'idle']);
    expect(idle.code).toBe(1);
    expect(idle.stderr).toMatch(/is not running/);
  });

  it('image HEALTHCHECK applies, the flags override its fields, --no-healthcheck disables it', async () => {
    await loadImageWithHealthcheck(root, { Test: ['CMD', 'test', '-f', '/etc/passwd'], Interval: 5e9, Retries: 2 });
    await ok(root, ['run', '-d', '--name', 'img', 'hc:latest', 'sleep', '100']);
    expect(JSON.parse(await inspectField(root, 'img', '{{json .Config.Healthcheck}}'))).toEqual({ Test: ['CMD', 'test', '-f', '/etc/passwd'], Interval: 5e9, Retries: 2 });
    expect((await berth(root, ['healthcheck', 'run', 'img'])).code).toBe(0);
    expect((await health('img')).Status).toBe('healthy');

    await ok(root, ['create', '--name', 'mixed', '--health-retries', '7', 'hc:latest']);
    expect(JSON.parse(await inspectField(root, 'mixed', '{{json .Config.Healthcheck}}'))).toMatchObject({ Test: ['CMD', 'test', '-f', '/etc/passwd'], Interval: 5e9, Retries: 7 });

    await ok(root, ['run', '-d', '--name', 'nohc', '--no-healthcheck', 'hc:latest', 'sleep', '100']);
    expect(JSON.parse(await inspectField(root, 'nohc', '{{json .State}}'))).not.toHaveProperty('Health');
    expect(await ok(root, ['ps', '--filter', 'name=nohc', '--format', '{{.Status}}'])).toMatch(/^Up [^(]+$/);
  });
});

/** busybox re-saved as a docker-archive whose config carries a HEALTHCHECK, loaded as hc:latest. */
async function loadImageWithHealthcheck(r: string, hc: object): Promise<void> {
  const work = join(r, 'hc-image');
  mkdirSync(join(work, 'x'), { recursive: true });
  await ok(r, ['save', '-o', join(work, 'b.tar'), 'busybox']);
  execFileSync('tar', ['-C', join(work, 'x'), '-xf', join(work, 'b.tar')]);
  const [m] = JSON.parse(readFileSync(join(work, 'x', 'manifest.json'), 'utf8'));
  const config = JSON.parse(readFileSync(join(work, 'x', m.Config), 'utf8'));
  config.config = { ...config.config, Healthcheck: hc };
  const bytes = Buffer.from(JSON.stringify(config));
  const hex = createHash('sha256').update(bytes).digest('hex');
  writeFileSync(join(work, 'x', 'blobs', 'sha256', hex), bytes);
  writeFileSync(join(work, 'x', 'manifest.json'), JSON.stringify([{ ...m, Config: `blobs/sha256/${hex}`, RepoTags: ['hc:latest'] }]));
  execFileSync('tar', ['-C', join(work, 'x'), '-cf', join(work, 'hc.tar'), 'manifest.json', `blobs/sha256/${hex}`, ...m.Layers]);
  await ok(r, ['load', '-i', join(work, 'hc.tar')]);
}
