// Reusable workload makers. Each writes a docker-archive (the format every engine here loads
// with the same `load -i FILE` command), so berth, podman and docker get byte-identical images.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tarBuffer } from './tar.mjs';
import { mustSh } from './util.mjs';

const sha256 = (b) => createHash('sha256').update(b).digest('hex');
const BASE_TIME = Date.UTC(2024, 0, 1);
const iso = (ms) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** One image config for a list of uncompressed layer tars. */
export function imageConfig(layers, { created = BASE_TIME, cmd = ['/bin/sh'], createdBy = [] } = {}) {
  const history = layers.map((l, i) => ({
    created: iso(created),
    created_by: createdBy[i] ?? `/bin/sh -c #(nop) ADD file:${sha256(l).slice(0, 12)} in / `,
  }));
  history.push({ created: iso(created), created_by: `/bin/sh -c #(nop)  CMD ${JSON.stringify(cmd)}`, empty_layer: true });
  return {
    architecture: 'amd64',
    os: 'linux',
    created: iso(created),
    config: { Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], Cmd: cmd },
    rootfs: { type: 'layers', diff_ids: layers.map((l) => `sha256:${sha256(l)}`) },
    history,
  };
}

/**
 * Write a docker-archive (legacy `docker save` layout: <id>/layer.tar, <config>.json,
 * manifest.json) holding images = [{ layers: [Buffer], config, tags: [] }]. Layers shared by
 * several images are stored once.
 */
export function writeDockerArchive(path, images) {
  const entries = [];
  const seen = new Set();
  const manifest = [];
  for (const img of images) {
    const layerPaths = [];
    for (const l of img.layers) {
      const id = sha256(l);
      if (!seen.has(id)) {
        seen.add(id);
        entries.push({ name: id, dir: true }, { name: `${id}/layer.tar`, data: l });
      }
      layerPaths.push(`${id}/layer.tar`);
    }
    const cfg = Buffer.from(JSON.stringify(img.config));
    const cfgName = `${sha256(cfg)}.json`;
    if (!seen.has(cfgName)) { seen.add(cfgName); entries.push({ name: cfgName, data: cfg }); }
    manifest.push({ Config: cfgName, RepoTags: img.tags, Layers: layerPaths });
  }
  entries.push({ name: 'manifest.json', data: JSON.stringify(manifest) });
  writeFileSync(path, tarBuffer(entries));
  return path;
}

/**
 * n distinct images, each one layer with one small distinct file (/bench/img-N.txt), tagged
 * bench/img-N:latest, created one second apart. Returns { path, refs, count }.
 */
export function distinctImages(dir, n = 200) {
  const path = join(dir, `distinct-${n}.tar`);
  const refs = [];
  const images = [];
  for (let i = 1; i <= n; i++) {
    const layer = tarBuffer([
      { name: 'bench', dir: true },
      { name: `bench/img-${i}.txt`, data: `image ${i} of ${n}\n` },
    ]);
    const ref = `bench/img-${i}:latest`;
    refs.push(ref);
    images.push({ layers: [layer], config: imageConfig([layer], { created: BASE_TIME + i * 1000 }), tags: [ref] });
  }
  if (!existsSync(path)) writeDockerArchive(path, images);
  return { path, refs, count: n };
}

/** One tiny image carrying n tags bench/tag-N:latest (docker/podman list one row per tag). */
export function taggedImage(dir, n = 200) {
  const path = join(dir, `tagged-${n}.tar`);
  const layer = tarBuffer([{ name: 'bench', dir: true }, { name: 'bench/tagged.txt', data: 'one image, many tags\n' }]);
  const refs = Array.from({ length: n }, (_, i) => `bench/tag-${i + 1}:latest`);
  if (!existsSync(path)) writeDockerArchive(path, [{ layers: [layer], config: imageConfig([layer]), tags: refs }]);
  return { path, refs, count: n };
}

/**
 * busybox:latest (berth's offline demo image from Debian's busybox-static) as a docker-archive,
 * for groups that run containers. Made once per run with a scratch berth root.
 */
export function busyboxArchive(dir, berth) {
  const path = join(dir, 'busybox.tar');
  if (existsSync(path)) return { path, ref: 'busybox:latest' };
  const root = join(dir, 'busybox-root');
  mustSh([...berth.base(root), 'image', 'demo', 'busybox:latest']);
  mustSh([...berth.base(root), 'save', '-o', path, 'busybox:latest']);
  return { path, ref: 'busybox:latest' };
}

/**
 * An OCI bundle of a docker-archive's first image for a raw `runc run` (the floor under every
 * engine's `run`): rootfs = its layers unpacked in order, config.json = `runc spec` (new pid,
 * network, ipc, uts and mount namespaces; no network set-up beyond the empty netns, no seccomp,
 * runc's default capabilities) with terminal false and `args`. Returns { bundle, rootfs }.
 */
export function runcBundle(dir, archive, args = ['true']) {
  const bundle = join(dir, 'runc-bundle');
  const rootfs = join(bundle, 'rootfs');
  if (existsSync(join(bundle, 'config.json'))) return { bundle, rootfs };
  mkdirSync(rootfs, { recursive: true });
  const manifest = JSON.parse(mustSh(['tar', '-xOf', archive, 'manifest.json']));
  const scratch = join(dir, 'runc-bundle-layers');
  mkdirSync(scratch, { recursive: true });
  for (const layer of manifest[0].Layers) {
    mustSh(['tar', '-xf', archive, '-C', scratch, layer]);
    mustSh(['tar', '-xf', join(scratch, layer), '-C', rootfs]); // GNU tar detects gzip from the file
  }
  rmSync(scratch, { recursive: true, force: true });
  mustSh(['runc', 'spec', '--bundle', bundle]);
  const cfg = JSON.parse(readFileSync(join(bundle, 'config.json'), 'utf8'));
  cfg.process.terminal = false;
  cfg.process.args = args;
  writeFileSync(join(bundle, 'config.json'), JSON.stringify(cfg, null, 2));
  return { bundle, rootfs };
}
