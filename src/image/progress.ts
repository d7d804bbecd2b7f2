/**
 * Progress events as docker's pull/push streams carry them: image-level messages, per-layer
 * status lines, and byte counts throttled so a fast local transfer does not flood a terminal or
 * an API client (docker's progress reader reports every 512 KiB; berth every 100 ms).
 */
import type { ProgressEvent } from '../types/registry.js';

export class Progress {
  private readonly last = new Map<string, number>();

  constructor(private readonly sink?: (e: ProgressEvent) => void) {}

  /** An image-level line: "Pulling from …", "Digest: …", "Status: …". */
  message(status: string, id = ''): void {
    this.sink?.({ id, status });
  }

  /** A per-layer status line: "Pulling fs layer", "Download complete", "Pushed", … */
  layer(id: string, status: string): void {
    this.last.delete(id);
    this.sink?.({ id, status, layer: true });
  }

  /** A per-layer byte count ("Downloading", "Pushing"); throttled except for the last one. */
  bytes(id: string, status: string, current: number, total: number): void {
    const now = Date.now();
    if (current < total && now - (this.last.get(id) ?? 0) < 100) return;
    this.last.set(id, now);
    this.sink?.({ id, status, layer: true, current, total });
  }

  aux(aux: NonNullable<ProgressEvent['aux']>): void {
    this.sink?.({ id: '', status: '', aux });
  }
}
