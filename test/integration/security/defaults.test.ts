/**
 * Docker's security defaults, observed from inside containers run by the engine: capabilities,
 * seccomp, masked and read-only /proc paths, no_new_privs, hostname, bind-mounted /etc files and
 * the PID namespace.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineFixture, statusField } from './engine-helper.js';

const fx = new EngineFixture();
const isRoot = process.getuid?.() === 0;

describe.skipIf(!isRoot)('security defaults (root)', () => {
  beforeAll(() => fx.setup());
  afterAll(() => fx.cleanup());

  it('capabilities: docker\'s default set, --cap-drop ALL, --privileged', async () => {
    const def = await fx.run('grep CapEff /proc/self/status');
    expect(statusField(def.stdout, 'CapEff')).toBe('00000000a80425fb');
    const none = await fx.run('grep CapEff /proc/self/status', { CapDrop: ['ALL'] });
    expect(statusField(none.stdout, 'CapEff')).toBe('0000000000000000');
    const priv = await fx.run('grep -E "CapEff|CapBnd" /proc/self/status', { Privileged: true });
    const host = readFileSync('/proc/self/status', 'utf8');
    expect(statusField(priv.stdout, 'CapEff')).toBe(statusField(host, 'CapBnd'));
    expect(statusField(priv.stdout, 'CapBnd')).toBe(statusField(host, 'CapBnd'));
  });

  it('seccomp filter mode by default; unshare -U refused unless seccomp=unconfined', async () => {
    const def = await fx.run('grep Seccomp: /proc/self/status; unshare -U true; echo unshare=$?');
    expect(statusField(def.stdout, 'Seccomp')).toBe('2');
    expect(def.stdout).toMatch(/unshare=[1-9]/);
    const open = await fx.run('grep Seccomp: /proc/self/status; unshare -U true; echo unshare=$?', { SecurityOpt: ['seccomp=unconfined'] });
    expect(statusField(open.stdout, 'Seccomp')).toBe('0');
    expect(open.stdout).toContain('unshare=0');
  });

  it('/proc/kcore and docker\'s other masked files read as the null device; /proc/sys is read-only', async () => {
    // only paths the host kernel has can be masked (this host's kernel may lack /proc/kcore)
    const files = ['/proc/kcore', '/proc/keys', '/proc/timer_list', '/proc/interrupts', '/proc/sched_debug'].filter((f) => existsSync(f));
    const dirs = ['/proc/acpi', '/sys/firmware'].filter((d) => existsSync(d));
    expect(files.length).toBeGreaterThan(0);
    const checks = [
      ...files.map((f) => `echo "${f} $(stat -c '%F %t:%T' ${f}) $(wc -c < ${f})"`),
      ...dirs.map((d) => `echo "${d} $(ls -A ${d} | wc -l)"`),
      'echo x > /proc/sys/kernel/hostname; echo write=$?',
    ];
    const r = await fx.run(checks.join('; '));
    const lines = r.stdout.trim().split('\n');
    for (const f of files) expect(lines).toContain(`${f} character special file 1:3 0`);
    for (const d of dirs) expect(lines).toContain(`${d} 0`);
    expect(lines.at(-1)).toMatch(/^write=[1-9]/);
    expect(r.stderr).toMatch(/Read-only file system/);
  });

  it('no_new_privs only with --security-opt no-new-privileges', async () => {
    expect(statusField((await fx.run('grep NoNewPrivs /proc/self/status')).stdout, 'NoNewPrivs')).toBe('0');
    const nnp = await fx.run('grep NoNewPrivs /proc/self/status', { SecurityOpt: ['no-new-privileges'] });
    expect(statusField(nnp.stdout, 'NoNewPrivs')).toBe('1');
  });

  it('hostname is the short ID; /etc/hosts, /etc/resolv.conf, /etc/hostname are bind mounts', async () => {
    const r = await fx.run('hostname; cat /etc/hostname; cat /proc/self/mountinfo');
    const [hostname, etcHostname, ...mountinfo] = r.stdout.split('\n');
    expect(hostname).toBe(r.id.slice(0, 12));
    expect(etcHostname).toBe(r.id.slice(0, 12));
    const mounted = new Map(mountinfo.filter(Boolean).map((l) => [l.split(' ')[4], l.split(' ')[3]]));
    for (const f of ['/etc/hosts', '/etc/resolv.conf', '/etc/hostname']) {
      // a bind mount of a single file: its root within the source filesystem is that file
      expect(mounted.get(f), f).toMatch(new RegExp(`/containers/${r.id}/`));
    }
  });

  it('no host processes are visible (own PID namespace)', async () => {
    const r = await fx.run('ps -o pid,args; true'); // `; true` keeps sh from exec'ing ps
    const rows = r.stdout.trim().split('\n').slice(1).map((l) => l.trim().split(/\s+/));
    expect(rows.map(([pid]) => pid)).toEqual(['1', expect.stringMatching(/^\d$/)]);
    expect(rows[0]!.slice(1).join(' ')).toBe('sh -c ps -o pid,args; true');
    expect(rows[1]!.slice(1).join(' ')).toMatch(/ps/); // busybox shows a forked applet as "{ps} sh -c …"
  });
});
