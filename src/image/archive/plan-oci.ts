/**
 * Images described by an OCI image layout's index.json (skopeo/buildah oci-archive, containerd
 * export, docker 25+ save without manifest.json). A nested index resolves to the host platform's
 * manifest; names come from the top-level descriptor's annotations.
 */
import { dataLoss, notFound } from '../../lib/errors.js';
import { isDigest } from '../../oci/digest.js';
import { type Descriptor, type Index, type Manifest, type Platform, MediaType } from '../../oci/types.js';
import { ANNOTATION_IMAGE_NAME, ANNOTATION_REF_NAME } from './format.js';
import type { ImagePlan } from './plan-docker.js';

/** Reads and parses a JSON blob the descriptor points at (size-checked by the caller). */
export type ReadJson = (desc: Descriptor) => Promise<unknown>;

const INDEX_TYPES = new Set<string>([MediaType.OciIndex, MediaType.DockerManifestList]);

export function hostPlatform(): Platform {
  const arch: Record<string, string> = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ppc64: 'ppc64le', s390x: 's390x', riscv64: 'riscv64' };
  return { os: 'linux', architecture: arch[process.arch] ?? process.arch };
}

function isDescriptor(v: unknown): v is Descriptor {
  const o = v as Record<string, unknown> | null;
  return typeof o === 'object' && o !== null && typeof o.mediaType === 'string' && typeof o.digest === 'string'
    && isDigest(o.digest) && typeof o.size === 'number';
}

function descriptorsOf(v: unknown, what: string): Descriptor[] {
  const m = (v as Index | null)?.manifests;
  if (!Array.isArray(m) || !m.every(isDescriptor)) throw dataLoss(`invalid archive: ${what} is not a valid image index`);
  return m;
}

/**
 * The name to tag with: containerd's full name, else a ref.name that is itself a reference.
 * A bare ref.name ("latest") carries no repository, so the image loads untagged.
 */
export function nameOf(desc: Descriptor): string | undefined {
  const a = desc.annotations ?? {};
  if (a[ANNOTATION_IMAGE_NAME]) return a[ANNOTATION_IMAGE_NAME];
  const ref = a[ANNOTATION_REF_NAME];
  return ref && /[:/@]/.test(ref) ? ref : undefined;
}

async function pickManifest(desc: Descriptor, readJson: ReadJson, depth: number): Promise<Descriptor> {
  if (!INDEX_TYPES.has(desc.mediaType)) return desc;
  if (depth > 4) throw dataLoss('invalid archive: image indexes are nested too deeply');
  const children = descriptorsOf(await readJson(desc), desc.digest);
  const want = hostPlatform();
  const match = children.find((c) => c.platform?.os === want.os && c.platform?.architecture === want.architecture)
    ?? (children.length === 1 && !children[0]!.platform ? children[0] : undefined);
  if (!match) throw notFound(`image index ${desc.digest} has no manifest for ${want.os}/${want.architecture}`);
  return pickManifest(match, readJson, depth + 1);
}

export async function planOciLayout(indexJson: unknown, readJson: ReadJson): Promise<ImagePlan[]> {
  const byManifest = new Map<string, ImagePlan>();
  for (const top of descriptorsOf(indexJson, 'index.json')) {
    const desc = await pickManifest(top, readJson, 0);
    const name = nameOf(top);
    const prev = byManifest.get(desc.digest);
    if (prev) {
      if (name && !prev.tags.includes(name)) prev.tags.push(name);
      continue;
    }
    const m = (await readJson(desc)) as Manifest | null;
    if (!m || !isDescriptor(m.config) || !Array.isArray(m.layers) || !m.layers.every(isDescriptor)) {
      throw dataLoss(`invalid archive: manifest ${desc.digest} is malformed`);
    }
    const layers = m.layers.map((l) => ({ mediaType: l.mediaType, digest: l.digest, size: l.size, ...(l.annotations ? { annotations: l.annotations } : {}) }));
    byManifest.set(desc.digest, { config: m.config.digest, layers, tags: name ? [name] : [] });
  }
  return [...byManifest.values()];
}
