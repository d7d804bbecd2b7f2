/**
 * One error type for the whole engine. Each surface (CLI exit codes, API statuses, TUI actions)
 * maps `code` once; nothing branches on message text.
 */
export type ErrorCode =
  | 'INVALID_ARGUMENT'
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'CONFLICT'
  | 'NOT_MODIFIED'
  | 'UNAUTHENTICATED'
  | 'PERMISSION_DENIED'
  | 'UNAVAILABLE'
  | 'NOT_IMPLEMENTED'
  | 'DATA_LOSS'
  | 'CANCELED'
  | 'DEADLINE_EXCEEDED'
  | 'RESOURCE_EXHAUSTED'
  | 'INTERNAL';

export class EngineError extends Error {
  readonly code: ErrorCode;
  /** Optional extra detail for a surface, e.g. the exit code a `run` should report. */
  readonly detail?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; detail?: Record<string, unknown> }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'EngineError';
    this.code = code;
    this.detail = options?.detail;
  }
}

export const invalid = (msg: string, cause?: unknown) => new EngineError('INVALID_ARGUMENT', msg, { cause });
export const notFound = (msg: string, cause?: unknown) => new EngineError('NOT_FOUND', msg, { cause });
export const conflict = (msg: string, cause?: unknown) => new EngineError('CONFLICT', msg, { cause });
export const alreadyExists = (msg: string, cause?: unknown) => new EngineError('ALREADY_EXISTS', msg, { cause });
export const dataLoss = (msg: string, cause?: unknown) => new EngineError('DATA_LOSS', msg, { cause });
export const internal = (msg: string, cause?: unknown) => new EngineError('INTERNAL', msg, { cause });
export const notImplemented = (msg: string) => new EngineError('NOT_IMPLEMENTED', msg);
export const unavailable = (msg: string, cause?: unknown) => new EngineError('UNAVAILABLE', msg, { cause });

/**
 * The CLI runs bundled while the TUI and the API server load unbundled beside it, so an error may
 * come from another copy of this class: recognise it by shape, not only by instanceof.
 */
export function isEngineError(err: unknown, code?: ErrorCode): err is EngineError {
  const like = err instanceof EngineError
    || (err instanceof Error && err.name === 'EngineError' && typeof (err as { code?: unknown }).code === 'string');
  return like && (code === undefined || (err as EngineError).code === code);
}

/** Node system errors carry an errno code; this is the one place we read it. */
export function errnoCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : undefined;
}

/**
 * ENOSPC as one clear line: Node's "ENOSPC: no space left on device, write" names neither the file
 * nor the disk; `path` (the file being written) says where space ran out.
 */
export function noSpace(err: unknown, path?: string): EngineError {
  const where = path ?? (typeof err === 'object' && err !== null && 'path' in err ? String((err as { path: unknown }).path) : undefined);
  return new EngineError('RESOURCE_EXHAUSTED', `no space left on device${where ? ` writing ${where}` : ''}`, { cause: err });
}

/** Wrap an unknown error as an EngineError, keeping EngineErrors as they are. */
export function toEngineError(err: unknown, fallback: ErrorCode = 'INTERNAL'): EngineError {
  if (err instanceof EngineError) return err;
  const errno = errnoCode(err);
  const msg = err instanceof Error ? err.message : String(err);
  if (errno === 'ENOSPC') return noSpace(err);
  if (errno === 'EACCES' || errno === 'EPERM') return new EngineError('PERMISSION_DENIED', msg, { cause: err });
  return new EngineError(fallback, msg, { cause: err });
}
