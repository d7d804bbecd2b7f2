/**
 * Where a remote engine lives and how to open one connection to it, as the docker CLI reads
 * DOCKER_HOST: unix:///path, tcp://host:port (TLS when DOCKER_TLS_VERIFY or DOCKER_TLS is set,
 * with ca.pem/cert.pem/key.pem from DOCKER_CERT_PATH, default ~/.docker) and
 * ssh://[user@]host[:port] through `ssh … docker system dial-stdio` (one ssh child per connection).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect as netConnect } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Duplex } from 'node:stream';
import { connect as tlsConnect } from 'node:tls';
import { EngineError } from '../../lib/errors.js';

export interface Transport {
  /** The host as given (normalised), for messages and the TUI's status bar. */
  readonly host: string;
  /** Opens a fresh byte stream to the API (HTTP/1.1 is spoken over it). */
  connect(): Duplex;
  /** Ends what connect() spawned (ssh children) that is still alive. */
  close(): void;
}

interface TlsFiles { ca?: Buffer; cert?: Buffer; key?: Buffer; verify: boolean }

function tlsFiles(env: NodeJS.ProcessEnv): TlsFiles | undefined {
  const verify = !!env.DOCKER_TLS_VERIFY;
  if (!verify && !env.DOCKER_TLS) return undefined;
  const dir = env.DOCKER_CERT_PATH || join(homedir(), '.docker');
  const read = (name: string, required: boolean): Buffer | undefined => {
    try { return readFileSync(join(dir, name)); } catch (err) {
      if (required) throw new EngineError('INVALID_ARGUMENT', `could not read ${name} in DOCKER_CERT_PATH ${dir}: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  };
  return { ca: read('ca.pem', verify), cert: read('cert.pem', false), key: read('key.pem', false), verify };
}

/** A child's stdout/stdin as one duplex; destroying it kills the child. */
class ChildStream extends Duplex {
  private stderr = '';
  constructor(private readonly child: ReturnType<typeof spawn>, private readonly what: string) {
    super({ allowHalfOpen: true });
    let ended = false;
    let exitCode: number | null | undefined;
    // EOF is passed on only once the child has exited, so a failed ssh reads as its error
    // message (stderr), not as a bare "socket hang up".
    const settle = () => {
      if (!ended || exitCode === undefined || this.destroyed) return;
      if (exitCode) this.destroy(new EngineError('UNAVAILABLE', `${what} exited with ${exitCode}: ${this.stderr.trim() || 'no output'}`));
      else this.push(null);
    };
    child.stdout!.on('data', (d: Buffer) => { if (!this.push(d)) child.stdout!.pause(); });
    child.stdout!.on('end', () => { ended = true; settle(); });
    child.stderr!.on('data', (d: Buffer) => { this.stderr = (this.stderr + d.toString()).slice(-4096); });
    child.stdin!.on('error', () => undefined);
    child.on('error', (err) => this.destroy(new EngineError('UNAVAILABLE', `${what}: ${err.message}`, { cause: err })));
    child.on('close', (code) => { exitCode = code ?? 1; settle(); });
  }
  override _read(): void { this.child.stdout!.resume(); }
  // A write to a dead child fails with EPIPE; its exit (with ssh's message) is the error to report.
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void { this.child.stdin!.write(chunk, () => cb()); }
  override _final(cb: () => void): void { this.child.stdin!.end(); cb(); }
  override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    if (this.child.exitCode === null) this.child.kill('SIGTERM');
    cb(err);
  }
  // node:http calls these on its sockets; a pipe has nothing to tune.
  setNoDelay(): this { return this; }
  setKeepAlive(): this { return this; }
  setTimeout(): this { return this; }
  ref(): this { return this; }
  unref(): this { return this; }
}

/** docker's ssh argv: `ssh [-l user] [-p port] -- host docker system dial-stdio`. */
export function sshArgv(url: URL): string[] {
  const args = ['-o', 'ConnectTimeout=30', '-T'];
  if (url.username) args.push('-l', decodeURIComponent(url.username));
  if (url.port) args.push('-p', url.port);
  if (url.pathname && url.pathname !== '/') throw new EngineError('INVALID_ARGUMENT', `extra path after the host: ${url.pathname}`);
  return [...args, '--', url.hostname, 'docker', 'system', 'dial-stdio'];
}

export function openTransport(host: string, env: NodeJS.ProcessEnv = process.env): Transport {
  if (host.startsWith('unix://')) {
    const path = host.slice('unix://'.length);
    if (!path.startsWith('/')) throw new EngineError('INVALID_ARGUMENT', `invalid unix socket path in ${host}: must be absolute`);
    return { host, connect: () => netConnect(path), close: () => undefined };
  }
  if (host.startsWith('ssh://')) {
    const url = new URL(host);
    const argv = sshArgv(url);
    const live = new Set<ChildStream>();
    return {
      host,
      connect: () => {
        const s = new ChildStream(spawn('ssh', argv, { stdio: ['pipe', 'pipe', 'pipe'] }), `ssh ${url.host}`);
        live.add(s);
        s.once('close', () => live.delete(s));
        return s;
      },
      close: () => { for (const s of live) s.destroy(); },
    };
  }
  if (host.startsWith('tcp://') || host.startsWith('https://') || host.startsWith('http://')) {
    const url = new URL(host.replace(/^tcp:/, 'http:'));
    const tls = tlsFiles(env) ?? (host.startsWith('https://') ? { verify: true } : undefined);
    const hostname = url.hostname.replace(/^\[|\]$/g, '');
    const port = Number(url.port || (tls ? 2376 : 2375));
    return {
      host,
      connect: () => tls
        ? tlsConnect({ host: hostname, port, ca: tls.ca, cert: tls.cert, key: tls.key, rejectUnauthorized: tls.verify, servername: /^[\d.:]+$/.test(hostname) ? undefined : hostname })
        : netConnect({ host: hostname, port }),
      close: () => undefined,
    };
  }
  throw new EngineError('INVALID_ARGUMENT', `unsupported host ${host}: use unix:///path, tcp://host:port or ssh://[user@]host[:port]`);
}
