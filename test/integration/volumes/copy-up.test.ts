/**
 * Start-time mounts with real files (root: ownership): copy-up of the image's content into an empty
 * volume keeps owners, modes, symlinks and hardlinks, happens once (never over data), and skips
 * with nocopy; bind sources of `-v` are created, `--mount` ones must exist; driver-option volumes
 * become runc mounts (a tmpfs with tmpcopyup, a bind of the device).
 */
import { chownSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync, existsSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MetaStore } from '../../../src/store/metadata/meta-store.js';
import { EventsLog } from '../../../src/store/events/events-log.js';
import { VolumeStore, ociMounts, type ResolvedMount } from '../../../src/volumes/index.js';

let root: string;
let rootfs: string;
let store: VolumeStore;
const imagePath = (dest: string) => join(rootfs, dest);
const vol = (name: string, dest: string, extra: Partial<ResolvedMount> = {}): ResolvedMount =>
  ({ Type: 'volume', Name: name, Source: '', Destination: dest, Driver: 'local', Mode: 'z', RW: true, Propagation: '', CopyData: true, ...extra });

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'berth-copyup-'));
  rootfs = join(root, 'rootfs');
  mkdirSync(join(rootfs, 'app/node_modules/lib'), { recursive: true });
  writeFileSync(join(rootfs, 'app/node_modules/lib/index.js'), 'module.exports = 1;\n');
  chmodSync(join(rootfs, 'app/node_modules/lib/index.js'), 0o640);
  linkSync(join(rootfs, 'app/node_modules/lib/index.js'), join(rootfs, 'app/node_modules/lib/hard.js'));
  symlinkSync('lib/index.js', join(rootfs, 'app/node_modules/main.js'));
  symlinkSync('/etc/shadow', join(rootfs, 'app/node_modules/abs-link'));
  chownSync(join(rootfs, 'app/node_modules'), 1000, 1001);
  chownSync(join(rootfs, 'app/node_modules/lib/index.js'), 33, 33);
  chmodSync(join(rootfs, 'app/node_modules'), 0o750);
  store = new VolumeStore(new MetaStore(root), new EventsLog(root));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('copy-up', () => {
  it('fills an empty volume with the image\'s files, owners, modes, links kept; the volume root takes the directory\'s owner', async () => {
    await store.create({ Name: 'mods' });
    const [m] = await ociMounts(store, { mounts: [vol('mods', '/app/node_modules')], imagePath });
    const data = store.dataPath('mods');
    expect(m).toEqual({ destination: '/app/node_modules', type: 'bind', source: data, options: ['rbind', 'rprivate'] });
    const st = statSync(data);
    expect([st.uid, st.gid, st.mode & 0o777]).toEqual([1000, 1001, 0o750]);
    const f = lstatSync(join(data, 'lib/index.js'));
    expect([f.uid, f.gid, f.mode & 0o777, f.nlink]).toEqual([33, 33, 0o640, 2]);
    expect(lstatSync(join(data, 'lib/hard.js')).ino).toBe(f.ino);
    expect(readlinkSync(join(data, 'main.js'))).toBe('lib/index.js');
    // a link is copied as a link, never followed (the host's /etc/shadow stays out)
    expect(readlinkSync(join(data, 'abs-link'))).toBe('/etc/shadow');
  });

  it('happens only into an empty volume, and not with nocopy or for a path the image lacks', async () => {
    await store.create({ Name: 'kept' });
    writeFileSync(join(store.dataPath('kept'), 'mine'), 'data');
    await store.create({ Name: 'nocopy' });
    await store.create({ Name: 'nothing' });
    await ociMounts(store, { mounts: [vol('kept', '/app/node_modules'), vol('nocopy', '/app/node_modules', { CopyData: false, Destination: '/x' }), vol('nothing', '/missing')], imagePath });
    expect(readFileSync(join(store.dataPath('kept'), 'mine'), 'utf8')).toBe('data');
    expect(existsSync(join(store.dataPath('kept'), 'lib'))).toBe(false);
    expect(existsSync(join(store.dataPath('nocopy'), 'lib'))).toBe(false);
    expect(existsSync(join(store.dataPath('nothing')))).toBe(true);
  });
});

describe('start-time mounts', () => {
  it('-v creates a missing bind source; --mount refuses it; ro and propagation reach the options', async () => {
    const src = join(root, 'host/new/dir');
    const [m] = await ociMounts(store, { mounts: [{ Type: 'bind', Source: src, Destination: '/data', Mode: 'ro', RW: false, Propagation: 'rslave', CreateSource: true }], imagePath });
    expect(statSync(src).isDirectory()).toBe(true);
    expect(m).toEqual({ destination: '/data', type: 'bind', source: src, options: ['rbind', 'rslave', 'ro'] });
    await expect(ociMounts(store, { mounts: [{ Type: 'bind', Source: join(root, 'nope'), Destination: '/d', Mode: '', RW: true, Propagation: 'rprivate' }], imagePath }))
      .rejects.toThrow(`invalid mount config for type "bind": bind source path does not exist: ${join(root, 'nope')}`);
  });

  it('tmpfs mounts (--tmpfs and --mount) get docker\'s defaults; volumes with driver options become that mount', async () => {
    await store.create({ Name: 'ram', DriverOpts: { type: 'tmpfs', device: 'tmpfs', o: 'size=10m' } });
    await store.create({ Name: 'hostdir', DriverOpts: { type: 'none', device: '/srv/x', o: 'bind' } });
    const mounts = await ociMounts(store, {
      mounts: [vol('ram', '/cache'), vol('hostdir', '/srv', { RW: false }), { Type: 'tmpfs', Source: '', Destination: '/t', Mode: '', RW: true, Propagation: '', TmpfsData: 'size=1m' }],
      tmpfs: { '/run': 'exec' }, imagePath,
    });
    expect(mounts).toEqual([
      { destination: '/cache', type: 'tmpfs', source: 'tmpfs', options: ['size=10m', 'tmpcopyup'] },
      { destination: '/srv', type: 'bind', source: '/srv/x', options: ['bind', 'rprivate', 'ro'] },
      { destination: '/t', type: 'tmpfs', source: 'tmpfs', options: ['noexec', 'nosuid', 'nodev', 'rprivate', 'size=1m'] },
      { destination: '/run', type: 'tmpfs', source: 'tmpfs', options: ['nosuid', 'nodev', 'rprivate', 'exec'] },
    ]);
  });
});
