/**
 * Manifests as a puller sees them: docker schema2 and OCI image manifests, docker manifest lists
 * and OCI indexes (one entry chosen by platform, linux/amd64 unless asked otherwise). Schema 1
 * and non-image artifacts are refused with docker's messages.
 */
import { EngineError, dataLoss, invalid } from '../lib/errors.js';
import { type Descriptor, type Index, type Manifest, type Platform, MediaType } from '../oci/types.js';

export const MANIFEST_ACCEPT = [MediaType.OciIndex, MediaType.DockerManifestList, MediaType.OciManifest, MediaType.DockerManifest].join(', ');

export type ParsedManifest =
  | { kind: 'index'; mediaType: string; index: Index }
  | { kind: 'manifest'; mediaType: string; manifest: Manifest };

const IMAGE_CONFIG_TYPES = new Set<string>([MediaType.DockerConfig, MediaType.OciConfig, 'application/octet-stream']);
const CONFIG_CLASSES: Record<string, string> = {
  'application/vnd.docker.plugin.v1+json': 'plugin',
  'application/vnd.cncf.helm.config.v1+json': 'helm-chart',
  'application/vnd.docker.ai.model.config.v0.1+json': 'ai-model',
};

export function parseManifest(bytes: Buffer, contentType: string, what: string): ParsedManifest {
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
  } catch (err) {
    throw dataLoss(`invalid manifest for ${what}: ${(err as Error).message}`, err);
  }
  const mediaType = (typeof body.mediaType === 'string' && body.mediaType) || contentType;
  if (body.schemaVersion === 1 || /signed|v1\+/.test(mediaType) && /distribution\.manifest/.test(mediaType)) {
    throw invalid(`[DEPRECATION NOTICE] Docker Image Format v1 and Docker Image manifest version 2, schema 1 support has been removed. Suggest the author of ${what} to upgrade the image to the OCI Format or Docker Image manifest v2, schema 2. More information at https://docs.docker.com/go/deprecated-image-specs/`);
  }
  if (Array.isArray(body.manifests)) return { kind: 'index', mediaType, index: body as unknown as Index };
  const m = body as unknown as Manifest;
  if (m.config && typeof m.config === 'object' && Array.isArray(m.layers)) {
    const ct = m.config.mediaType;
    if (ct && !IMAGE_CONFIG_TYPES.has(ct)) {
      throw invalid(`Encountered remote "${ct}"(${CONFIG_CLASSES[ct] ?? 'unknown'}) when fetching`);
    }
    return { kind: 'manifest', mediaType, manifest: m };
  }
  throw invalid('unsupported manifest format');
}

/** containerd's platforms.Parse for the forms docker users type: linux/amd64, linux/arm64/v8, amd64, linux. */
export function parsePlatform(s: string): Platform {
  const parts = s.toLowerCase().split('/');
  const archAlias: Record<string, string> = { x86_64: 'amd64', 'x86-64': 'amd64', aarch64: 'arm64', armhf: 'arm', armel: 'arm' };
  const known = new Set(['linux', 'windows', 'darwin', 'freebsd']);
  let os = 'linux';
  let arch = 'amd64';
  let variant: string | undefined;
  if (parts.length === 1) {
    if (known.has(parts[0]!)) os = parts[0]!;
    else arch = parts[0]!;
  } else if (parts.length <= 3) {
    [os, arch, variant] = parts as [string, string, string | undefined];
  } else throw invalid(`"${s}": unknown operating system or architecture: invalid argument`);
  if (!os || !arch) throw invalid(`"${s}": unknown operating system or architecture: invalid argument`);
  arch = archAlias[arch] ?? arch;
  if (arch === 'arm64' && variant === 'v8') variant = undefined;
  return variant ? { os, architecture: arch, variant } : { os, architecture: arch };
}

export function formatPlatform(p: Platform): string {
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}

export const DEFAULT_PLATFORM: Platform = { os: 'linux', architecture: 'amd64' };

/** The index entry for `want`: exact variant when one is asked for, else the plainest match. */
export function selectPlatform(index: Index, want: Platform): Descriptor {
  const norm = (v?: string, arch?: string) => (arch === 'arm64' && v === 'v8' ? undefined : v || undefined);
  const candidates = index.manifests.filter((d) => d.platform && d.platform.os === want.os && d.platform.architecture === want.architecture);
  const pick = want.variant
    ? candidates.find((d) => norm(d.platform!.variant, d.platform!.architecture) === want.variant)
    : candidates.find((d) => !norm(d.platform!.variant, d.platform!.architecture)) ?? candidates[0];
  if (!pick) throw new EngineError('NOT_FOUND', `no matching manifest for ${formatPlatform(want)} in the manifest list entries`);
  return pick;
}
