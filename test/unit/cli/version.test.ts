import { describe, expect, it } from 'vitest';
import { alignTabs, clientVersion, renderClient, renderServer } from '../../../src/cli/commands/version.js';
import { ansic, goArch, goOs, versionLine } from '../../../src/cli/build-info.js';
import type { EngineVersion } from '../../../src/engine/types.js';

const server: EngineVersion = {
  Version: '0.1.0', ApiVersion: '1.50', MinAPIVersion: '1.24', Os: 'linux', Arch: 'amd64', KernelVersion: '6.1',
  GitCommit: 'abc1234', BuildTime: 'Fri May 30 12:07:14 2025',
  Components: [
    { Name: 'Engine', Version: '0.1.0', Details: { ApiVersion: '1.50', MinAPIVersion: '1.24', Os: 'linux', Arch: 'amd64', GoVersion: 'v20.0.0' } },
    { Name: 'runc', Version: '1.2.5', Details: { GitCommit: 'v1.2.5-0-g59923ef' } },
  ],
};

describe('version', () => {
  it('client section in docker layout', () => {
    const text = renderClient({ ...clientVersion(), NodeVersion: 'v20.1.0', GitCommit: 'e6534b4', BuildTime: 'Fri May 30 12:07:14 2025', Os: 'linux', Arch: 'amd64' });
    expect(text).toBe([
      'Client:',
      ' Version:           0.1.0',
      ' API version:       1.50',
      ' Node version:      v20.1.0',
      ' Git commit:        e6534b4',
      ' Built:             Fri May 30 12:07:14 2025',
      ' OS/Arch:           linux/amd64',
    ].join('\n'));
  });
  it('server section: Engine component, then others with sorted details', () => {
    expect(renderServer(server)).toBe([
      'Server:',
      ' Engine:',
      '  Version:          0.1.0',
      '  API version:      1.50 (minimum version 1.24)',
      '  Node version:     v20.0.0',
      '  Git commit:       abc1234',
      '  Built:            Fri May 30 12:07:14 2025',
      '  OS/Arch:          linux/amd64',
      '  Experimental:     false',
      ' runc:',
      '  Version:          1.2.5',
      '  GitCommit:        v1.2.5-0-g59923ef',
    ].join('\n'));
  });
  it('a docker daemon keeps the "Go version" label', () => {
    const docker = { ...server, Components: [{ Name: 'Engine', Version: '28.2.2', Details: { GoVersion: 'go1.24.3' } }] };
    expect(renderServer(docker)).toContain('  Go version:       go1.24.3');
  });
  it('tabwriter widens past 20 columns', () => {
    expect(alignTabs('a\tb\nlonger than twenty chars\tc\nx')).toBe(`${'a'.padEnd(25)}b\nlonger than twenty chars c\nx`);
  });
  it('helpers', () => {
    expect(ansic(new Date(2025, 4, 3, 1, 2, 3))).toBe('Sat May  3 01:02:03 2025');
    expect([goOs('win32'), goArch('x64'), goArch('arm64')]).toEqual(['windows', 'amd64', 'arm64']);
    expect(versionLine()).toMatch(/^berth version 0\.1\.0, build (dev|[0-9a-f]{7})$/);
  });
});
