/**
 * `commit` (POST /commit): the container's upper dir becomes one new layer on top of its image,
 * as dockerd's CreateImageFromContainer + CommitImage: config = the image fields of the container's
 * config with the --change instructions applied (then merged with it, dockerd's merge), parent = the
 * container's image, history += {created_by: the container's Cmd joined by spaces, author, comment};
 * an empty diff adds no layer and an empty_layer history entry. The layer tar is streamed once,
 * into the content store and into a staging snapshot together (as import does).
 */
import { conflict, invalid, notFound } from '../lib/errors.js';
import { MediaType, type ImageConfig, type HistoryEntry } from '../oci/types.js';
import { familiarString, parseNormalizedNamed, validateTag } from '../oci/reference.js';
import { applyChanges } from '../image/changes.js';
import { storeLayer } from '../image/store-layer.js';
import type { ImageStore } from '../image/image-store.js';
import type { CommitOptions } from '../types/container.js';
import type { ContainerDeps } from './runtime-deps.js';
import { containerEvent } from './container-store.js';
import { withContainerFs } from './archive-access.js';
import { mountpointArtifacts } from './archive-lower.js';
import { tarUpper } from './archive-tar.js';
import { lowerView } from './diff.js';
import { imageConfigOf, mergeCommitConfig } from './commit-config.js';

/** "repo" + "tag" → the reference to tag with (dockerd: the tag defaults to latest). */
function tagReference(opts: CommitOptions): string | undefined {
  if (!opts.repo) return undefined;
  const named = parseNormalizedNamed(opts.repo);
  if (named.digest) throw invalid('cannot import digest reference');
  if (opts.tag) validateTag(opts.tag);
  return familiarString({ ...named, tag: opts.tag || named.tag || 'latest' });
}

export async function commitContainer(deps: ContainerDeps, ref: string, opts: CommitOptions = {}): Promise<{ Id: string }> {
  const reference = tagReference(opts);
  applyChanges({}, opts.changes ?? []); // bad instructions fail before the container is paused
  const { images } = deps;
  return withContainerFs(deps, ref, async (cfs) => {
    const rec = cfs.rec;
    if (rec.State.Dead) throw conflict(`You cannot commit container ${rec.Id} which is Dead`);
    const parent = await images.meta.images.get(rec.Image.slice(7));
    if (!parent) throw notFound(`No such image: ${rec.Image}`);
    const [parentConfig, parentManifest] = await Promise.all([images.readConfig(parent), images.readManifest(parent)]);
    const config = imageConfigOf(mergeCommitConfig(applyChanges(rec.Config, opts.changes ?? []), rec.Config));
    const lower = lowerView(deps, rec.berth.chain);
    const skip = mountpointArtifacts(rec, cfs.upper, lower);
    const now = new Date().toISOString();
    const history: HistoryEntry = { created: now, created_by: (rec.Config.Cmd ?? []).join(' ') };
    if (opts.author) history.author = opts.author;
    if (opts.comment) history.comment = opts.comment;
    const image: ImageConfig = {
      architecture: parentConfig.architecture, ...(parentConfig.variant ? { variant: parentConfig.variant } : {}), os: parentConfig.os,
      ...(opts.author ? { author: opts.author } : {}), created: now, config, container: rec.Id,
      rootfs: { type: 'layers', diff_ids: [...parentConfig.rootfs.diff_ids] },
      history: [...(parentConfig.history ?? []), history],
    };
    const layers = [...parentManifest.layers];
    return storeLayer(images, tarUpper(cfs.upper, (rel) => skip.has(rel)), parentConfig.rootfs.diff_ids, async (layer) => {
      if (layer) {
        image.rootfs.diff_ids.push(layer.diffId);
        layers.push({ mediaType: MediaType.OciLayer, digest: layer.diffId, size: layer.size });
      } else {
        history.empty_layer = true;
      }
      const made = await images.commitImage(image, layers, { parent: rec.Image, tags: reference ? [reference] : [], action: 'create' });
      await deps.store.events.append(containerEvent('commit', rec, { comment: opts.comment ?? '', imageID: made.id, imageRef: reference ?? '' }));
      return { Id: made.id };
    });
  }, { mount: false, pause: opts.pause !== false });
}

