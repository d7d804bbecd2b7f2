/** Volume removal and prune, each listing what goes first (and its size when `system df` knows it). */
import { humanSize } from '../panes/format.js';
import { isAnonymousVolume, type VolumeRow } from '../panes/pane-configs.js';
import type { DialogLine } from '../dialogs/dialog.js';
import { type ActionContext, errorText, forEach } from './context.js';

const row = (v: VolumeRow): DialogLine => ({
  text: `  ${v.Name}  ${v.Driver}${v.UsageData ? `  ${humanSize(v.UsageData.Size)}` : ''}${v.UsageData?.RefCount ? `  used by ${v.UsageData.RefCount}` : ''}`,
});
const sized = (vs: VolumeRow[]) => (vs.every((v) => v.UsageData) ? `, freeing ${humanSize(vs.reduce((n, v) => n + (v.UsageData?.Size ?? 0), 0))}` : '');

export function confirmRemoveVolumes(ctx: ActionContext): void {
  const vs = ctx.volumes;
  const used = vs.filter((v) => (v.UsageData?.RefCount ?? 0) > 0);
  const lines: DialogLine[] = [{ text: `Delete ${vs.length === 1 ? 'this volume and its data' : `these ${vs.length} volumes and their data`}${sized(vs)}:` }, ...vs.map(row)];
  if (used.length) lines.push({ text: `${used.length} in use by containers: remove those containers first.`, token: 'warning' });
  ctx.openDialog({
    kind: 'confirm', danger: true, title: `Remove ${vs.length === 1 ? vs[0]!.Name.slice(0, 24) : `${vs.length} volumes`}?`, lines,
    confirmLabel: 'Remove (volume rm)',
    onConfirm: () => {
      void forEach(ctx, vs, 'removed', (v) => v.Name.slice(0, 12), (v) => ctx.engine.removeVolume(v.Name)).then(() => {
        ctx.clearMarks();
        ctx.refresh('volumes');
      });
    },
  });
}

/** docker volume prune: unused anonymous volumes (named ones stay unless --all). */
export async function confirmVolumePrune(ctx: ActionContext): Promise<void> {
  const gone = ctx.allVolumes.filter((v) => isAnonymousVolume(v) && v.UsageData?.RefCount === 0);
  const unknown = ctx.allVolumes.some((v) => isAnonymousVolume(v) && !v.UsageData);
  if (gone.length === 0 && !unknown) {
    ctx.openDialog({ kind: 'info', title: 'Prune volumes', lines: [{ text: 'No unused anonymous volumes: nothing to prune.' }] });
    return;
  }
  ctx.openDialog({
    kind: 'confirm', danger: true, title: 'Prune volumes?',
    lines: [{ text: unknown ? 'Unused anonymous volumes will be deleted (usage unknown for some):' : `${gone.length} unused anonymous volume${gone.length === 1 ? '' : 's'} will be deleted${sized(gone)}:` }, ...gone.map(row)],
    confirmLabel: 'Prune (volume prune)',
    onConfirm: () => {
      ctx.engine.pruneVolumes().then((r) => {
        ctx.notify(`deleted ${r.VolumesDeleted.length} volumes, reclaimed ${humanSize(r.SpaceReclaimed)}`, 'success');
        ctx.refresh('volumes');
      }, (err: unknown) => ctx.notify(`volume prune failed — ${errorText(err)}`, 'error'));
    },
  });
}
