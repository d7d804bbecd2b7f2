/**
 * Container verbs from keys and the `x` menu (lazydocker's keys): stop, start, restart, pause,
 * kill, remove, attach, shell. Destructive ones open a dialog listing what will go first; a
 * CONFLICT from remove (the container runs) offers force, as the error-mapping table says.
 */
import type { ContainerSummary } from '../../engine/types.js';
import { isEngineError } from '../../lib/errors.js';
import { containerName } from '../panes/pane-configs.js';
import type { DialogLine } from '../dialogs/dialog.js';
import { type ActionContext, errorText, forEach } from './context.js';

const name = containerName;

function rowsOf(cs: ContainerSummary[]): DialogLine[] {
  return cs.map((c) => ({ text: `  ${name(c)}  ${c.Image}  ${c.Status}`, token: c.State === 'running' ? 'state.running' : undefined }));
}

export async function stopContainers(ctx: ActionContext): Promise<void> {
  await forEach(ctx, ctx.containers, 'stopped', name, (c) => ctx.engine.stopContainer(c.Id));
  ctx.refresh('containers');
}

export async function startContainers(ctx: ActionContext): Promise<void> {
  await forEach(ctx, ctx.containers, 'started', name, (c) => ctx.engine.startContainer(c.Id));
  ctx.refresh('containers');
}

export async function restartContainers(ctx: ActionContext): Promise<void> {
  await forEach(ctx, ctx.containers, 'restarted', name, (c) => ctx.engine.restartContainer(c.Id));
  ctx.refresh('containers');
}

/** p toggles: paused ones resume, the others pause. */
export async function togglePause(ctx: ActionContext): Promise<void> {
  await forEach(ctx, ctx.containers, 'paused/unpaused', name, (c) =>
    (c.State === 'paused' ? ctx.engine.unpauseContainer(c.Id) : ctx.engine.pauseContainer(c.Id)));
  ctx.refresh('containers');
}

export function confirmKill(ctx: ActionContext): void {
  const cs = ctx.containers;
  ctx.openDialog({
    kind: 'confirm', danger: true, title: `Kill ${cs.length === 1 ? name(cs[0]!) : `${cs.length} containers`}?`,
    lines: [{ text: 'SIGKILL ends these at once, without a clean shutdown:' }, ...rowsOf(cs)],
    confirmLabel: 'Kill',
    onConfirm: () => {
      void forEach(ctx, cs, 'killed', name, (c) => ctx.engine.killContainer(c.Id, 'SIGKILL')).then(() => ctx.refresh('containers'));
    },
  });
}

export function confirmRemove(ctx: ActionContext): void {
  const cs = ctx.containers;
  const running = cs.filter((c) => c.State === 'running' || c.State === 'paused' || c.State === 'restarting');
  const lines: DialogLine[] = [
    { text: `${cs.length === 1 ? 'This container goes' : `These ${cs.length} containers go`}, with its writable layer and logs:` },
    ...rowsOf(cs),
  ];
  if (running.length) lines.push({ text: `${running.length} still running: only "force" removes ${running.length === 1 ? 'it' : 'them'}.`, token: 'warning' });
  ctx.openDialog({
    kind: 'confirm', danger: true, title: `Remove ${cs.length === 1 ? name(cs[0]!) : `${cs.length} containers`}?`, lines,
    options: [
      { label: 'Remove', value: 'rm' },
      { label: 'Remove with anonymous volumes (rm -v)', value: 'rm-v' },
      { label: 'Force remove, stopping if running (rm -f)', value: 'rm-f' },
    ],
    onConfirm: (opt) => { void removeContainers(ctx, cs, { force: opt === 'rm-f', volumes: opt === 'rm-v' }); },
  });
}

async function removeContainers(ctx: ActionContext, cs: ContainerSummary[], opts: { force: boolean; volumes: boolean }): Promise<void> {
  const conflicts: ContainerSummary[] = [];
  const removed: string[] = [];
  for (const c of cs) {
    try {
      await ctx.engine.removeContainer(c.Id, opts);
      removed.push(name(c));
    } catch (err) {
      if (isEngineError(err, 'CONFLICT') && !opts.force) conflicts.push(c);
      else ctx.notify(`remove ${name(c)} failed — ${errorText(err)}`, 'error');
    }
  }
  if (removed.length) ctx.notify(`removed: ${removed.join(', ')}`, 'success');
  ctx.clearMarks();
  ctx.refresh('containers', 'images');
  if (conflicts.length) {
    ctx.openDialog({
      kind: 'confirm', danger: true, title: 'Force remove?',
      lines: [{ text: `${conflicts.length === 1 ? 'This container is' : 'These containers are'} running; force stops and removes:` }, ...rowsOf(conflicts)],
      confirmLabel: 'Force remove (rm -f)',
      onConfirm: () => { void removeContainers(ctx, conflicts, { ...opts, force: true }); },
    });
  }
}

export function attach(ctx: ActionContext): void {
  const c = ctx.containers[0];
  if (!c) return;
  if (c.State !== 'running') {
    ctx.notify(`${name(c)} is not running`, 'warning');
    return;
  }
  ctx.startSession(['attach', c.Id], `attach ${name(c)}`, true);
}

/** k9s's shell pick: bash when the image has it, else sh. */
export const SHELL_CMD = ['sh', '-c', 'command -v bash >/dev/null 2>&1 && exec bash || exec sh'];

export function shell(ctx: ActionContext): void {
  const c = ctx.containers[0];
  if (!c) return;
  if (ctx.commands.describe(['exec']).kind !== 'command') {
    ctx.notify('exec is not supported yet by this berth', 'warning');
    return;
  }
  if (c.State !== 'running') {
    ctx.notify(`${name(c)} is not running`, 'warning');
    return;
  }
  ctx.startSession(['exec', '-it', c.Id, ...SHELL_CMD], `sh ${name(c)}`, true);
}
