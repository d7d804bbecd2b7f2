/**
 * Exit codes and error printing, once for every verb. docker prints client-side problems verbatim
 * and daemon failures as "Error response from daemon: <msg>"; berth has no daemon, but its users'
 * scripts grep for docker's text, so engine errors are printed as if a daemon had answered.
 *
 *   0    success; also an engine CANCELED error without a signal (docker treats canceled as success)
 *   1    engine errors, argument-count errors, unknown commands, bad global values
 *   125  flag parse errors (unknown flag, bad value, missing value); berth's own internal errors
 *   128+n  interrupted by signal n (130 SIGINT, 143 SIGTERM), printed nothing, like docker
 *   other  EngineError.detail.exitCode (run/exec: 125/126/127 or the container's status)
 *
 * EngineError.detail.raw: print the message without the daemon prefix (client-side checks such as
 * "requested load from a terminal"); detail.silent: print nothing (the verb already did).
 */
import type { CommandIO } from './command.js';
import { EngineError, errnoCode, toEngineError } from '../lib/errors.js';

/** A client-side failure whose message is printed verbatim (docker's StatusError). */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

export const EXIT_OK = 0;
export const EXIT_ERROR = 1;
export const EXIT_USAGE = 125;
export const EXIT_INTERNAL = 125;

/** What an engine error reads like on stderr; verbs printing per-item errors (rmi a b) use it too. */
export function formatEngineError(err: EngineError): string {
  return err.detail?.raw === true ? err.message : `Error response from daemon: ${err.message}`;
}

export interface ReportOptions {
  /** Print stacks of internal errors (--log-level debug / -D). */
  debug?: boolean;
  /** Signal received while the verb ran; its error becomes 128+n and stays silent. */
  signal?: NodeJS.Signals;
}

const SIGNAL_NUMBERS: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGPIPE: 13, SIGTERM: 15 };

export function signalExitCode(signal: NodeJS.Signals): number {
  return 128 + (SIGNAL_NUMBERS[signal] ?? 0);
}

const line = (io: CommandIO, msg: string) => {
  if (msg !== '') io.stderr.write(msg.endsWith('\n') ? msg : msg + '\n');
};

/** Prints `err` as docker would and returns the exit code. */
export function reportError(err: unknown, io: CommandIO, opts: ReportOptions = {}): number {
  if (opts.signal) return signalExitCode(opts.signal);
  if (err instanceof CliError) {
    line(io, err.message);
    return err.exitCode || EXIT_ERROR;
  }
  if (err instanceof EngineError) {
    if (err.code === 'CANCELED') return EXIT_OK;
    const code = err.detail?.exitCode;
    line(io, err.detail?.silent === true ? '' : formatEngineError(err));
    return typeof code === 'number' ? code : EXIT_ERROR;
  }
  // A system error surfacing in the CLI itself (a file given with -o, a closed pipe): an
  // environment problem, not a bug, so no "internal error" label.
  if (errnoCode(err) === 'ENOSPC') {
    line(io, formatEngineError(toEngineError(err)));
    return EXIT_ERROR;
  }
  if (err instanceof Error && /^E[A-Z0-9]+$/.test(errnoCode(err) ?? '')) {
    line(io, err.message);
    return EXIT_ERROR;
  }
  const msg = err instanceof Error ? err.message : String(err);
  line(io, `berth: internal error: ${msg}`);
  if (opts.debug && err instanceof Error && err.stack) line(io, err.stack);
  return EXIT_INTERNAL;
}
