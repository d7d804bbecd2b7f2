/** The local driver's store and the volume verbs' rules: idempotent create, filters, in-use refusal, prune scope, copy-up-free materialize. */
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MetaStore } from '../../../src/store/metadata/meta-store.js';
import { EventsLog } from '../../../src/store/events/events-log.js';
import {
  ANONYMOUS_LABEL, VolumeStore, inspectVolume, listVolumes, materializeMounts, planMounts, pruneVolumes, removeVolume, volumesUsage,
} from '../../../src/volumes/index.js';

let root: string;
let store: VolumeStore;
let refs: Map<string, string[]>;
const deps = () => ({ store, refs: async () => refs });
const names = async (filters: Record<string, string[]> = {}) => (await listVolumes(deps(), filters)).Volumes.map((v) => v.Name).sort();
const actions = async () => (await new EventsLog(root).readFrom(0)).events.map((e) => `${e.Type} ${e.Action} ${e.Actor.ID}`);

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'berth-volops-'));
  store = new VolumeStore(new MetaStore(root), new EventsLog(root));
  refs = new Map();
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('volume store', () => {
  it('creates <root>/volumes/<name>/_data (0701/0755) once; a second create returns the same volume', async () => {
    const a = await store.create({ Name: 'data', Labels: { env: 'dev' }, DriverOpts: {} });
    expect(a.created).toBe(true);
    expect(statSync(join(root, 'volumes', 'data')).mode & 0o777).toBe(0o701);
    expect(statSync(store.dataPath('data')).mode & 0o777).toBe(0o755);
    const b = await store.create({ Name: 'data', Labels: { other: 'x' } });
    expect(b).toMatchObject({ created: false, volume: { Labels: { env: 'dev' } } });
    expect(await inspectVolume(deps(), 'data')).toEqual({
      CreatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/), Driver: 'local', Labels: { env: 'dev' },
      Mountpoint: store.dataPath('data'), Name: 'data', Options: {}, Scope: 'local',
    });
    expect(await actions()).toEqual(['volume create data']);
  });

  it('an unnamed volume is anonymous: 64 hex and docker\'s anonymous label', async () => {
    const { volume } = await store.create({});
    expect(volume.Name).toMatch(/^[a-f0-9]{64}$/);
    expect(volume.Labels).toEqual({ [ANONYMOUS_LABEL]: '' });
  });

  it('refuses bad names, other drivers and unsupported local options with docker\'s texts', async () => {
    await expect(store.create({ Name: 'a/b' })).rejects.toThrow('create a/b: "a/b" includes invalid characters for a local volume name');
    await expect(store.create({ Name: 'x' })).rejects.toThrow('create x: volume name is too short');
    await expect(store.create({ Name: 'xx', Driver: 'nfs' })).rejects.toThrow('create xx: error looking up volume plugin nfs: plugin "nfs" not found');
    await expect(store.create({ Name: 'xx', DriverOpts: { foo: '1' } })).rejects.toThrow('create xx: invalid option: "foo"');
    await expect(store.create({ Name: 'xx', DriverOpts: { type: 'tmpfs' } })).rejects.toThrow('create xx: missing required option: "device"');
    expect(existsSync(join(root, 'volumes'))).toBe(false);
  });
});

describe('volume verbs', () => {
  it('ls filters: dangling, name (regexp), label (k and k=v), driver; unknown filters refused', async () => {
    await store.create({ Name: 'web-data', Labels: { app: 'web', tier: 'front' } });
    await store.create({ Name: 'db-data', Labels: { app: 'db' } });
    await store.create({ Name: 'other' });
    refs.set('db-data', ['c1']);
    expect(await names()).toEqual(['db-data', 'other', 'web-data']);
    expect(await names({ dangling: ['true'] })).toEqual(['other', 'web-data']);
    expect(await names({ dangling: ['0'] })).toEqual(['db-data']);
    expect(await names({ name: ['data$'] })).toEqual(['db-data', 'web-data']);
    expect(await names({ label: ['app'] })).toEqual(['db-data', 'web-data']);
    expect(await names({ label: ['app=web', 'tier'] })).toEqual(['web-data']);
    expect(await names({ driver: ['local'] })).toHaveLength(3);
    await expect(names({ dangling: ['maybe'] })).rejects.toThrow("invalid filter 'dangling=[maybe]'");
    await expect(names({ until: ['1h'] })).rejects.toThrow("invalid filter 'until'");
  });

  it('rm refuses a volume in use (docker\'s message), even with force; a missing one only without force', async () => {
    await store.create({ Name: 'busy' });
    refs.set('busy', ['abc', 'def']);
    await expect(removeVolume(deps(), 'busy', { force: true })).rejects.toThrow('remove busy: volume is in use - [abc, def]');
    expect(existsSync(store.dataPath('busy'))).toBe(true);
    refs.clear();
    await removeVolume(deps(), 'busy');
    expect(existsSync(store.rootPath('busy'))).toBe(false);
    await expect(removeVolume(deps(), 'busy')).rejects.toThrow('get busy: no such volume');
    await removeVolume(deps(), 'busy', { force: true });
    expect(await actions()).toEqual(['volume create busy', 'volume destroy busy']);
  });

  it('prune: unused anonymous volumes only, unless all=true; never one in use or with driver options; label filters', async () => {
    const anon = (await store.create({})).volume.Name;
    const used = (await store.create({})).volume.Name;
    await store.create({ Name: 'named', Labels: { keep: 'no' } });
    await store.create({ Name: 'tmp', DriverOpts: { type: 'tmpfs', device: 'tmpfs' } });
    refs.set(used, ['c1']);
    writeFileSync(join(store.dataPath(anon), 'f'), 'x'.repeat(1000));
    expect(await pruneVolumes(deps())).toEqual({ VolumesDeleted: [anon], SpaceReclaimed: 1000 });
    expect(await pruneVolumes(deps(), { all: ['true'], label: ['keep=yes'] })).toEqual({ VolumesDeleted: [], SpaceReclaimed: 0 });
    expect(await pruneVolumes(deps(), { all: ['true'], 'label!': ['keep=yes'] })).toEqual({ VolumesDeleted: ['named'], SpaceReclaimed: 0 });
    expect(await names()).toEqual(['tmp', used].sort());
    await expect(pruneVolumes(deps(), { dangling: ['true'] })).rejects.toThrow("invalid filter 'dangling'");
  });

  it('system df: sizes (hardlinks once) and reference counts of volumes without driver options', async () => {
    await store.create({ Name: 'sized' });
    writeFileSync(join(store.dataPath('sized'), 'a'), '12345');
    refs.set('sized', ['c1', 'c2']);
    expect(await volumesUsage(deps())).toEqual([expect.objectContaining({ Name: 'sized', UsageData: { Size: 5, RefCount: 2 } })]);
  });

  it('materialize creates named volumes on first use and anonymous ones always; undo removes only what it made', async () => {
    await store.create({ Name: 'existing' });
    const plan = await planMounts({ hostConfig: { Binds: ['existing:/a', 'fresh:/b', '/host:/c'] }, volumes: ['/d'], mountsOf: async () => [] });
    const { mounts, created } = await materializeMounts(store, plan);
    expect(mounts.map((m) => [m.Destination, m.Type, m.Anonymous ?? false])).toEqual([['/a', 'volume', false], ['/b', 'volume', false], ['/c', 'bind', false], ['/d', 'volume', true]]);
    expect(created).toEqual(['fresh', mounts[3]!.Name]);
    expect(mounts.some((m) => 'create' in m)).toBe(false);
  });
});
