/**
 * Transport failures worded as Go's net/http words them, since that is what docker prints:
 *   Get "http://127.0.0.1:5000/v2/": dial tcp 127.0.0.1:5000: connect: connection refused
 * Codes: cannot connect → UNAVAILABLE (retryable), stalls → DEADLINE_EXCEEDED, abort → CANCELED.
 */
import { EngineError, errnoCode, isEngineError } from '../lib/errors.js';

/** Go's url.Error prefix: the method as Go capitalises it and the quoted URL. */
export function goMethod(method: string): string {
  return method.charAt(0) + method.slice(1).toLowerCase();
}

export function urlPrefix(method: string, url: URL | string): string {
  return `${goMethod(method)} "${String(url)}"`;
}

function addr(err: NodeJS.ErrnoException & { address?: string; port?: number }, url: URL): string {
  const host = err.address ?? url.hostname.replace(/^\[|\]$/g, '');
  const port = err.port ?? (url.port || (url.protocol === 'https:' ? '443' : '80'));
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Map a node:http / node:tls error to docker's wording and a typed code. */
export function transportError(err: unknown, method: string, url: URL): EngineError {
  if (isEngineError(err)) return err;
  const e = err as NodeJS.ErrnoException & { address?: string; port?: number };
  const code = errnoCode(err) ?? '';
  const prefix = urlPrefix(method, url);
  const mk = (c: EngineError['code'], detail: string) => new EngineError(c, `${prefix}: ${detail}`, { cause: err, detail: { retryable: c === 'UNAVAILABLE' || c === 'DEADLINE_EXCEEDED' } });
  if (e?.name === 'AbortError' || code === 'ABORT_ERR') return new EngineError('CANCELED', `${prefix}: context canceled`, { cause: err });
  switch (code) {
    case 'ECONNREFUSED': return mk('UNAVAILABLE', `dial tcp ${addr(e, url)}: connect: connection refused`);
    case 'ENOTFOUND': return mk('UNAVAILABLE', `dial tcp: lookup ${url.hostname}: no such host`);
    case 'EAI_AGAIN': return mk('UNAVAILABLE', `dial tcp: lookup ${url.hostname}: Temporary failure in name resolution`);
    case 'ENETUNREACH': return mk('UNAVAILABLE', `dial tcp ${addr(e, url)}: connect: network is unreachable`);
    case 'EHOSTUNREACH': return mk('UNAVAILABLE', `dial tcp ${addr(e, url)}: connect: no route to host`);
    case 'ETIMEDOUT': return mk('DEADLINE_EXCEEDED', `dial tcp ${addr(e, url)}: i/o timeout`);
    case 'EPIPE': return mk('UNAVAILABLE', 'write: broken pipe');
    case 'ECONNRESET':
      // "socket hang up" is the server closing before a response: Go calls that EOF
      return mk('UNAVAILABLE', e.message === 'socket hang up' ? 'EOF' : e.message === 'aborted' ? 'unexpected EOF' : 'read: connection reset by peer');
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
    case 'ERR_SSL_PACKET_LENGTH_TOO_LONG':
    case 'EPROTO':
      return mk('UNAVAILABLE', 'http: server gave HTTP response to HTTPS client');
    default:
      break;
  }
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/.test(code)) {
    return mk('UNAVAILABLE', `tls: failed to verify certificate: x509: ${e.message}`);
  }
  if (code === 'ERR_STREAM_PREMATURE_CLOSE') return mk('UNAVAILABLE', 'unexpected EOF');
  return mk('UNAVAILABLE', e?.message ?? String(err));
}

/** The stall timer fired: nothing arrived for `ms`. */
export function stallError(method: string, url: URL, ms: number, awaitingHeaders: boolean): EngineError {
  const what = awaitingHeaders ? 'timeout awaiting response headers' : `request canceled (no data received for ${ms / 1000}s)`;
  return new EngineError('DEADLINE_EXCEEDED', `${urlPrefix(method, url)}: net/http: ${what}`, { detail: { retryable: true } });
}

/** Worth another attempt: the network failed, not the registry's judgement. */
export function isRetryable(err: unknown): boolean {
  return isEngineError(err) && err.detail?.retryable === true;
}
