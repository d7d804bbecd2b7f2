/** Maps keymap actions to engine verbs, and builds the `x` (selection) and `b` (bulk) menus. */
import { bindingsOf, type Action, type Scope } from '../keymap/bindings.js';
import type { MenuDialog, MenuItem } from '../dialogs/dialog.js';
import type { ActionContext } from './context.js';
import { attach, confirmKill, confirmRemove, restartContainers, shell, startContainers, stopContainers, togglePause } from './container-actions.js';
import { confirmContainerPrune, confirmImagePrune, confirmRemoveImages } from './image-actions.js';
import { confirmRemoveVolumes, confirmVolumePrune } from './volume-actions.js';

/** Runs a pane verb; false when `action` is not one. */
export function runPaneAction(action: Action, ctx: ActionContext): boolean {
  const hasC = ctx.containers.length > 0;
  const hasI = ctx.images.length > 0;
  switch (action) {
    case 'stop': if (hasC) void stopContainers(ctx); return true;
    case 'start': if (hasC) void startContainers(ctx); return true;
    case 'restart': if (hasC) void restartContainers(ctx); return true;
    case 'pause': if (hasC) void togglePause(ctx); return true;
    case 'kill': if (hasC) confirmKill(ctx); return true;
    case 'remove': if (hasC) confirmRemove(ctx); return true;
    case 'attach': if (hasC) attach(ctx); return true;
    case 'shell': if (hasC) shell(ctx); return true;
    case 'remove-image': if (hasI) confirmRemoveImages(ctx); return true;
    case 'remove-volume': if (ctx.volumes.length) confirmRemoveVolumes(ctx); return true;
    default: return false;
  }
}

const READ_ONLY = 'read-only mode';
/** Verbs that need no selected row (pull asks for a reference, login for a server). */
const NO_TARGET = new Set<Action>(['pull', 'login']);

/** `x`: the focused pane's verbs from the keymap, so the menu and the keys never disagree. */
export function actionMenu(scope: Scope, ctx: ActionContext, run: (a: Action) => void): MenuDialog {
  const target = scope === 'containers' ? ctx.containers : scope === 'images' ? ctx.images : scope === 'volumes' ? ctx.volumes : [];
  const items: MenuItem[] = bindingsOf(scope, ctx.keymap)
    .filter((b) => b.action !== 'toggle-stopped')
    .map((b) => ({
      key: b.keys[0], label: b.help,
      disabled: b.mutating && ctx.readOnly ? READ_ONLY : target.length === 0 && !NO_TARGET.has(b.action) ? 'nothing selected' : undefined,
      run: () => run(b.action),
    }));
  const what = target.length > 1 ? `${target.length} marked` : scope;
  return { kind: 'menu', title: `Actions: ${what}`, items: [...items, ...bulkItems(ctx)] };
}

function bulkItems(ctx: ActionContext): MenuItem[] {
  const ro = ctx.readOnly ? READ_ONLY : undefined;
  return [
    { label: 'Prune stopped containers…', disabled: ro, run: () => void confirmContainerPrune(ctx) },
    { label: 'Prune dangling images…', disabled: ro, run: () => void confirmImagePrune(ctx, false) },
    { label: 'Prune all unused images…', disabled: ro, run: () => void confirmImagePrune(ctx, true) },
    ...(ctx.volumesSupported ? [{ label: 'Prune unused volumes…', disabled: ro, run: () => void confirmVolumePrune(ctx) }] : []),
    {
      label: 'Stop all running containers', disabled: ro,
      run: () => void stopContainers({ ...ctx, containers: ctx.allContainers.filter((c) => c.State === 'running') }),
    },
  ];
}

/** `b`: lazydocker's bulk menu. */
export function bulkMenu(ctx: ActionContext): MenuDialog {
  return { kind: 'menu', title: 'Bulk actions', items: bulkItems(ctx) };
}
