/**
 * Registries for tests: Debian's docker-registry (distribution 2.8) on 127.0.0.1 with a temp
 * config (open, htpasswd or token auth), a token server signing JWTs with an openssl-made
 * certificate, and a fault proxy that corrupts, truncates, stalls or redirects blob downloads.
 * Everything is stopped by PID / closed by the test that started it.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createSign, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const HAVE_REGISTRY = existsSync('/usr/bin/docker-registry');
export const HAVE_SKOPEO = existsSync('/usr/bin/skopeo');

export async function freePort(): Promise<number> {
  const srv = http.createServer();
  await new Promise<void>((res) => srv.listen(0, '127.0.0.1', res));
  const port = (srv.address() as AddressInfo).port;
  await new Promise<void>((res) => srv.close(() => res()));
  return port;
}

export interface Registry {
  host: string;
  port: number;
  dir: string;
  stop(): Promise<void>;
}

export interface RegistryOptions {
  htpasswd?: { user: string; password: string };
  token?: { realm: string; service: string; issuer: string; certFile: string };
}

/** Start `docker-registry serve` on a free port; resolves once /v2/ answers. */
export async function startRegistry(o: RegistryOptions = {}): Promise<Registry> {
  const dir = mkdtempSync(join(tmpdir(), 'berth-registry-'));
  const port = await freePort();
  let auth = '';
  if (o.htpasswd) {
    const line = execFileSync('htpasswd', ['-Bbn', o.htpasswd.user, o.htpasswd.password]).toString();
    writeFileSync(join(dir, 'htpasswd'), line);
    auth = `auth:\n  htpasswd:\n    realm: basic-realm\n    path: ${join(dir, 'htpasswd')}\n`;
  } else if (o.token) {
    auth = `auth:\n  token:\n    realm: ${o.token.realm}\n    service: ${o.token.service}\n    issuer: ${o.token.issuer}\n    rootcertbundle: ${o.token.certFile}\n`;
  }
  const cfg = `version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: ${join(dir, 'data')}\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:${port}\n${auth}`;
  writeFileSync(join(dir, 'config.yml'), cfg);
  const child: ChildProcess = spawn('/usr/bin/docker-registry', ['serve', join(dir, 'config.yml')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      const gone = new Promise((res) => child.once('exit', res));
      const kill = (sig: NodeJS.Signals) => { try { process.kill(child.pid!, sig); } catch { /* already gone */ } };
      kill('SIGTERM');
      await Promise.race([gone, new Promise((res) => setTimeout(res, 3000))]);
      if (child.exitCode === null) kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((res) => {
      http.get(`http://127.0.0.1:${port}/v2/`, (r) => { r.resume(); res(true); }).on('error', () => res(false));
    });
    if (ok) return { host: `127.0.0.1:${port}`, port, dir, stop };
    if (child.exitCode !== null) break;
    await new Promise((res) => setTimeout(res, 50));
  }
  await stop();
  throw new Error(`docker-registry did not start: ${stderr}`);
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

export interface TokenServer {
  realm: string;
  service: string;
  issuer: string;
  certFile: string;
  /** Requests seen: scope list and account, for cache and scope assertions. */
  requests: { scopes: string[]; account?: string; authorized: boolean }[];
  close(): Promise<void>;
}

/**
 * A token server in the shape of Docker Hub's auth.docker.io: Basic credentials checked against
 * one user, RS256 JWTs with the signing certificate in `x5c`, which docker-registry verifies
 * against its rootcertbundle. Anonymous requests get pull only; a wrong password gets 401.
 */
export async function startTokenServer(user: string, password: string, opts: { anonymousPull?: boolean } = {}): Promise<TokenServer> {
  const dir = mkdtempSync(join(tmpdir(), 'berth-token-'));
  const key = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', certFile, '-days', '2', '-subj', '/CN=berth-test-token'], { stdio: 'ignore' });
  const keyPem = readFileSync(key, 'utf8');
  const der = Buffer.from(readFileSync(certFile, 'utf8').replace(/-----[^-]+-----|\s/g, ''), 'base64');
  const service = 'berth-test-registry';
  const issuer = 'berth-test-issuer';
  const requests: TokenServer['requests'] = [];
  const srv = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const scopes = url.searchParams.getAll('scope');
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '');
    const [u, p] = basic ? Buffer.from(basic[1]!, 'base64').toString().split(/:(.*)/s) : [];
    const authorized = !!basic && u === user && p === password;
    requests.push({ scopes, account: url.searchParams.get('account') ?? undefined, authorized });
    if (basic && !authorized) {
      res.writeHead(401, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ details: 'incorrect username or password' }));
      return;
    }
    const access = scopes.flatMap((s) => {
      const [type, name, actions] = s.split(':');
      const allowed = (actions ?? '').split(',').filter((a) => authorized || (opts.anonymousPull !== false && a === 'pull'));
      return type === 'repository' && allowed.length ? [{ type, name, actions: allowed }] : [];
    });
    const now = Math.floor(Date.now() / 1000);
    const header = b64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', x5c: [der.toString('base64')] }));
    const claims = b64url(JSON.stringify({ iss: issuer, sub: authorized ? user : '', aud: service, exp: now + 300, nbf: now - 10, iat: now, jti: randomBytes(8).toString('hex'), access }));
    const sig = createSign('RSA-SHA256').update(`${header}.${claims}`).sign(keyPem);
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ token: `${header}.${claims}.${b64url(sig)}`, expires_in: 300, issued_at: new Date().toISOString() }));
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as AddressInfo).port;
  return {
    realm: `http://127.0.0.1:${port}/token`, service, issuer, certFile, requests,
    close: async () => {
      srv.closeAllConnections();
      await new Promise<void>((r) => srv.close(() => r()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type FaultMode = 'pass' | 'corrupt' | 'truncate' | 'truncate-once' | 'stall' | 'redirect';

export interface FaultProxy {
  host: string;
  mode: FaultMode;
  /** Blob GETs seen (path and Range header). */
  blobGets: { path: string; range?: string; authorization?: string }[];
  /** Requests that reached the redirect target, with their Authorization header. */
  redirected: { path: string; authorization?: string }[];
  /** Layer blob bodies sent at most this many bytes per second (0: unthrottled). */
  throttle: number;
  /** Drop clients' Range headers, as a registry that ignores them (answers 200). */
  ignoreRange: boolean;
  close(): Promise<void>;
}

/** Send `from` to `to` at `rate` bytes per second (measured from the first byte). */
function throttled(from: http.IncomingMessage, to: http.ServerResponse, rate: () => number): void {
  const t0 = Date.now();
  let sent = 0;
  from.on('data', (c: Buffer) => {
    to.write(c);
    sent += c.length;
    const r = rate();
    const ahead = r > 0 ? (sent / r) * 1000 - (Date.now() - t0) : 0;
    if (ahead > 5) { from.pause(); setTimeout(() => from.resume(), ahead); }
  });
  from.on('end', () => to.end());
  to.on('close', () => from.destroy());
}

/**
 * A proxy in front of a registry that damages layer blob downloads (GET …/blobs/sha256:… of
 * more than 1 KiB, so configs pass): flip a byte, cut the body halfway, stop sending halfway, or
 * redirect (307) to a second listener on another host name that fetches the blob itself.
 */
export async function startFaultProxy(target: string, mode: FaultMode = 'pass', opts: { cdnAuth?: string } = {}): Promise<FaultProxy> {
  const blobGets: FaultProxy['blobGets'] = [];
  const redirected: FaultProxy['redirected'] = [];
  const sockets = new Set<import('node:net').Socket>();
  let truncatedOnce = false;
  const forward = (req: http.IncomingMessage, res: http.ServerResponse, damage: boolean, path = req.url ?? '/', auth?: string) => {
    const headers = { ...req.headers, host: target, ...(auth ? { authorization: auth } : {}) };
    if (p.ignoreRange) delete headers.range;
    const up = http.request(`http://${target}${path}`, { method: req.method, headers }, (ur) => {
      const len = Number(ur.headers['content-length'] ?? 0);
      const isLayer = damage && req.method === 'GET' && /\/blobs\/sha256:/.test(path) && (ur.statusCode === 200 || ur.statusCode === 206) && len > 1024;
      const mode = p.mode === 'truncate-once' && truncatedOnce ? 'pass' : p.mode;
      if (isLayer && mode === 'pass' && p.throttle > 0) {
        res.writeHead(ur.statusCode ?? 502, ur.headers);
        throttled(ur, res, () => p.throttle);
        return;
      }
      if (!isLayer || mode === 'pass' || mode === 'redirect') {
        res.writeHead(ur.statusCode ?? 502, ur.headers);
        ur.pipe(res);
        return;
      }
      res.writeHead(ur.statusCode ?? 502, ur.headers);
      let sent = 0;
      ur.on('data', (c: Buffer) => {
        if (mode === 'corrupt') {
          const b = Buffer.from(c);
          if (sent <= len / 2 && sent + b.length > len / 2) b[Math.floor(len / 2) - sent]! ^= 0xff;
          sent += b.length;
          res.write(b);
          return;
        }
        const room = Math.floor(len / 2) - sent;
        if (room > 0) res.write(c.subarray(0, room));
        sent += c.length;
        if (sent >= len / 2) {
          ur.destroy();
          if (mode === 'truncate' || mode === 'truncate-once') { truncatedOnce = true; res.socket?.destroy(); }
          // stall: keep the connection open, send nothing more
        }
      });
      ur.on('end', () => { if (mode === 'corrupt') res.end(); });
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  };
  const cdn = http.createServer((req, res) => {
    redirected.push({ path: req.url ?? '', authorization: req.headers.authorization });
    // the "CDN" has its own access to the storage, as a real one would
    forward(req, res, false, (req.url ?? '/').replace(/^\/cdn/, ''), opts.cdnAuth);
  });
  await new Promise<void>((r) => cdn.listen(0, '127.0.0.2', r));
  const cdnPort = (cdn.address() as AddressInfo).port;
  const srv = http.createServer((req, res) => {
    const path = req.url ?? '/';
    if (req.method === 'GET' && /\/blobs\/sha256:/.test(path)) {
      blobGets.push({ path, range: req.headers.range, authorization: req.headers.authorization });
      if (p.mode === 'redirect') {
        // 127.0.0.2 is another host than 127.0.0.1 for the client: credentials must not follow
        res.writeHead(307, { Location: `http://127.0.0.2:${cdnPort}/cdn${path}` });
        res.end();
        return;
      }
    }
    forward(req, res, true);
  });
  for (const s of [srv, cdn]) s.on('connection', (c) => { sockets.add(c); c.on('close', () => sockets.delete(c)); });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as AddressInfo).port;
  const p: FaultProxy = {
    host: `127.0.0.1:${port}`, mode, blobGets, redirected, throttle: 0, ignoreRange: false,
    close: async () => {
      for (const s of sockets) s.destroy();
      await Promise.all([srv, cdn].map((s) => new Promise<void>((r) => s.close(() => r()))));
    },
  };
  return p;
}
