/**
 * The side lists, kept live from engine events: a container event reloads only containers, an
 * image event only images, a volume event only volumes (debounced, so a burst is one reload).
 * A slow timer refreshes containers too, because docker's STATUS text ("Up 5 minutes") ages.
 * Lists loaded together are set together, so they cost one render (one Ink frame).
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
const ALL: ListKind[] = ['containers', 'images', 'volumes'];

interface Fetched {
  got: { containers?: ContainerSummary[]; images?: ImageSummary[]; volumes?: VolumeRow[] };
  failed: string[];
}

async function fetchLists(engine: Engine, kinds: ListKind[]): Promise<Fetched> {
  const out: Fetched = { got: {}, failed: [] };
  await Promise.all(kinds.map(async (k) => {
    try {
      if (k === 'containers') out.got.containers = await engine.listContainers({ all: true });
      else if (k === 'images') out.got.images = await engine.listImages();
      else if (hasVolumes(engine)) out.got.volumes = await listVolumes(engine);
    } catch (err) {
      out.failed.push(`${k}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }));
  return out;
}

const prefetched = new WeakMap<Engine, Promise<Fetched>>();

/**
 * Starts the first load of every list before the App's first render: the engine's disk reads
 * then overlap loading Ink and drawing the "loading…" frame (start-up, bench/groups/tui.mjs).
 * The App's first load takes the result; without a prefetch it loads as usual.
 */
export function prefetchLists(engine: Engine): void {
  if (!prefetched.has(engine)) prefetched.set(engine, fetchLists(engine, ALL));
}

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
    const first = kinds.length === ALL.length ? prefetched.get(engine) : undefined;
    prefetched.delete(engine);
    const { got, failed } = await (first ?? fetchLists(engine, kinds));
    if (!alive.current) return;
    // Every list that arrived lands in one render: each render is a whole Ink frame, and the first
    // full frame (bench/groups/tui.mjs) should not be drawn three times on the way.
    if (got.containers) setContainers(got.containers);
    if (got.images) setImages(got.images);
    if (got.volumes) setVolumes(got.volumes);
    if (failed.length) setError(failed.join('; '));
    setLoaded(true);
    // Sizes and "in use" counts arrive second: the list shows at once, then fills in.
    const rows = got.volumes;
    if (!rows) return;
    try {
      const usage = await volumeUsage(engine);
      if (alive.current && usage.size) setVolumes(rows.map((v) => ({ ...v, UsageData: usage.get(v.Name) ?? v.UsageData })));
    } catch (err) {
      if (alive.current) setError(`volumes: ${err instanceof Error ? err.message : String(err)}`);
    }
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
    void load(ALL);
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
