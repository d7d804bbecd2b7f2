/**
 * conmon's sync pipes (podman readConmonPipeData): conmon writes one JSON object per line,
 * `{"data": N}` or `{"data": N, "message": "…"}` (api-version 1). On the sync pipe N is the
 * container pid (or the exec's exit code later), negative with runc's stderr as `message` when
 * `runc create`/`exec` failed. On the exec attach pipe N is 0 once the attach socket is ready.
 */
import type { Readable } from 'node:stream';
import { EngineError } from '../../lib/errors.js';

export interface SyncMessage {
  data: number;
  message?: string;
}

export function parseSyncLine(line: string): SyncMessage {
  const v = JSON.parse(line) as { data?: unknown; message?: unknown };
  if (typeof v.data !== 'number') throw new Error(`no data field in ${line}`);
  return typeof v.message === 'string' ? { data: v.data, message: v.message } : { data: v.data };
}

/** Reads SyncMessages in order from one pipe end; `next()` resolves undefined at EOF. */
export class SyncReader {
  private buf = '';
  private queue: SyncMessage[] = [];
  private ended = false;
  private error?: Error;
  private wake?: () => void;

  constructor(private readonly stream: Readable, private readonly what: string) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      this.buf += chunk;
      let nl: number;
      while ((nl = this.buf.indexOf('\n')) >= 0) {
        const line = this.buf.slice(0, nl).trim();
        this.buf = this.buf.slice(nl + 1);
        if (!line) continue;
        try { this.queue.push(parseSyncLine(line)); } catch (e) { this.error = e as Error; }
      }
      this.notify();
    });
    // conmon may exit without a final newline; a trailing object still counts.
    const finish = () => {
      const rest = this.buf.trim();
      this.buf = '';
      if (rest) { try { this.queue.push(parseSyncLine(rest)); } catch (e) { this.error = e as Error; } }
      this.ended = true;
      this.notify();
    };
    stream.on('end', finish);
    stream.on('close', finish);
    stream.on('error', (e) => { this.error = e; finish(); });
  }

  private notify(): void { const w = this.wake; this.wake = undefined; w?.(); }

  /** The next message, undefined at EOF; rejects with DEADLINE_EXCEEDED after timeoutMs (may be Infinity). */
  async next(timeoutMs: number): Promise<SyncMessage | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const m = this.queue.shift();
      if (m) return m;
      if (this.error) throw new EngineError('INTERNAL', `bad message on conmon ${this.what} pipe: ${this.error.message}`, { cause: this.error });
      if (this.ended) return undefined;
      // setTimeout overflows past 2^31-1 ms; longer waits just loop.
      const left = Math.min(deadline - Date.now(), 2 ** 31 - 1);
      if (left <= 0) throw new EngineError('DEADLINE_EXCEEDED', `timed out waiting for conmon (${this.what} pipe)`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.wake = () => { clearTimeout(t); resolve(); };
      });
    }
  }

  /** Stop reading and release the pipe so it does not keep the event loop alive. */
  close(): void {
    this.stream.removeAllListeners('data');
    this.stream.destroy();
  }
}
