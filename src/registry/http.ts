/**
 * One HTTP exchange over node:http / node:https, with what a registry client needs around it:
 * keep-alive agents per session, a stall timer (connect, headers and body: no byte for
 * `stallMs` fails the request), redirects followed for GET/HEAD without forwarding
 * Authorization to another host, and Go-worded transport errors.
 */
import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EngineError } from '../lib/errors.js';
import { stallError, transportError, urlPrefix } from './http-errors.js';

export type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRequest {
  method: Method;
  url: URL;
  headers?: Record<string, string>;
  /** A Buffer, or a stream sent as it is read (chunked unless a content-length header is given). */
  body?: Buffer | Readable;
  signal?: AbortSignal;
  stallMs: number;
  /** Skip certificate checks (insecure registries, as docker does). */
  insecureTls?: boolean;
  agents?: Agents;
  /** Bytes of the body sent so far (upload progress). */
  onSent?: (bytes: number) => void;
}

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The final URL after redirects. */
  url: URL;
  body: IncomingMessage;
}

export interface Agents {
  http: http.Agent;
  https: https.Agent;
}

export function makeAgents(maxSockets = 8): Agents {
  return {
    http: new http.Agent({ keepAlive: true, maxSockets }),
    https: new https.Agent({ keepAlive: true, maxSockets }),
  };
}

export function destroyAgents(a: Agents): void {
  a.http.destroy();
  a.https.destroy();
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Send a request; redirects are followed for GET and HEAD (bodies cannot be replayed). */
export async function request(req: HttpRequest): Promise<HttpResponse> {
  let url = req.url;
  let headers = { ...req.headers };
  for (let hops = 0; ; hops++) {
    const res = await once({ ...req, url, headers });
    if (!REDIRECTS.has(res.status) || (req.method !== 'GET' && req.method !== 'HEAD') || !res.headers.location) return res;
    res.body.resume();
    if (hops >= 10) throw new EngineError('UNAVAILABLE', `${urlPrefix(req.method, url)}: stopped after 10 redirects`);
    const next = new URL(res.headers.location, url);
    // a CDN on another host must not see the registry's credentials (Go's http client rule)
    if (next.host !== url.host) headers = withoutAuth(headers);
    url = next;
  }
}

function withoutAuth(h: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(h).filter(([k]) => k.toLowerCase() !== 'authorization'));
}

function once(req: HttpRequest): Promise<HttpResponse> {
  const { method, url } = req;
  const https_ = url.protocol === 'https:';
  return new Promise<HttpResponse>((resolve, reject) => {
    let settled = false;
    let headersIn = false;
    let bodyError: unknown;
    const fail = (err: unknown) => {
      clearTimeout(timer);
      if (settled) return;
      settled = true;
      reject(bodyError ?? transportError(err, method, url));
    };
    const r = (https_ ? https : http).request(url, {
      method,
      headers: { 'User-Agent': 'berth', ...req.headers },
      agent: req.agents ? (https_ ? req.agents.https : req.agents.http) : undefined,
      rejectUnauthorized: !req.insecureTls,
      signal: req.signal,
    });
    // one timer for the whole exchange: re-armed by every sign of life, fired on silence
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(onStall, req.stallMs);
    };
    let res: IncomingMessage | undefined;
    const onStall = () => {
      // unread data means our consumer is slow, not the network: wait for it
      if (res && res.readableLength > 0) { arm(); return; }
      const err = stallError(method, url, req.stallMs, !headersIn);
      if (res) res.destroy(err);
      r.destroy(err);
      fail(err);
    };
    arm();
    r.on('socket', (s) => { if (s.connecting) s.once('connect', arm); });
    r.on('error', fail);
    r.on('response', (m) => {
      headersIn = true;
      res = m;
      arm();
      // watch the socket, not the message: a 'data' listener on the message would start it flowing
      const sock = m.socket;
      sock?.on('data', arm);
      const off = () => { sock?.off('data', arm); clearTimeout(timer); };
      m.on('end', off);
      m.on('close', off);
      settled = true;
      resolve({ status: m.statusCode ?? 0, headers: m.headers, url, body: m });
    });
    const body = req.body;
    if (body === undefined) r.end();
    else if (Buffer.isBuffer(body)) {
      r.end(body);
      req.onSent?.(body.length);
    } else {
      let sent = 0;
      const count = new Transform({
        transform(chunk: Buffer, _e, cb) {
          sent += chunk.length;
          arm();
          req.onSent?.(sent);
          cb(null, chunk);
        },
      });
      // a failing source (store read, compressor) is reported as itself, not as a network error
      body.once('error', (err) => { bodyError = err; });
      pipeline(body, count, r).catch(() => undefined);
    }
  });
}

/** Read a whole (small) body, refusing more than `max` bytes. */
export async function readAll(res: HttpResponse, method: string, max = 8 << 20): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let n = 0;
  // an announced size over the limit is refused before a byte is read
  if (Number(res.headers['content-length'] ?? 0) > max) {
    res.body.destroy();
    throw new EngineError('RESOURCE_EXHAUSTED', `${urlPrefix(method, res.url)}: response larger than ${max} bytes`);
  }
  try {
    for await (const c of res.body) {
      n += (c as Buffer).length;
      if (n > max) {
        res.body.destroy();
        throw new EngineError('RESOURCE_EXHAUSTED', `${urlPrefix(method, res.url)}: response larger than ${max} bytes`);
      }
      chunks.push(c as Buffer);
    }
  } catch (err) {
    throw transportError(err, method, res.url);
  }
  return Buffer.concat(chunks);
}

/** Drain and drop a body so the socket goes back to the pool. */
export function discard(res: HttpResponse): void {
  res.body.resume();
  res.body.on('error', () => undefined);
}
