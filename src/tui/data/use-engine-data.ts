/**
 * The side lists, kept live from engine events: a container event reloads only containers, an
 * image event only images, a volume event only volumes (debounced, so a burst is one reload).
 * A slow timer refreshes containers too, because docker's STATUS text ("Up 5 minutes") ages.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Engine } from '../../engine/engine.js';
import type { ContainerSummary, ImageSummary } from '../../engine/types.js';
import { hasVolumes, listVolumes, volumeUsage } from './capabilities.js';
import type { VolumeRow } from '../panes/pane-configs.js';

export type ListKind = 'containers' | 'images' | 'volumes';

export interface EngineData {
  containers: ContainerSummary[];
  images: ImageSummary[];
  volumes: VolumeRow[];
  volumesSupported: boolean;
  loaded: boolean;
  error?: string;
  /** Reload lists now (after an action, on ctrl-r). */
  refresh(...kinds: ListKind[]): void;
}

export interface DataOptions {
  debounceMs?: number;
  statusRefreshMs?: number;
}

const KIND_OF: Record<string, ListKind | undefined> = { container: 'containers', image: 'images', volume: 'volumes' };

export function useEngineData(engine: Engine, opts: DataOptions = {}): EngineData {
  const [containers, setContainers] = useState<ContainerSummary[]>([]);
  const [images, setImages] = useState<ImageSummary[]>([]);
  const [volumes, setVolumes] = useState<VolumeRow[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const volumesSupported = hasVolumes(engine);
  const pending = useRef(new Set<ListKind>());
  const timer = useRef<NodeJS.Timeout | undefined>(undefined);
  const alive = useRef(true);

  const load = useCallback(async (kinds: ListKind[]) => {
    const jobs = kinds.map(async (k) => {
      try {
        if (k === 'containers') {
          const rows = await engine.listContainers({ all: true });
          if (alive.current) setContainers(rows);
        } else if (k === 'images') {
          const rows = await engine.listImages();
          if (alive.current) setImages(rows);
        } else if (volumesSupported) {
          const rows = await listVolumes(engine);
          if (alive.current) setVolumes(rows);
          // Sizes and "in use" counts arrive second: the list shows at once, then fills in.
          const usage = await volumeUsage(engine);
          if (alive.current && usage.size) setVolumes(rows.map((v) => ({ ...v, UsageData: usage.get(v.Name) ?? v.UsageData })));
        }
      } catch (err) {
        if (alive.current) setError(`${k}: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
    await Promise.all(jobs);
    if (alive.current) setLoaded(true);
  }, [engine, volumesSupported]);

  const refresh = useCallback((...kinds: ListKind[]) => {
    for (const k of kinds.length ? kinds : (['containers', 'images', 'volumes'] as ListKind[])) pending.current.add(k);
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      const kinds2 = [...pending.current];
      pending.current.clear();
      void load(kinds2);
    }, opts.debounceMs ?? 50);
  }, [load, opts.debounceMs]);

  useEffect(() => {
    alive.current = true;
    const ac = new AbortController();
    (async () => {
      try {
        for await (const ev of engine.events({ follow: true, signal: ac.signal })) {
          const kind = KIND_OF[ev.Type];
          if (kind) refresh(kind);
          // A container's create/destroy changes which images and volumes are in use and removable.
          if (ev.Type === 'container' && (ev.Action === 'create' || ev.Action === 'destroy')) refresh('images', 'volumes');
        }
      } catch (err) {
        if (!ac.signal.aborted && alive.current) setError(`events: ${err instanceof Error ? err.message : String(err)}`);
      }
    })();
    void load(['containers', 'images', 'volumes']);
    const tick = setInterval(() => refresh('containers'), opts.statusRefreshMs ?? 30_000);
    return () => {
      alive.current = false;
      ac.abort();
      clearInterval(tick);
      if (timer.current) clearTimeout(timer.current);
      timer.current = undefined;
    };
  }, [engine, load, refresh, opts.statusRefreshMs]);

  return { containers, images, volumes, volumesSupported, loaded, error, refresh };
}
