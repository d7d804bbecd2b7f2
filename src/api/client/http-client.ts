/**
 * HTTP/1.1 over a Transport: one fresh connection per request (a unix socket is cheap, and ssh
 * needs a child per connection anyway), API version negotiated once with GET /_ping, docker's
 * `{"message": …}` errors mapped back to EngineError codes by status.
 */
import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import type { Duplex, Readable } from 'node:stream';
import { EngineError, errnoCode, type ErrorCode } from '../../lib/errors.js';
import type { Transport } from './transport.js';

/** The newest API this client speaks (the reference it was written against). */
export const CLIENT_API_VERSION = '1.50';
/** What docker assumes of a server whose ping carries no API-Version. */
const FALLBACK_API_VERSION = '1.24';

const CODES: Record<number, ErrorCode> = {
  304: 'NOT_MODIFIED', 400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND',
  409: 'CONFLICT', 501: 'NOT_IMPLEMENTED', 503: 'UNAVAILABLE',
};

export function codeForStatus(status: number): ErrorCode {
  return CODES[status] ?? 'INTERNAL';
}

/** "1.41" vs "1.50" numerically (not as strings: "1.9" < "1.10"). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** min(server, client): the version prefix every later request uses. */
export function negotiate(serverVersion: string | undefined): string {
  const v = serverVersion && /^\d+\.\d+$/.test(serverVersion) ? serverVersion : FALLBACK_API_VERSION;
  return compareVersions(v, CLIENT_API_VERSION) < 0 ? v : CLIENT_API_VERSION;
}

export type Query = Record<string, string | number | boolean | string[] | undefined>;

export interface RequestOptions {
  query?: Query;
  /** A JSON value, or a stream / buffer sent as it is (set Content-Type in headers). */
  body?: unknown;
  headers?: OutgoingHttpHeaders;
  signal?: AbortSignal;
  /** Statuses below 400 are returned; 304 too when listed here (stop, start), else NOT_MODIFIED. */
  allow304?: boolean;
}

export function queryString(q: Query = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const x of v) p.append(k, x);
    else p.append(k, typeof v === 'boolean' ? (v ? '1' : '0') : String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

const isStream = (b: unknown): b is Readable => typeof b === 'object' && b !== null && typeof (b as Readable).pipe === 'function';

export async function readAll(res: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of res) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c as string));
  return Buffer.concat(chunks);
}

/** The EngineError for an error response: docker's `message`, or the body's text. */
export async function responseError(res: IncomingMessage): Promise<EngineError> {
  const text = (await readAll(res).catch(() => Buffer.alloc(0))).toString('utf8').trim();
  let message = text;
  try { message = (JSON.parse(text) as { message?: string }).message ?? text; } catch { /* plain text */ }
  const status = res.statusCode ?? 500;
  return new EngineError(codeForStatus(status), message || `HTTP ${status}`, { detail: { status } });
}

export class ApiClient {
  private apiVersion?: Promise<string>;

  constructor(readonly transport: Transport) {}

  /** The negotiated version ("1.41" against Debian's dockerd 20.10). */
  version(): Promise<string> {
    this.apiVersion ??= this.raw('GET', '/_ping', {}).then(async ({ res }) => {
      await readAll(res).catch(() => undefined);
      const header = res.headers['api-version'];
      return negotiate(Array.isArray(header) ? header[0] : header);
    });
    this.apiVersion.catch(() => { this.apiVersion = undefined; });
    return this.apiVersion;
  }

  /** Connection failures read as docker's "Cannot connect to the Docker daemon" (UNAVAILABLE). */
  private connectionError(err: unknown): EngineError {
    if (err instanceof EngineError) return err;
    const code = errnoCode(err);
    const why = err instanceof Error ? err.message : String(err);
    if (code === 'ABORT_ERR') return new EngineError('CANCELED', 'request canceled', { cause: err });
    return new EngineError('UNAVAILABLE', `Cannot connect to the Docker daemon at ${this.transport.host}. Is the docker daemon running? (${why})`, { cause: err });
  }

  /**
   * One request; resolves at the response head, or with `upgraded` when the server answered
   * 101 (attach/exec hijack), the socket then being the stream.
   */
  raw(method: string, path: string, o: RequestOptions & { upgrade?: boolean; prefix?: string }): Promise<{ res: IncomingMessage; socket?: Duplex; head?: Buffer }> {
    const headers: OutgoingHttpHeaders = { Host: 'api.moby.localhost', 'User-Agent': 'berth-remote', ...o.headers };
    let data: Buffer | undefined;
    if (o.body !== undefined && !isStream(o.body)) {
      data = Buffer.isBuffer(o.body) ? o.body : Buffer.from(JSON.stringify(o.body));
      headers['Content-Type'] ??= 'application/json';
      headers['Content-Length'] = data.length;
    }
    if (o.upgrade) Object.assign(headers, { Connection: 'Upgrade', Upgrade: 'tcp' });
    return new Promise((resolve, reject) => {
      let req: ReturnType<typeof httpRequest>;
      try {
        req = httpRequest({
          method, path: `${o.prefix ?? ''}${path}${queryString(o.query)}`, headers, signal: o.signal,
          createConnection: () => this.transport.connect() as unknown as import('node:net').Socket,
        });
      } catch (err) { reject(this.connectionError(err)); return; }
      req.on('error', (err) => reject(this.connectionError(err)));
      req.on('upgrade', (res, socket, head) => resolve({ res, socket, head }));
      req.on('response', (res) => resolve({ res }));
      if (isStream(o.body)) {
        o.body.on('error', (err) => req.destroy(err));
        o.body.pipe(req);
      } else req.end(data);
    });
  }

  /** A versioned request; error statuses are thrown as EngineErrors. */
  async request(method: string, path: string, o: RequestOptions = {}): Promise<IncomingMessage> {
    const prefix = `/v${await this.version()}`;
    const { res } = await this.raw(method, path, { ...o, prefix });
    const status = res.statusCode ?? 500;
    if (status >= 400 || (status === 304 && !o.allow304)) throw await responseError(res);
    return res;
  }

  async json<T>(method: string, path: string, o: RequestOptions = {}): Promise<T> {
    const res = await this.request(method, path, o);
    const text = (await readAll(res)).toString('utf8');
    if (!text.trim()) return undefined as T;
    try { return JSON.parse(text) as T; } catch {
      throw new EngineError('INTERNAL', `invalid JSON from ${this.transport.host} for ${method} ${path}`);
    }
  }

  /** A request whose body is dropped (204s); returns the status. */
  async call(method: string, path: string, o: RequestOptions = {}): Promise<number> {
    const res = await this.request(method, path, o);
    res.resume();
    return res.statusCode ?? 200;
  }

  /** A hijacked request: the upgraded socket (or a plain 200 body from a server that would not upgrade). */
  async hijack(path: string, o: RequestOptions = {}): Promise<{ stream: Duplex | IncomingMessage; head: Buffer; contentType: string; input?: Duplex }> {
    const prefix = `/v${await this.version()}`;
    const { res, socket, head } = await this.raw('POST', path, { ...o, prefix, upgrade: true });
    const contentType = String(res.headers['content-type'] ?? '');
    if (socket) return { stream: socket, head: head ?? Buffer.alloc(0), contentType, input: socket };
    const status = res.statusCode ?? 500;
    if (status >= 400) throw await responseError(res);
    return { stream: res, head: Buffer.alloc(0), contentType, input: res.socket ?? undefined };
  }
}

/** Newline-delimited JSON values of a streamed response (events, stats, progress). */
export async function* jsonLines<T>(res: Readable): AsyncIterable<T> {
  let buf = '';
  for await (const chunk of res) {
    buf += chunk.toString();
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl).trim();
      buf = buf.slice(nl + 1);
      if (line) yield JSON.parse(line) as T;
    }
  }
  if (buf.trim()) yield JSON.parse(buf) as T;
}
