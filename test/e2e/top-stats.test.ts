/**
 * top, stats, update and system prune through the CLI on a temp root (TEST_TARGET=docker runs
 * the same cases against docker; note that `system prune` there acts on the whole host).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { berth, ok } from '../helpers/cli.js';
import { containerIds, containerRoot, inspectField, type ContainerRoot } from '../helpers/containers.js';

let ctx: ContainerRoot;
let root: string;

beforeEach(async () => {
  ctx = await containerRoot();
  root = ctx.root;
});
afterEach(async () => {
  await ctx.cleanup();
  // conmon's exit command (`container cleanup --root ROOT`) may still be running and would
  // recreate the root after its removal: wait for it, then remove whatever it left
  for (let i = 0; i < 100 && rootInUse(root); i++) await new Promise((r) => setTimeout(r, 100));
  rmSync(root, { recursive: true, force: true });
});

function rootInUse(dir: string): boolean {
  return readdirSync('/proc').filter((p) => /^\d+$/.test(p)).some((p) => {
    try { return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(dir); } catch { return false; }
  });
}

describe('top', () => {
  it('lists the container\'s processes in ps -ef columns, CMD last', async () => {
    await ok(root, ['run', '-d', '--name', 'web', 'busybox', 'sleep', '1000']);
    const [header, ...rows] = (await ok(root, ['top', 'web'])).trimEnd().split('\n');
    expect(header).toMatch(/^UID\s+PID\s+PPID\s+C\s+STIME\s+TTY\s+TIME\s+CMD$/);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/^root\s+\d+\s+\d+\s+\d+\s+\S+\s+\?\s+\d\d:\d\d:\d\d\s+sleep 1000$/);
    // ps options follow the container; the table needs a PID column to filter on
    const pid = await inspectField(root, 'web', '{{.State.Pid}}');
    expect(await ok(root, ['container', 'top', 'web', '-o', 'pid,comm'])).toBe(`PID${' '.repeat(17)}COMMAND\n${pid.padEnd(20)}sleep\n`);
    const noPid = await berth(root, ['top', 'web', '-o', 'comm']);
    expect(noPid).toMatchObject({ code: 1, stderr: "Error response from daemon: Couldn't find PID field in ps output\n" });
  });

  it('refuses a stopped container with docker\'s message', async () => {
    const id = (await ok(root, ['create', '--name', 'idle', 'busybox', 'true'])).trim();
    const r = await berth(root, ['top', 'idle']);
    expect(r).toMatchObject({ code: 1, stdout: '', stderr: `Error response from daemon: container ${id} is not running\n` });
  });
});

describe('stats', () => {
  it('--no-stream with a template and with docker\'s default table', async () => {
    const id = (await ok(root, ['run', '-d', '--name', 'web', '-m', '64m', 'busybox', 'sleep', '1000'])).trim();
    expect(await ok(root, ['stats', '--no-stream', '--format', '{{.Name}} {{.MemUsage}}', 'web'])).toMatch(/^web \d+(\.\d+)?[KM]iB \/ 64MiB\n$/);
    const [header, row, extra] = (await ok(root, ['stats', '--no-stream'])).trimEnd().split('\n');
    expect(header).toMatch(/^CONTAINER ID\s+NAME\s+CPU %\s+MEM USAGE \/ LIMIT\s+MEM %\s+NET I\/O\s+BLOCK I\/O\s+PIDS$/);
    expect(row).toMatch(new RegExp(`^${id.slice(0, 12)}\\s+web\\s+\\d+\\.\\d\\d%\\s+\\S+ / 64MiB\\s+\\d+\\.\\d\\d%\\s+\\S+ / \\S+\\s+\\S+ / \\S+\\s+1$`));
    expect(extra).toBeUndefined();
    const json = JSON.parse(await ok(root, ['stats', '--no-stream', '--no-trunc', '--format', 'json', 'web']));
    expect(json).toMatchObject({ Container: 'web', ID: id, Name: 'web', PIDs: '1' });
  });

  it('-a includes stopped containers as zeros; a missing container is an error', async () => {
    await ok(root, ['create', '--name', 'idle', 'busybox', 'true']);
    expect(await ok(root, ['stats', '--no-stream', '-a', '--format', '{{.Name}}|{{.CPUPerc}}|{{.MemUsage}}|{{.PIDs}}'])).toBe('idle|0.00%|0B / 0B|0\n');
    const r = await berth(root, ['stats', '--no-stream', 'nosuch']);
    expect(r).toMatchObject({ code: 1, stdout: '', stderr: 'Error response from daemon: No such container: nosuch\n' });
  });
});

describe('update', () => {
  it('--cpus sets NanoCpus and prints the container; no flags is an error', async () => {
    await ok(root, ['run', '-d', '--name', 'web', 'busybox', 'sleep', '1000']);
    expect(await ok(root, ['update', '--cpus', '0.5', 'web'])).toBe('web\n');
    expect(await inspectField(root, 'web', '{{.HostConfig.NanoCpus}}')).toBe('500000000');
    expect(await ok(root, ['update', '--restart', 'on-failure:3', '--pids-limit', '50', 'web'])).toBe('web\n');
    expect(await inspectField(root, 'web', '{{.HostConfig.RestartPolicy.Name}}:{{.HostConfig.RestartPolicy.MaximumRetryCount}} {{.HostConfig.PidsLimit}}')).toBe('on-failure:3 50');
    const none = await berth(root, ['update', 'web']);
    expect(none).toMatchObject({ code: 1, stderr: 'you must provide one or more flags when using this command\n' });
  });
});

describe('system prune', () => {
  it('-f removes stopped containers and dangling images and prints the total', async () => {
    const work = mkdtempSync(join(tmpdir(), 'berth-prune-'));
    try {
      mkdirSync(join(work, 'rootfs'));
      writeFileSync(join(work, 'rootfs', 'data'), Buffer.alloc(3000, 1));
      execFileSync('tar', ['-C', join(work, 'rootfs'), '-cf', join(work, 'rootfs.tar'), '.']);
      const dangling = (await ok(root, ['import', join(work, 'rootfs.tar')])).trim();
      const stopped = (await ok(root, ['create', 'busybox', 'true'])).trim();
      await ok(root, ['run', '-d', '--name', 'keep', 'busybox', 'sleep', '1000']);
      const out = await ok(root, ['system', 'prune', '-f']);
      expect(out).toContain(`Deleted Containers:\n${stopped}\n\n`);
      expect(out).toContain(`Deleted Images:\ndeleted: ${dangling}\n`);
      expect(out).toMatch(/Total reclaimed space: \d+(\.\d+)?k?B\n$/);
      expect((await containerIds(root)).length).toBe(1);
      expect(await ok(root, ['images', '-q', '--no-trunc'])).not.toContain(dangling);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('asks first; "n" keeps everything', async () => {
    await ok(root, ['create', 'busybox', 'true']);
    const r = await berth(root, ['system', 'prune'], { input: 'n\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('WARNING! This will remove:\n  - all stopped containers\n  - all networks not used by at least one container\n'
      + '  - all dangling images\n  - unused build cache\n\nAre you sure you want to continue? [y/N] ');
    expect((await containerIds(root)).length).toBe(1);
  });
});

describe('sizes and counts', () => {
  it('ps -s shows the writable layer and the virtual size; info counts containers', async () => {
    await ok(root, ['run', '--name', 'writer', 'busybox', 'sh', '-c', 'head -c 5000 /dev/zero > /blob']);
    await ok(root, ['run', '-d', '--name', 'up', 'busybox', 'sleep', '1000']);
    expect(await ok(root, ['ps', '-as', '--format', '{{.Names}} {{.Size}}'])).toMatch(/^up 0B \(virtual \S+\)\nwriter 5kB \(virtual \S+\)\n$/);
    expect(await ok(root, ['info', '--format', '{{.Containers}} {{.ContainersRunning}} {{.ContainersPaused}} {{.ContainersStopped}}'])).toBe('2 1 0 1\n');
    expect(await ok(root, ['system', 'df', '--format', '{{.Type}}: {{.TotalCount}} {{.Active}} {{.Size}} {{.Reclaimable}}'])).toContain('Containers: 2 1 5kB 5kB (100%)\n');
    const verbose = await ok(root, ['system', 'df', '-v']);
    expect(verbose).toMatch(/\nContainers space usage:\n\nCONTAINER ID\s+IMAGE\s+COMMAND\s+LOCAL VOLUMES\s+SIZE\s+CREATED\s+STATUS\s+NAMES\n/);
    expect(verbose).toMatch(/\n[0-9a-f]{12}\s+busybox\s+"sh -c 'head -c 5000…"\s+0\s+5kB \(virtual \S+\)\s+.+ ago\s+Exited \(0\) .+ ago\s+writer\n/);
  });
});
