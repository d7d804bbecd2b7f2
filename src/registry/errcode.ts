/**
 * Registry error responses, read as docker's distribution client reads them
 * (registry/client/errors.go HandleErrorResponse): `{"errors":[{"code","message","detail"}]}`
 * becomes "<code in lower case with spaces>: <message>", e.g. "manifest unknown: manifest unknown";
 * Docker Hub's token server `{"details":"…"}` becomes "unauthorized: …".
 */
import { EngineError, type ErrorCode } from '../lib/errors.js';

// EngineError.detail carries { registryCode: MANIFEST_UNKNOWN | DENIED | … ('' when none), status, retryable }
import { parseChallenges } from './auth/challenge.js';

const CODE_MAP: Record<string, ErrorCode> = {
  UNAUTHORIZED: 'UNAUTHENTICATED',
  DENIED: 'PERMISSION_DENIED',
  MANIFEST_UNKNOWN: 'NOT_FOUND',
  NAME_UNKNOWN: 'NOT_FOUND',
  BLOB_UNKNOWN: 'NOT_FOUND',
  BLOB_UPLOAD_UNKNOWN: 'NOT_FOUND',
  TOOMANYREQUESTS: 'RESOURCE_EXHAUSTED',
  UNSUPPORTED: 'NOT_IMPLEMENTED',
  NAME_INVALID: 'INVALID_ARGUMENT',
  TAG_INVALID: 'INVALID_ARGUMENT',
  MANIFEST_INVALID: 'INVALID_ARGUMENT',
  MANIFEST_BLOB_UNKNOWN: 'INVALID_ARGUMENT',
  DIGEST_INVALID: 'DATA_LOSS',
  SIZE_INVALID: 'DATA_LOSS',
};

/** Default messages of errcode descriptors, used when a registry sends none. */
const DEFAULT_MESSAGE: Record<string, string> = {
  UNAUTHORIZED: 'authentication required',
  DENIED: 'requested access to the resource is denied',
  UNKNOWN: 'unknown error',
};

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  409: 'Conflict', 413: 'Payload Too Large', 416: 'Requested Range Not Satisfiable', 429: 'Too Many Requests',
  500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

export function statusText(status: number): string {
  return `${status} ${STATUS_TEXT[status] ?? ''}`.trimEnd();
}

function codeText(code: string): string {
  return code.toLowerCase().replace(/_/g, ' ');
}

function mk(code: string, message: string, status: number): EngineError {
  const c = CODE_MAP[code] ?? (status === 401 ? 'UNAUTHENTICATED' : status === 403 ? 'PERMISSION_DENIED' : status === 404 ? 'NOT_FOUND' : status >= 500 ? 'UNAVAILABLE' : 'INTERNAL');
  return new EngineError(c, message, { detail: { registryCode: code, status, retryable: status >= 500 || status === 429 } });
}

/** Turn an error response (status ≥ 400) and its body into an EngineError with docker's text. */
export function registryError(status: number, body: Buffer, wwwAuthenticate?: string | string[]): EngineError {
  if (status >= 400 && status < 500) {
    // OAuth errors in the challenge come first (RFC 6750 §3)
    for (const c of parseChallenges(wwwAuthenticate)) {
      if (c.scheme !== 'bearer') continue;
      const code = c.params.error === 'invalid_token' ? 'UNAUTHORIZED' : c.params.error === 'insufficient_scope' ? 'DENIED' : '';
      if (code) return mk(code, `${codeText(code)}: ${c.params.error_description || DEFAULT_MESSAGE[code]}`, status);
    }
    const text = body.toString('utf8');
    let parsed: unknown;
    try { parsed = JSON.parse(text); } catch { parsed = undefined; }
    const details = (parsed as { details?: unknown } | undefined)?.details;
    if (typeof details === 'string' && details) {
      const code = status === 401 ? 'UNAUTHORIZED' : status === 429 ? 'TOOMANYREQUESTS' : 'UNKNOWN';
      return mk(code, `${codeText(code)}: ${details}`, status);
    }
    const errors = (parsed as { errors?: { code?: string; message?: string }[] } | undefined)?.errors;
    if (Array.isArray(errors) && errors.length > 0) {
      const e = errors[0]!;
      const code = String(e.code ?? 'UNKNOWN');
      return mk(code, `${codeText(code)}: ${e.message || DEFAULT_MESSAGE[code] || codeText(code)}`, status);
    }
    if (status === 401) return mk('UNAUTHORIZED', 'unauthorized: authentication required', status);
    const why = parsed === undefined ? (text === '' ? 'unexpected end of JSON input' : 'invalid character in JSON') : 'no error details found in HTTP response body';
    return mk('', `error parsing HTTP ${status} response body: ${why}: ${JSON.stringify(text)}`, status);
  }
  return mk('', `received unexpected HTTP status: ${statusText(status)}`, status);
}

export function registryCodeOf(err: unknown): string | undefined {
  return err instanceof EngineError && typeof err.detail?.registryCode === 'string' ? err.detail.registryCode : undefined;
}
