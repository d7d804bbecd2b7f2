/**
 * A conversation with one registry host: scheme choice (HTTPS, then plain HTTP where docker allows
 * it), the auth challenge from `GET /v2/`, bearer tokens cached per scope until they expire, Basic
 * credentials on every request, and one re-authorisation when a request answers 401 with a new
 * challenge. Keep-alive sockets live until close().
 */
import type { Readable } from 'node:stream';
import { EngineError, isEngineError } from '../lib/errors.js';
import type { RegistryAuth } from '../types/registry.js';
import { type Challenge, parseChallenges } from './auth/challenge.js';
import { type Token, fetchToken } from './auth/token.js';
import type { RegistryConfig } from './config.js';
import { apiHost, isInsecure } from './endpoint.js';
import { type Agents, type HttpResponse, type Method, destroyAgents, discard, makeAgents, request } from './http.js';
import { urlPrefix } from './http-errors.js';

export interface SessionOptions {
  /** The reference's domain: docker.io, 127.0.0.1:5000, … */
  domain: string;
  config: RegistryConfig;
  auth?: RegistryAuth;
  signal?: AbortSignal;
}

export interface SendOptions {
  method: Method;
  /** A path on the registry (/v2/…) or an absolute URL (upload locations). */
  path: string | URL;
  /** Token scopes this request needs, e.g. ["repository:project/app:pull,push"]. */
  scopes?: string[];
  headers?: Record<string, string>;
  body?: Buffer | Readable;
  onSent?: (bytes: number) => void;
  /** docker login asks the token server for a refresh token. */
  offline?: boolean;
}

export class RegistrySession {
  readonly host: string;
  base?: URL;
  private insecureTls = false;
  private challenges: Challenge[] = [];
  private readonly tokens = new Map<string, Promise<Token>>();
  readonly agents: Agents;
  /** A refresh token handed out by the token server (docker stores it as the identity token). */
  refreshToken?: string;

  constructor(readonly opts: SessionOptions) {
    this.host = apiHost(opts.domain);
    this.agents = makeAgents(Math.max(opts.config.maxConcurrentDownloads, opts.config.maxConcurrentUploads) + 4);
  }

  get stallMs() { return this.opts.config.stallTimeoutMs; }
  get signal() { return this.opts.signal; }
  get scheme(): string { return this.base?.protocol.replace(':', '') ?? 'https'; }

  /** `GET /v2/`: settle the scheme and remember the auth challenge (docker's PingV2Registry). */
  async ping(): Promise<void> {
    if (this.base) return;
    const insecure = await isInsecure(this.opts.domain, this.opts.config);
    const schemes = insecure ? ['https', 'http'] : ['https'];
    let last: unknown;
    for (const scheme of schemes) {
      const url = new URL(`${scheme}://${this.host}/v2/`);
      try {
        const res = await request({ method: 'GET', url, stallMs: Math.min(this.stallMs, 15_000), agents: this.agents, insecureTls: insecure, signal: this.signal });
        discard(res);
        this.base = new URL(`${scheme}://${this.host}`);
        this.insecureTls = insecure;
        if (res.status === 401) this.challenges = parseChallenges(res.headers['www-authenticate']);
        return;
      } catch (err) {
        if (isEngineError(err, 'CANCELED')) throw err;
        last = err;
      }
    }
    throw last;
  }

  /** Send a request with the authorisation its scopes need; the response is the caller's to read. */
  async send(o: SendOptions): Promise<HttpResponse> {
    await this.ping();
    const url = typeof o.path === 'string' ? new URL(o.path, this.base) : o.path;
    const scopes = o.scopes ?? [];
    const res = await this.sendWith({ ...o, scopes }, url, false);
    const replayable = o.body === undefined || Buffer.isBuffer(o.body);
    if (res.status !== 401 || !replayable) return res;
    const fresh = parseChallenges(res.headers['www-authenticate']);
    const bearer = fresh.find((c) => c.scheme === 'bearer');
    // a registry that did not challenge /v2/ may still challenge here; a bearer one may want a wider scope
    if (!bearer && this.challenges.length > 0) return res;
    if (fresh.length === 0) return res;
    discard(res);
    this.challenges = fresh;
    const extra = bearer?.params.scope ? bearer.params.scope.split(' ') : [];
    return this.sendWith({ ...o, scopes: [...new Set([...scopes, ...extra])] }, url, true);
  }

  private async sendWith(o: SendOptions, url: URL, fresh: boolean): Promise<HttpResponse> {
    const authz = await this.authorization(o.method, url, o.scopes ?? [], fresh, o.offline);
    return request({
      method: o.method, url, body: o.body, onSent: o.onSent, signal: this.signal, stallMs: this.stallMs,
      agents: this.agents, insecureTls: this.insecureTls,
      headers: { ...o.headers, ...(authz ? { Authorization: authz } : {}) },
    });
  }

  /** The Authorization header for a request, or undefined when the registry asked for none. */
  private async authorization(method: string, url: URL, scopes: string[], fresh: boolean, offline?: boolean): Promise<string | undefined> {
    const auth = this.opts.auth;
    const bearer = this.challenges.find((c) => c.scheme === 'bearer');
    if (bearer) {
      if (auth?.registrytoken) return `Bearer ${auth.registrytoken}`;
      const t = await this.token(bearer, scopes, fresh, offline).catch((err: unknown) => {
        // docker reports token failures as failures of the request that needed the token
        const e = err instanceof EngineError ? err : new EngineError('UNAVAILABLE', String(err));
        throw new EngineError(e.code, `${urlPrefix(method, url)}: ${e.message}`, { cause: err, detail: e.detail });
      });
      return `Bearer ${t.token}`;
    }
    if (this.challenges.some((c) => c.scheme === 'basic')) {
      if (!auth?.username && !auth?.password) {
        throw new EngineError('UNAUTHENTICATED', `${urlPrefix(method, url)}: no basic auth credentials`);
      }
      return `Basic ${Buffer.from(`${auth.username ?? ''}:${auth.password ?? ''}`).toString('base64')}`;
    }
    return undefined;
  }

  private token(c: Challenge, scopes: string[], fresh: boolean, offline?: boolean): Promise<Token> {
    const key = `${c.params.realm}|${c.params.service ?? ''}|${[...scopes].sort().join(' ')}`;
    const cached = this.tokens.get(key);
    if (cached && !fresh) {
      return cached.then((t) => (t.expiresAt - 5_000 > Date.now() ? t : this.newToken(key, c, scopes, offline)));
    }
    return this.newToken(key, c, scopes, offline);
  }

  private newToken(key: string, c: Challenge, scopes: string[], offline?: boolean): Promise<Token> {
    const p = fetchToken({
      realm: c.params.realm ?? '', service: c.params.service, scopes, auth: this.opts.auth, agents: this.agents,
      stallMs: this.stallMs, insecureTls: this.insecureTls, signal: this.signal, offline,
    }).then((t) => {
      if (t.refreshToken) this.refreshToken = t.refreshToken;
      return t;
    });
    this.tokens.set(key, p);
    p.catch(() => this.tokens.delete(key));
    return p;
  }

  close(): void {
    destroyAgents(this.agents);
  }
}
