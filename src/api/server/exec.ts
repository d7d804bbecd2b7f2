/**
 * Exec sessions: POST /containers/{id}/exec, POST /exec/{id}/start (a hijack, or a plain 200
 * with Detach), POST /exec/{id}/resize, GET /exec/{id}/json. The docker CLI reads the exit code
 * with exec inspect once the stream ends, so the stream only ends after the engine recorded it.
 */
import { PassThrough, type Duplex } from 'node:stream';
import type { Engine } from '../../engine/engine.js';
import type { AttachStreams, ExecCreateRequest } from '../../engine/types.js';
import { EngineError } from '../../lib/errors.js';
import { finishOnDone, hijackHead, rawError } from './attach.js';
import { errorStatus, qInt, readJson, sendEmpty, sendJson } from './http-util.js';
import type { Ctx, HijackCtx, HijackRoute, Route } from './route-types.js';
import { frame, framedWriter } from './stdcopy.js';

/** POST /exec/{id}/start body (docker's ExecStartOptions). */
export interface ExecStartBody {
  Detach?: boolean;
  Tty?: boolean;
  ConsoleSize?: [number, number] | null;
}

/** Parse exec start's JSON body; an empty body is {} (docker's zero value). */
export function parseStartBody(buf: Buffer): ExecStartBody {
  if (buf.length === 0) return {};
  let v: unknown;
  try { v = JSON.parse(buf.toString('utf8')); } catch { throw new EngineError('INVALID_ARGUMENT', 'invalid JSON body'); }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new EngineError('INVALID_ARGUMENT', 'invalid exec start body');
  return v as ExecStartBody;
}

function consoleSize(v: unknown): [number, number] | undefined {
  return Array.isArray(v) && v.length === 2 && v.every((n) => typeof n === 'number' && n > 0) ? [v[0], v[1]] : undefined;
}

/** A body a Go server would refuse to decode is a 400 here too, never a crash deeper down. */
export function checkExecConfig(body: unknown): ExecCreateRequest {
  const bad = (why: string) => new EngineError('INVALID_ARGUMENT', `invalid exec config: ${why}`);
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw bad('not an object');
  const b = body as Record<string, unknown>;
  const strings = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');
  if (b.Cmd === undefined || b.Cmd === null || (Array.isArray(b.Cmd) && b.Cmd.length === 0)) throw new EngineError('INVALID_ARGUMENT', 'No exec command specified');
  if (!strings(b.Cmd)) throw bad('Cmd must be a list of strings');
  if (b.Env !== undefined && b.Env !== null && !strings(b.Env)) throw bad('Env must be a list of strings');
  for (const k of ['User', 'WorkingDir', 'DetachKeys']) if (b[k] !== undefined && b[k] !== null && typeof b[k] !== 'string') throw bad(`${k} must be a string`);
  for (const k of ['Tty', 'AttachStdin', 'AttachStdout', 'AttachStderr', 'Privileged']) if (b[k] !== undefined && b[k] !== null && typeof b[k] !== 'boolean') throw bad(`${k} must be a boolean`);
  return b as unknown as ExecCreateRequest;
}

async function create({ engine, req, res, params: [ref = ''] }: Ctx): Promise<void> {
  const body = checkExecConfig(await readJson<unknown>(req));
  sendJson(res, 201, await engine.execCreate(ref, { ...body, ConsoleSize: consoleSize(body.ConsoleSize) ?? null }));
}

/**
 * Serve an attached exec on `socket`: status line first, then the process's streams. A start
 * failure goes into the stream as dockerd writes it (its text and CRLF on stdout); the CLI then
 * reads the exit code (126/127) from exec inspect.
 */
export async function streamExec(engine: Engine, id: string, body: ExecStartBody, socket: Duplex, head: Buffer, upgrade: boolean): Promise<void> {
  socket.on('error', () => undefined);
  try { await engine.execInspect(id); } catch (err) {
    rawError(socket, errorStatus(err), err instanceof Error ? err.message : String(err));
    return;
  }
  // dockerd frames by the start request's Tty, not the exec's (clients send the same value)
  const tty = body.Tty === true;
  socket.write(hijackHead(tty, upgrade));
  // without Upgrade the HTTP parser still reads this socket: input there would be a bad request
  const stdin = upgrade ? new PassThrough() : undefined;
  if (stdin && head.length) stdin.write(head);
  if (stdin) socket.pipe(stdin);
  // the engine passes only the streams the exec was created with (AttachStdin/Stdout/Stderr)
  const streams: AttachStreams = { stdin, stdout: framedWriter(socket, 1, tty), stderr: framedWriter(socket, tty ? 1 : 2, tty) };
  let started;
  try {
    started = await engine.execStart(id, { attach: streams, consoleSize: consoleSize(body.ConsoleSize) });
  } catch (err) {
    const text = Buffer.from(`${err instanceof Error ? err.message : String(err)}\r\n`);
    socket.end(tty ? text : frame(1, text));
    return;
  }
  if (!started.attach) { socket.end(); return; }
  finishOnDone(started.attach, socket);
  // the client left while the process was starting: its 'close' has passed, let the session go
  if (socket.destroyed) started.attach.close();
}

async function startHijack({ engine, body, socket, head, upgrade, params: [id = ''] }: HijackCtx): Promise<void> {
  let opts: ExecStartBody;
  try { opts = parseStartBody(body); } catch (err) {
    rawError(socket, errorStatus(err), err instanceof Error ? err.message : String(err));
    return;
  }
  // a detached start sent with Upgrade (some clients do): answer it as a plain request would be
  if (opts.Detach) {
    try { await engine.execStart(id, { detach: true }); } catch (err) {
      rawError(socket, errorStatus(err), err instanceof Error ? err.message : String(err));
      return;
    }
    socket.end('HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    return;
  }
  await streamExec(engine, id, opts, socket, head, upgrade);
}

/** Without Upgrade: Detach answers 200 at once (dockerd's empty body); attached runs on this connection. */
async function startPlain({ engine, req, res, params: [id = ''] }: Ctx): Promise<void> {
  const opts = (await readJson<ExecStartBody>(req)) ?? {};
  if (typeof opts !== 'object' || Array.isArray(opts)) throw new EngineError('INVALID_ARGUMENT', 'invalid exec start body');
  if (opts.Detach) {
    await engine.execStart(id, { detach: true });
    sendEmpty(res, 200);
    return;
  }
  res.detachSocket(req.socket);
  await streamExec(engine, id, opts, req.socket, Buffer.alloc(0), false);
}

async function resize({ engine, q, res, params: [id = ''] }: Ctx): Promise<void> {
  await engine.execResize(id, qInt(q, 'h') ?? 0, qInt(q, 'w') ?? 0);
  sendEmpty(res, 200);
}

async function inspect({ engine, res, params: [id = ''] }: Ctx): Promise<void> {
  sendJson(res, 200, await engine.execInspect(id));
}

export const routes: Route[] = [
  { method: 'POST', path: /^\/containers\/([^/]+)\/exec$/, handler: create },
  { method: 'POST', path: /^\/exec\/([^/]+)\/resize$/, handler: resize },
  { method: 'GET', path: /^\/exec\/([^/]+)\/json$/, handler: inspect },
];

export const execHijackRoutes: HijackRoute[] = [
  { method: 'POST', path: /^\/exec\/([^/]+)\/start$/, handler: startHijack, plain: startPlain },
];
