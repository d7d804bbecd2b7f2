/** Image removal and the prune dialogs (containers and images), each with a preview of what goes. */
import type { ContainerSummary, ImageSummary } from '../../engine/types.js';
import { isEngineError } from '../../lib/errors.js';
import { humanSize, shortId } from '../panes/format.js';
import { containerName, imageName, isDangling } from '../panes/pane-configs.js';
import type { DialogLine } from '../dialogs/dialog.js';
import { type ActionContext, errorText } from './context.js';

const imageRow = (i: ImageSummary): DialogLine => ({ text: `  ${imageName(i)}  ${shortId(i.Id)}  ${humanSize(i.Size)}`, token: isDangling(i) ? 'image.dangling' : undefined });
const total = (is: ImageSummary[]) => humanSize(is.reduce((n, i) => n + i.Size, 0));

export function confirmRemoveImages(ctx: ActionContext): void {
  const is = ctx.images;
  const used = new Set(ctx.allContainers.map((c) => c.ImageID));
  const inUse = is.filter((i) => used.has(i.Id));
  const lines: DialogLine[] = [{ text: `Untag and delete (frees up to ${total(is)}; layers shared with other images stay):` }, ...is.map(imageRow)];
  if (inUse.length) lines.push({ text: `${inUse.length} used by containers: only "force" removes ${inUse.length === 1 ? 'it' : 'them'}.`, token: 'warning' });
  ctx.openDialog({
    kind: 'confirm', danger: true, title: `Remove ${is.length === 1 ? imageName(is[0]!) : `${is.length} images`}?`, lines,
    options: [
      { label: 'Remove', value: 'rmi' },
      { label: 'Remove, keep untagged parents (--no-prune)', value: 'no-prune' },
      { label: 'Force remove (rmi -f)', value: 'force' },
    ],
    onConfirm: (opt) => { void removeImages(ctx, is, { force: opt === 'force', noPrune: opt === 'no-prune' }); },
  });
}

async function removeImages(ctx: ActionContext, is: ImageSummary[], opts: { force: boolean; noPrune: boolean }): Promise<void> {
  let deleted = 0;
  for (const i of is) {
    // A tagged image is removed by each of its names; an untagged one by ID.
    const refs = isDangling(i) ? [i.Id] : i.RepoTags;
    try {
      for (const ref of refs) deleted += (await ctx.engine.removeImage(ref, opts)).filter((d) => d.Deleted).length;
    } catch (err) {
      if (isEngineError(err, 'CONFLICT') && !opts.force) {
        ctx.openDialog({
          kind: 'confirm', danger: true, title: 'Force remove?', lines: [{ text: errorText(err) }, imageRow(i)],
          confirmLabel: 'Force remove (rmi -f)', onConfirm: () => { void removeImages(ctx, [i], { ...opts, force: true }); },
        });
      } else ctx.notify(`remove ${imageName(i)} failed — ${errorText(err)}`, 'error');
    }
  }
  if (deleted) ctx.notify(`deleted ${deleted} image${deleted === 1 ? '' : 's'}`, 'success');
  ctx.clearMarks();
  ctx.refresh('images');
}

const STOPPED = ['exited', 'created', 'dead'];

export async function confirmContainerPrune(ctx: ActionContext): Promise<void> {
  let gone: ContainerSummary[];
  try {
    gone = await ctx.engine.listContainers({ all: true, filters: { status: STOPPED } });
  } catch (err) {
    ctx.notify(`prune preview failed — ${errorText(err)}`, 'error');
    return;
  }
  if (gone.length === 0) {
    ctx.openDialog({ kind: 'info', title: 'Prune containers', lines: [{ text: 'No stopped containers: nothing to prune.' }] });
    return;
  }
  ctx.openDialog({
    kind: 'confirm', danger: true, title: 'Prune containers?',
    lines: [{ text: `${gone.length} stopped container${gone.length === 1 ? '' : 's'} will be removed:` },
      ...gone.map((c) => ({ text: `  ${containerName(c)}  ${c.Image}  ${c.Status}` }))],
    confirmLabel: 'Prune (container prune)',
    onConfirm: () => {
      ctx.engine.pruneContainers().then((r) => {
        ctx.notify(`deleted ${r.ContainersDeleted.length} containers, reclaimed ${humanSize(r.SpaceReclaimed)}`, 'success');
        ctx.refresh('containers', 'images');
      }, (err: unknown) => ctx.notify(`container prune failed — ${errorText(err)}`, 'error'));
    },
  });
}

export async function confirmImagePrune(ctx: ActionContext, all: boolean): Promise<void> {
  let gone: ImageSummary[];
  try {
    const used = new Set(ctx.allContainers.map((c) => c.ImageID));
    gone = all ? (await ctx.engine.listImages()).filter((i) => !used.has(i.Id))
      : (await ctx.engine.listImages({ filters: { dangling: ['true'] } })).filter((i) => !used.has(i.Id));
  } catch (err) {
    ctx.notify(`prune preview failed — ${errorText(err)}`, 'error');
    return;
  }
  const what = all ? 'unused' : 'dangling';
  if (gone.length === 0) {
    ctx.openDialog({ kind: 'info', title: 'Prune images', lines: [{ text: `No ${what} images: nothing to prune.` }] });
    return;
  }
  ctx.openDialog({
    kind: 'confirm', danger: true, title: `Prune ${what} images?`,
    lines: [{ text: `${gone.length} ${what} image${gone.length === 1 ? '' : 's'} will be deleted, freeing up to ${total(gone)}:` }, ...gone.map(imageRow)],
    confirmLabel: all ? 'Prune (image prune -a)' : 'Prune (image prune)',
    onConfirm: () => {
      ctx.engine.pruneImages({ all }).then((r) => {
        ctx.notify(`deleted ${r.ImagesDeleted.filter((d) => d.Deleted).length} images, reclaimed ${humanSize(r.SpaceReclaimed)}`, 'success');
        ctx.refresh('images');
      }, (err: unknown) => ctx.notify(`image prune failed — ${errorText(err)}`, 'error'));
    },
  });
}
