/** What an action needs from the App: the engine, the rows it applies to, and ways to report. */
import type { Engine } from '../../engine/engine.js';
import type { ContainerSummary, ImageSummary } from '../../engine/types.js';
import type { Dialog } from '../dialogs/dialog.js';
import type { ListKind } from '../data/use-engine-data.js';
import type { VolumeRow } from '../panes/pane-configs.js';
import type { CommandSupport } from '../launch.js';
import type { Binding } from '../keymap/bindings.js';

export type Level = 'info' | 'success' | 'warning' | 'error';

export interface ActionContext {
  engine: Engine;
  commands: CommandSupport;
  readOnly: boolean;
  /** Marked rows, else the selected row. */
  containers: ContainerSummary[];
  images: ImageSummary[];
  volumes: VolumeRow[];
  /** Every container (for "unused image" previews). */
  allContainers: ContainerSummary[];
  allImages: ImageSummary[];
  allVolumes: VolumeRow[];
  volumesSupported: boolean;
  openDialog(d: Dialog): void;
  notify(text: string, level?: Level): void;
  refresh(...kinds: ListKind[]): void;
  clearMarks(): void;
  startSession(args: string[], title: string, interactive: boolean): void;
  /** The effective keymap, so the x menu shows remapped keys. */
  keymap?: Binding[];
}

export const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** Runs `fn` for each target; one notice sums it up, the first error is shown. */
export async function forEach<T>(ctx: ActionContext, items: T[], verb: string, name: (t: T) => string, fn: (t: T) => Promise<unknown>): Promise<void> {
  const done: string[] = [];
  const failed: string[] = [];
  for (const it of items) {
    try {
      await fn(it);
      done.push(name(it));
    } catch (err) {
      failed.push(`${name(it)}: ${errorText(err)}`);
    }
  }
  if (failed.length) ctx.notify(`${verb} failed — ${failed[0]}${failed.length > 1 ? ` (+${failed.length - 1} more)` : ''}`, 'error');
  else if (done.length) ctx.notify(`${verb}: ${done.join(', ')}`, 'success');
}
