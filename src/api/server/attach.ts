/**
 * POST /containers/{id}/attach as an HTTP hijack (`HTTP/1.1 101 UPGRADED`). docker run attaches
 * BEFORE start, so an attach to a stopped container is parked here and connected by the start
 * route through startContainer(ref, {attach}), which wires streams before the process runs.
 */
import type { Duplex } from 'node:stream';
import { PassThrough } from 'node:stream';
import type { ContainerEngine } from '../../engine/engine.js';
import type { AttachHandle, AttachStreams } from '../../engine/types.js';
import { framedWriter } from './stdcopy.js';
import { errorStatus, qBool } from './http-util.js';
import type { HijackRoute } from './route-types.js';

interface Parked { streams: AttachStreams; socket: Duplex }

/** Attaches waiting for their container's start, by full container ID. */
export class AttachRegistry {
  private parked = new Map<string, Parked>();

  park(id: string, p: Parked): void {
    this.parked.set(id, p);
    p.socket.once('close', () => { if (this.parked.get(id) === p) this.parked.delete(id); });
  }

  take(id: string): Parked | undefined {
    const p = this.parked.get(id);
    this.parked.delete(id);
    return p;
  }
}

/** Close the socket once the attach ends (the container exited or the client left). */
export function finishOnDone(handle: AttachHandle, socket: Duplex): void {
  handle.done.then(() => socket.end(), () => socket.end());
  socket.once('close', () => handle.close());
}

/** An error status written on a socket the HTTP server no longer answers for (hijack routes). */
export function rawError(socket: Duplex, status: number, message: string): void {
  const body = JSON.stringify({ message }) + '\n';
  socket.end(`HTTP/1.1 ${status} Error\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

/** The status line of a hijacked stream: raw for a TTY, stdcopy-multiplexed otherwise. */
export function hijackHead(tty: boolean, upgrade: boolean): string {
  const type = tty ? 'application/vnd.docker.raw-stream' : 'application/vnd.docker.multiplexed-stream';
  return upgrade
    ? `HTTP/1.1 101 UPGRADED\r\nContent-Type: ${type}\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n`
    : `HTTP/1.1 200 OK\r\nContent-Type: ${type}\r\n\r\n`;
}

export async function handleAttach(
  engine: ContainerEngine, registry: AttachRegistry, ref: string, q: URLSearchParams, upgrade: boolean, socket: Duplex, head: Buffer,
): Promise<void> {
  socket.on('error', () => undefined);
  let info;
  try { info = await engine.inspectContainer(ref); } catch (err) {
    rawError(socket, errorStatus(err), err instanceof Error ? err.message : String(err));
    return;
  }
  const tty = info.Config.Tty === true;
  socket.write(hijackHead(tty, upgrade));
  const streams: AttachStreams = { detachKeys: q.get('detachKeys') ?? undefined };
  // With Tty there is one stream; the CLI copies raw bytes to its stdout.
  if (qBool(q, 'stdout') || qBool(q, 'stream')) streams.stdout = framedWriter(socket, 1, tty);
  if (qBool(q, 'stderr')) streams.stderr = framedWriter(socket, tty ? 1 : 2, tty);
  if (qBool(q, 'stdin')) {
    const stdin = new PassThrough();
    if (head.length) stdin.write(head);
    socket.pipe(stdin);
    streams.stdin = stdin;
  }
  // Without -i the CLI half-closes at once: the socket's 'end' must NOT end our output.
  if (info.State.Running) {
    try { finishOnDone(await engine.attachContainer(info.Id, streams), socket); } catch { socket.end(); }
    return;
  }
  registry.park(info.Id, { streams, socket });
}

export const attachRoutes: HijackRoute[] = [
  { method: 'POST', path: /^\/containers\/([^/]+)\/attach$/, handler: ({ engine, registry, params, q, upgrade, socket, head }) => handleAttach(engine, registry, params[0]!, q, upgrade, socket, head) },
];
