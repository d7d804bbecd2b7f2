/** dockerd's mount parsing (volume/mounts/linux_parser.go) and its error texts, tmpfs options, plans. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mergeTmpfsOptions, convertTmpfsOptions, parseBind, parseMountSpec, parseVolumesFrom, planMounts, tmpfsMountOptions } from '../../../src/volumes/index.js';
import type { ResolvedMount } from '../../../src/volumes/index.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-mountspec-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Binds (-v)', () => {
  it('an absolute source is a bind (rprivate, created at start when missing); mode text kept', () => {
    expect(parseBind('/src:/dst:ro')).toMatchObject({ Type: 'bind', Source: '/src', Destination: '/dst', RW: false, Mode: 'ro', Propagation: 'rprivate', CreateSource: true });
    expect(parseBind('/src:/dst/')).toMatchObject({ Destination: '/dst', RW: true, Mode: '' });
    expect(parseBind('/src:/dst:rshared')).toMatchObject({ Propagation: 'rshared', RW: true });
  });

  it('a name is a volume (mode "z" as dockerd sets it), a lone path an anonymous one; nocopy turns copy-up off', () => {
    expect(parseBind('data:/var/lib/db')).toMatchObject({ Type: 'volume', Name: 'data', Destination: '/var/lib/db', Mode: 'z', CopyData: true, RW: true });
    expect(parseBind('data:/x:ro,nocopy')).toMatchObject({ Name: 'data', RW: false, CopyData: false, Mode: 'ro,nocopy' });
    const anon = parseBind('/cache');
    expect(anon).toMatchObject({ Type: 'volume', Destination: '/cache', Mode: '', CopyData: true });
    expect(anon.Name).toBeUndefined();
  });

  it('refuses bad specs with docker\'s texts', () => {
    expect(() => parseBind(':/x')).toThrow("invalid volume specification: ':/x'");
    expect(() => parseBind('/x:rw')).toThrow("invalid volume specification: '/x:rw'");
    expect(() => parseBind('/a:/b:c:d')).toThrow("invalid volume specification: '/a:/b:c:d'");
    expect(() => parseBind('/a:/b:bogus')).toThrow('invalid mode: bogus');
    expect(() => parseBind('/a:/b:ro,rw')).toThrow('invalid mode: ro,rw');
    expect(() => parseBind('/a:rel')).toThrow(`invalid volume specification: '/a:rel': invalid mount config for type "bind": invalid mount path: 'rel' mount path must be absolute`);
    expect(() => parseBind('/a:/')).toThrow(`invalid volume specification: '/a:/': invalid mount config for type "bind": invalid specification: destination can't be '/'`);
    expect(() => parseBind('vol:/x:rshared')).toThrow('field BindOptions must not be specified');
  });
});

describe('Mounts (--mount)', () => {
  it('a bind source must exist (unless CreateMountpoint)', () => {
    expect(() => parseMountSpec({ Type: 'bind', Source: join(dir, 'missing'), Target: '/x' }))
      .toThrow(`invalid mount config for type "bind": bind source path does not exist: ${join(dir, 'missing')}`);
    expect(parseMountSpec({ Type: 'bind', Source: dir, Target: '/x', ReadOnly: true })).toMatchObject({ Type: 'bind', Source: dir, RW: false, CreateSource: undefined });
    expect(parseMountSpec({ Type: 'bind', Source: join(dir, 'm'), Target: '/x', BindOptions: { CreateMountpoint: true } })).toMatchObject({ CreateSource: true });
  });

  it('volumes: named, anonymous, labels and driver options kept for creation; ro anonymous refused', () => {
    expect(parseMountSpec({ Type: 'volume', Source: 'v1', Target: '/d', VolumeOptions: { NoCopy: true, Labels: { a: 'b' } } }))
      .toMatchObject({ Type: 'volume', Name: 'v1', CopyData: false, Mode: 'z', create: { labels: { a: 'b' } } });
    expect(parseMountSpec({ Type: 'volume', Target: '/d' })).toMatchObject({ Type: 'volume', Mode: '', CopyData: true });
    expect(() => parseMountSpec({ Type: 'volume', Target: '/d', ReadOnly: true })).toThrow('must not set ReadOnly mode when using anonymous volumes');
    expect(() => parseMountSpec({ Type: 'volume', Target: '' })).toThrow('invalid mount config for type "volume": field Target must not be empty');
  });

  it('tmpfs: size and mode become mount data; a source is refused; unknown types are docker\'s error', () => {
    expect(parseMountSpec({ Type: 'tmpfs', Target: '/t', TmpfsOptions: { SizeBytes: 10 * 2 ** 20, Mode: 0o1777 } })).toMatchObject({ Type: 'tmpfs', TmpfsData: 'mode=1777,size=10m' });
    expect(() => parseMountSpec({ Type: 'tmpfs', Source: 'x', Target: '/t' })).toThrow('field Source must not be specified');
    expect(() => parseMountSpec({ Type: 'npipe' as never, Target: '/t' })).toThrow('invalid mount config for type "npipe": mount type unknown');
  });
});

describe('tmpfs options', () => {
  it('merge over docker\'s defaults: later flags of a group win, data keys once, bad options refused', () => {
    expect(tmpfsMountOptions('')).toEqual(['noexec', 'nosuid', 'nodev', 'rprivate']);
    expect(tmpfsMountOptions('exec,size=1m,mode=1770')).toEqual(['nosuid', 'nodev', 'rprivate', 'exec', 'size=1m', 'mode=1770']);
    expect(mergeTmpfsOptions(['size=1m', 'size=2m', 'ro', 'rw'])).toEqual(['size=2m', 'rw']);
    expect(() => tmpfsMountOptions('bogus')).toThrow('invalid tmpfs option ["bogus"]');
    expect(convertTmpfsOptions({ SizeBytes: 1500 }, true)).toBe('ro,size=1500');
  });
});

describe('volumes-from', () => {
  it('container[:ro|rw], no propagation or copy modes', () => {
    expect(parseVolumesFrom('data')).toEqual(['data', 'rw']);
    expect(parseVolumesFrom('data:ro')).toEqual(['data', 'ro']);
    expect(() => parseVolumesFrom('data:rshared')).toThrow('invalid mode: rshared');
    expect(() => parseVolumesFrom('data:nocopy')).toThrow('invalid mode: nocopy');
    expect(() => parseVolumesFrom('')).toThrow('volumes-from specification cannot be an empty string');
  });
});

describe('mount plans (registerMountPoints precedence)', () => {
  const none = async (): Promise<ResolvedMount[]> => [];

  it('the node_modules case: a bind on /app and an anonymous volume on /app/node_modules both stay', async () => {
    const plan = await planMounts({ hostConfig: { Binds: ['/src:/app'] }, volumes: ['/app/node_modules'], mountsOf: none });
    expect(plan.map((m) => [m.Type, m.Destination, m.CopyData ?? false])).toEqual([['bind', '/app', false], ['volume', '/app/node_modules', true]]);
  });

  it('binds and mounts replace an image VOLUME at the same destination; a bind and a mount there clash', async () => {
    const plan = await planMounts({ hostConfig: { Binds: ['db:/data'] }, volumes: ['/data', '/logs'], mountsOf: none });
    expect(plan.map((m) => `${m.Destination}=${m.Name ?? 'anon'}`)).toEqual(['/data=db', '/logs=anon']);
    await expect(planMounts({ hostConfig: { Binds: ['a:/x'], Mounts: [{ Type: 'volume', Source: 'b', Target: '/x' }] }, volumes: [], mountsOf: none }))
      .rejects.toThrow('Duplicate mount point: /x');
    await expect(planMounts({ hostConfig: { Binds: ['a:/x'], Tmpfs: { '/x': '' } }, volumes: [], mountsOf: none })).rejects.toThrow('Duplicate mount point: /x');
    // a --tmpfs covers an image VOLUME: no anonymous volume there
    expect(await planMounts({ hostConfig: { Tmpfs: { '/data': '' } }, volumes: ['/data'], mountsOf: none })).toEqual([]);
  });

  it('volumes-from copies the other container\'s mounts (ro when asked, never copied up); later binds override', async () => {
    const theirs: ResolvedMount[] = [
      { Type: 'volume', Name: 'shared', Source: '', Destination: '/shared', Driver: 'local', Mode: 'z', RW: true, Propagation: '', CopyData: true },
      { Type: 'bind', Source: '/host', Destination: '/h', Mode: '', RW: true, Propagation: 'rprivate', CreateSource: true },
    ];
    const plan = await planMounts({ hostConfig: { VolumesFrom: ['data:ro'], Binds: ['/other:/h'] }, volumes: [], mountsOf: async () => theirs });
    expect(plan).toEqual([
      expect.objectContaining({ Name: 'shared', RW: false, CopyData: false }),
      expect.objectContaining({ Source: '/other', Destination: '/h', RW: true }),
    ]);
  });

  it('bad names fail before anything exists, with docker\'s text', async () => {
    await expect(planMounts({ hostConfig: { Binds: ['foo/bar:/x'] }, volumes: [], mountsOf: none }))
      .rejects.toThrow('create foo/bar: "foo/bar" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path');
    await expect(planMounts({ hostConfig: { Binds: ['x:/x'] }, volumes: [], mountsOf: none }))
      .rejects.toThrow('create x: volume name is too short, names should be at least two alphanumeric characters');
    await expect(planMounts({ hostConfig: {}, volumes: ['rel'], mountsOf: none })).rejects.toThrow("invalid mount path: 'rel' mount path must be absolute");
    await expect(planMounts({ hostConfig: { Tmpfs: { rel: '' } }, volumes: [], mountsOf: none })).rejects.toThrow("invalid mount path: 'rel' mount path must be absolute");
  });
});
