import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isEngineErrorCode, loadSeccompProfileFile, parseSecurityOpts } from './helpers.js';

describe('parseSecurityOpts', () => {
  it('defaults', () => {
    expect(parseSecurityOpts([])).toEqual({ noNewPrivileges: false, seccomp: { kind: 'default' }, systemPathsUnconfined: false, ignored: [] });
  });

  it('no-new-privileges in all its forms', () => {
    expect(parseSecurityOpts(['no-new-privileges']).noNewPrivileges).toBe(true);
    expect(parseSecurityOpts(['no-new-privileges:true']).noNewPrivileges).toBe(true);
    expect(parseSecurityOpts(['no-new-privileges=false']).noNewPrivileges).toBe(false);
    expect(() => parseSecurityOpts(['no-new-privileges=maybe'])).toThrow('invalid --security-opt 2: "no-new-privileges=maybe"');
  });

  it('seccomp values', () => {
    expect(parseSecurityOpts(['seccomp=unconfined']).seccomp).toEqual({ kind: 'unconfined' });
    expect(parseSecurityOpts(['seccomp:unconfined']).seccomp).toEqual({ kind: 'unconfined' });
    expect(parseSecurityOpts(['seccomp=builtin']).seccomp).toEqual({ kind: 'default' });
    expect(parseSecurityOpts(['seccomp=/etc/p.json']).seccomp).toEqual({ kind: 'file', path: '/etc/p.json' });
    expect(parseSecurityOpts(['seccomp={"defaultAction":"SCMP_ACT_ALLOW"}']).seccomp)
      .toEqual({ kind: 'inline', profile: { defaultAction: 'SCMP_ACT_ALLOW' } });
  });

  it('label and apparmor are accepted; only non-disable values are noted as ignored', () => {
    const r = parseSecurityOpts(['label=disable', 'apparmor=unconfined', 'label:type:svirt_t', 'systempaths=unconfined']);
    expect(r.ignored).toHaveLength(2);
    expect(r.systemPathsUnconfined).toBe(true);
  });

  it('rejects malformed and unknown options with docker\'s messages', () => {
    expect(() => parseSecurityOpts(['x'])).toThrow('invalid --security-opt: "x"');
    expect(() => parseSecurityOpts(['seccomp='])).toThrow('invalid --security-opt: "seccomp="');
    expect(() => parseSecurityOpts(['foo=bar'])).toThrow('invalid --security-opt 2: "foo=bar"');
    expect(isEngineErrorCode(() => parseSecurityOpts(['x']))).toBe('INVALID_ARGUMENT');
  });
});

describe('loadSeccompProfileFile', () => {
  it('reads a profile file, and reports a missing one as the CLI does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-seccomp-'));
    try {
      const p = join(dir, 'p.json');
      writeFileSync(p, JSON.stringify({ defaultAction: 'SCMP_ACT_ALLOW', syscalls: [] }));
      await expect(loadSeccompProfileFile(p)).resolves.toEqual({ defaultAction: 'SCMP_ACT_ALLOW', syscalls: [] });
      await expect(loadSeccompProfileFile(join(dir, 'nope.json'))).rejects.toThrow(/^opening seccomp profile \(.*nope\.json\) failed/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
