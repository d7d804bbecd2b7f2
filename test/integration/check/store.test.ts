/**
 * `system check` over the image side of a state root: blobs re-hashed, records against blobs and
 * snapshots, tags, leftovers of dead writers, volumes. Each case breaks the root the way a crash
 * or a disk fault would, checks the finding, repairs, and checks nothing committed was lost.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync, utimesSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { byKind, checkRoot, deadPid, isRoot, kinds, type CheckRoot } from './fixture.js';

let t: CheckRoot;

async function layerBlob(): Promise<string> {
  const rec = JSON.parse((await import('node:fs')).readFileSync(join(t.root, 'meta', 'images', `${t.imageId.slice(7)}.json`), 'utf8'));
  const manifest = JSON.parse((await import('node:fs')).readFileSync(join(t.root, 'blobs', 'sha256', rec.manifest.slice(7)), 'utf8'));
  return manifest.layers[0].digest.slice(7);
}

describe.skipIf(!isRoot)('system check: content and records', () => {
  beforeEach(async () => { t = await checkRoot(); });
  afterEach(async () => { await t.cleanup(); });

  it('finds nothing on a healthy root (image, volume, created container)', async () => {
    await t.engine.createVolume({ Name: 'data' });
    await t.engine.createContainer({ name: 'idle', config: { Image: 'busybox', Cmd: ['true'] }, hostConfig: { Binds: ['data:/data'] } });
    const r = await t.check();
    expect(r.findings).toEqual([]);
    expect(r.clean).toBe(true);
  });

  it('reports a corrupt blob an image needs as unrepairable, with what to do', async () => {
    const hex = await layerBlob();
    writeFileSync(join(t.root, 'blobs', 'sha256', hex), 'not the layer');
    const r = await t.check();
    const [f] = byKind(r, 'corrupt-blob');
    expect(f).toMatchObject({ severity: 'error', repairable: false });
    expect(f!.hint).toContain('busybox:latest');
    const fixed = await t.check(true);
    expect(fixed.clean).toBe(false);
    expect(byKind(fixed, 'corrupt-blob')[0]!.repaired).toBe(false);
    // the image is never deleted by a repair
    expect((await t.engine.listImages()).map((i) => i.Id)).toEqual([t.imageId]);
    expect(existsSync(join(t.root, 'blobs', 'sha256', hex))).toBe(true);
  });

  it('removes a corrupt blob no image needs, and collects unreachable ones', async () => {
    const dir = join(t.root, 'blobs', 'sha256');
    writeFileSync(join(dir, 'a'.repeat(64)), 'garbage');
    const good = Buffer.from('orphan but intact');
    const hex = (await import('node:crypto')).createHash('sha256').update(good).digest('hex');
    writeFileSync(join(dir, hex), good);
    const r = await t.check();
    expect(kinds(r)).toEqual(['corrupt-blob', 'unreachable-blob', 'unreachable-blob']);
    const fixed = await t.check(true);
    expect(fixed.clean).toBe(true);
    expect(readdirSync(dir)).not.toContain(hex);
    expect((await t.check()).findings).toEqual([]);
    expect((await t.engine.listImages()).map((i) => i.Id)).toEqual([t.imageId]);
  });

  it('re-unpacks a deleted snapshot from the layer blobs', async () => {
    const snaps = readdirSync(join(t.root, 'snapshots')).filter((n) => /^[a-f0-9]{64}$/.test(n));
    rmSync(join(t.root, 'snapshots', snaps[0]!), { recursive: true });
    const r = await t.check();
    expect(kinds(r)).toEqual(['missing-snapshot']);
    expect(r.findings[0]!.repairable).toBe(true);
    expect((await t.check(true)).clean).toBe(true);
    expect(existsSync(join(t.root, 'snapshots', snaps[0]!, 'fs', 'bin', 'busybox'))).toBe(true);
    expect((await t.check()).findings).toEqual([]);
  });

  it('removes a snapshot dir without info.json (an interrupted publish)', async () => {
    const snaps = readdirSync(join(t.root, 'snapshots')).filter((n) => /^[a-f0-9]{64}$/.test(n));
    rmSync(join(t.root, 'snapshots', snaps[0]!, 'info.json'));
    const r = await t.check();
    expect(kinds(r)).toEqual(['broken-snapshot', 'missing-snapshot']);
    expect((await t.check(true)).clean).toBe(true);
    expect((await t.check()).findings).toEqual([]);
  });

  it('removes leftovers of dead writers: ingest, temp file, lease, staging, build temp', async () => {
    const pid = deadPid();
    const ingest = join(t.root, 'ingest', `${Date.now()}-${pid}-abcdef`); // one name: the clock may tick between lines
    mkdirSync(ingest, { recursive: true });
    writeFileSync(join(ingest, 'data'), 'partial');
    writeFileSync(join(t.root, 'meta', `.tags.json.tmp-${pid}-0a0b0c0d`), '{"half":');
    writeFileSync(join(t.root, 'meta', 'leases', `${pid}-aaaaaa.json`), JSON.stringify({ id: `${pid}-aaaaaa`, pid, created: '', blobs: [], snapshots: [] }));
    mkdirSync(join(t.root, 'snapshots', '.staging', `${pid}-bbbbbb`, 'fs'), { recursive: true });
    mkdirSync(join(t.root, 'build', 'tmp', `${pid}-cccccc`), { recursive: true });
    // a live writer's files are left alone
    mkdirSync(join(t.root, 'ingest', `${Date.now()}-${process.pid}-live00`), { recursive: true });
    const r = await t.check();
    expect(kinds(r)).toEqual(['stale-ingest', 'stale-ingest', 'stale-lease', 'stale-staging', 'stale-temp']);
    expect((await t.check(true)).clean).toBe(true);
    expect(readdirSync(join(t.root, 'ingest'))).toEqual([`${readdirSync(join(t.root, 'ingest'))[0]}`]);
    expect(readdirSync(join(t.root, 'ingest'))[0]).toContain(`-${process.pid}-live00`);
    expect((await t.engine.listImages()).map((i) => i.Id)).toEqual([t.imageId]);
  });

  it('drops a tag whose image record is gone, keeps the others', async () => {
    await t.engine.tagImage('busybox', 'keep:1');
    const tagsFile = join(t.root, 'meta', 'tags.json');
    const tags = JSON.parse((await import('node:fs')).readFileSync(tagsFile, 'utf8'));
    tags['docker.io/library/ghost:latest'] = `sha256:${'b'.repeat(64)}`;
    writeFileSync(tagsFile, JSON.stringify(tags));
    expect(kinds(await t.check())).toEqual(['dangling-tag']);
    expect((await t.check(true)).clean).toBe(true);
    expect((await t.engine.listImages())[0]!.RepoTags.sort()).toEqual(['busybox:latest', 'keep:1']);
  });

  it('volumes: recreates a missing data dir, removes a dir whose record is gone', async () => {
    await t.engine.createVolume({ Name: 'kept' });
    await t.engine.createVolume({ Name: 'half-removed' });
    rmSync(join(t.root, 'volumes', 'kept', '_data'), { recursive: true });
    rmSync(join(t.root, 'meta', 'volumes', 'half-removed.json'));
    const r = await t.check();
    expect(kinds(r)).toEqual(['orphan-volume-dir', 'volume-data-missing']);
    expect((await t.check(true)).clean).toBe(true);
    expect((await t.engine.listVolumes()).Volumes!.map((v) => v.Name)).toEqual(['kept']);
    expect(existsSync(join(t.root, 'volumes', 'kept', '_data'))).toBe(true);
  });

  it('a stale container dir (an interrupted rm) is removed once past the create grace period', async () => {
    const dir = join(t.root, 'containers', 'c'.repeat(64));
    mkdirSync(join(dir, 'exits'), { recursive: true });
    expect((await t.check()).findings).toEqual([]); // young: may be a create in flight
    const old = new Date(Date.now() - 60_000);
    utimesSync(dir, old, old);
    expect(kinds(await t.check())).toEqual(['orphan-container-dir']);
    expect((await t.check(true)).clean).toBe(true);
    expect(existsSync(dir)).toBe(false);
  });
});
