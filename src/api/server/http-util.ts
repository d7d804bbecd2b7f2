/** Response helpers shared by the API routes: JSON bodies, docker's error shape, query parsing. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { EngineError, type ErrorCode } from '../../lib/errors.js';

export const API_VERSION = '1.50';
export const MIN_API_VERSION = '1.24';

/** The one mapping from engine error codes to docker's HTTP statuses. */
const STATUS: Partial<Record<ErrorCode, number>> = {
  NOT_FOUND: 404, CONFLICT: 409, ALREADY_EXISTS: 409, INVALID_ARGUMENT: 400, NOT_IMPLEMENTED: 501,
  NOT_MODIFIED: 304, UNAUTHENTICATED: 401, PERMISSION_DENIED: 403,
};

/**
 * By the error's code, structurally: bin/berth.js loads this module beside the CLI bundle, so the
 * engine's EngineError may be a different class object than the one imported here.
 */
export function errorStatus(err: unknown): number {
  if (!(err instanceof Error) || err.name !== 'EngineError') return 500;
  const code = (err as Partial<EngineError>).code;
  return code ? STATUS[code] ?? 500 : 500;
}

/** Headers dockerd puts on every response (the CLI reads Api-Version from HEAD /_ping). */
export function commonHeaders(): Record<string, string> {
  return { 'Api-Version': API_VERSION, 'Ostype': 'linux', 'Server': 'Berth/0.1.0 (linux)', 'Docker-Experimental': 'false' };
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const data = Buffer.from(JSON.stringify(body) + '\n');
  res.writeHead(status, { ...commonHeaders(), 'Content-Type': 'application/json', 'Content-Length': data.length });
  res.end(data);
}

export function sendEmpty(res: ServerResponse, status: number): void {
  res.writeHead(status, commonHeaders());
  res.end();
}

export function sendError(res: ServerResponse, err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  if (res.headersSent) { res.destroy(); return; }
  sendJson(res, errorStatus(err), { message });
}

export async function readBody(req: IncomingMessage, limit = 16 << 20): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req as AsyncIterable<Buffer>) {
    size += c.length;
    if (size > limit) throw new EngineError('INVALID_ARGUMENT', 'request body too large');
    chunks.push(c);
  }
  return Buffer.concat(chunks);
}

export async function readJson<T>(req: IncomingMessage): Promise<T | undefined> {
  const buf = await readBody(req);
  if (buf.length === 0) return undefined;
  try { return JSON.parse(buf.toString('utf8')) as T; } catch {
    throw new EngineError('INVALID_ARGUMENT', 'invalid JSON body');
  }
}

/** docker's boolean query values: 1/true/True. */
export function qBool(q: URLSearchParams, name: string): boolean {
  const v = q.get(name);
  return v !== null && /^(1|true|yes)$/i.test(v);
}

export function qInt(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new EngineError('INVALID_ARGUMENT', `invalid value for ${name}: ${v}`);
  return n;
}

/** `filters` is JSON: {"name":["x"]} or the legacy {"name":{"x":true}}. */
export function qFilters(q: URLSearchParams): Record<string, string[]> | undefined {
  const raw = q.get('filters');
  if (!raw) return undefined;
  let parsed: unknown;
  try { parsed = JSON.parse(raw); } catch { throw new EngineError('INVALID_ARGUMENT', 'invalid filter'); }
  if (typeof parsed !== 'object' || parsed === null) throw new EngineError('INVALID_ARGUMENT', 'invalid filter');
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) {
    out[k] = Array.isArray(v) ? v.map(String) : typeof v === 'object' && v !== null ? Object.keys(v) : [String(v)];
  }
  return out;
}
