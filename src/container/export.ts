/**
 * `export` (GET /containers/{id}/export): the merged root filesystem as one tar, names relative
 * and without the root entry, as dockerd's chrootarchive.Tar of the mounted RW layer. Unlike
 * dockerd, a running container is paused while it is read: the layer module's tree reader walks
 * host paths, and a container process must not swap a directory for a symlink under it.
 */
import { pipeline } from 'node:stream/promises';
import { EngineError, conflict } from '../lib/errors.js';
import { tarDirectory } from '../image/layer/index.js';
import type { ContainerDeps } from './runtime-deps.js';
import { containerEvent } from './container-store.js';
import { withContainerFs } from './archive-access.js';

export async function exportContainer(deps: ContainerDeps, ref: string, out: NodeJS.WritableStream, signal?: AbortSignal): Promise<void> {
  await withContainerFs(deps, ref, async (cfs) => {
    if (cfs.rec.State.Dead) throw conflict(`You cannot export container ${cfs.rec.Id} which is Dead`);
    try {
      await pipeline(tarDirectory(cfs.root), out, { end: false, signal });
    } catch (err) {
      if (signal?.aborted) throw new EngineError('CANCELED', 'export canceled', { cause: err });
      const msg = err instanceof Error ? err.message : String(err);
      throw new EngineError(err instanceof EngineError ? err.code : 'INTERNAL', `Error exporting container ${ref}: ${msg}`, { cause: err });
    }
    await deps.store.events.append(containerEvent('export', cfs.rec));
  });
}
