/**
 * Smoke test: a generateSpec() config runs under the host's runc with Docker's security
 * defaults in force (caps mask, seccomp filter mode, unshare refused), and seccomp=unconfined
 * lifts only the filter. Needs root and runc; builds a busybox rootfs in a temp dir.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, rmdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSpec, withArgs, withCgroupsPath, withPrivileged, withRootfs, withSeccomp, type SpecOpt } from '../../../src/runtime/spec/index.js';

const RUNC = '/usr/sbin/runc';
const BUSYBOX = '/bin/busybox';
const CGROUP_PARENT = 'berth-test';
const canRun = process.getuid?.() === 0 && existsSync(RUNC) && existsSync(BUSYBOX);

const SCRIPT = 'grep CapEff /proc/self/status; cat /proc/self/status | grep Seccomp:; unshare -U true; echo unshare=$?';

let work = '';
let rootfs = '';
const started: string[] = [];

function buildRootfs(dir: string): void {
  mkdirSync(join(dir, 'bin'), { recursive: true });
  copyFileSync(BUSYBOX, join(dir, 'bin', 'busybox'));
  const applets = spawnSync(BUSYBOX, ['--list'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
  for (const a of applets) if (a !== 'busybox') symlinkSync('busybox', join(dir, 'bin', a));
  for (const d of ['proc', 'sys', 'dev', 'tmp', 'etc']) mkdirSync(join(dir, d), { recursive: true });
}

/** Run one container in the foreground and return its combined output and exit status. */
function runContainer(name: string, ...opts: SpecOpt[]): { out: string; status: number | null } {
  const id = `berth-smoke-${name}-${process.pid}`;
  const bundle = join(work, id);
  mkdirSync(bundle);
  const spec = generateSpec(withRootfs(rootfs), withArgs(['/bin/sh', '-c', SCRIPT]), withCgroupsPath(`/${CGROUP_PARENT}/${id}`), ...opts);
  writeFileSync(join(bundle, 'config.json'), JSON.stringify(spec, null, 2));
  started.push(id);
  const r = spawnSync(RUNC, ['--root', join(work, 'state'), 'run', '--bundle', bundle, id], {
    encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000,
  });
  return { out: `${r.stdout}${r.stderr}`, status: r.status };
}

describe.skipIf(!canRun)('runc smoke (root)', () => {
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'berth-runc-smoke-'));
    rootfs = join(work, 'rootfs');
    buildRootfs(rootfs);
  });

  afterAll(() => {
    for (const id of started) spawnSync(RUNC, ['--root', join(work, 'state'), 'delete', '-f', id], { stdio: 'ignore' });
    // runc removes the per-container cgroups; drop the parent it created in each hierarchy if empty.
    for (const ctrl of existsSync('/sys/fs/cgroup') ? readdirSync('/sys/fs/cgroup') : []) {
      try { rmdirSync(join('/sys/fs/cgroup', ctrl, CGROUP_PARENT)); } catch { /* absent or still in use */ }
    }
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('runs with docker\'s default caps and seccomp; unshare is refused', () => {
    const { out, status } = runContainer('default');
    expect(status, out).toBe(0);
    expect(out).toMatch(/CapEff:\s+00000000a80425fb/);
    expect(out).toMatch(/Seccomp:\s+2/);
    const m = /unshare=(\d+)/.exec(out);
    expect(m, out).not.toBeNull();
    expect(Number(m![1])).not.toBe(0);
  });

  it('seccomp=unconfined keeps the caps but lets unshare -U succeed', () => {
    const { out, status } = runContainer('unconfined', withSeccomp('unconfined'));
    expect(status, out).toBe(0);
    expect(out).toMatch(/CapEff:\s+00000000a80425fb/);
    expect(out).toMatch(/Seccomp:\s+0/);
    expect(out).toContain('unshare=0');
  });

  it('privileged (with the host device nodes) gets the engine\'s own caps and no seccomp', () => {
    const own = /CapEff:\s+([0-9a-f]+)/.exec(readFileSync('/proc/self/status', 'utf8'))![1]!;
    const { out, status } = runContainer('privileged', withPrivileged());
    expect(status, out).toBe(0);
    expect(out).toContain(`CapEff:\t${own}`);
    expect(out).toMatch(/Seccomp:\s+0/);
    expect(out).toContain('unshare=0');
  });
});
