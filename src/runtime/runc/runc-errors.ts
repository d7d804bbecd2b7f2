/**
 * The one place runc's failure text becomes an EngineError. runc is always run with
 * `--log-format json`, so its stderr carries lines like
 * `{"level":"error","msg":"container does not exist","time":"…"}`; conmon relays the same
 * text in its sync-pipe message when `runc create`/`exec` fails. Callers branch on `code` and
 * `detail.exitCode`, never on the message.
 */
import { EngineError } from '../../lib/errors.js';

/** The runc operation that failed: create/exec/run failures map to docker's 126/127 exit codes. */
export type RuncOp =
  | 'state' | 'list' | 'create' | 'run' | 'start' | 'kill' | 'delete'
  | 'pause' | 'resume' | 'ps' | 'exec' | 'events' | 'update';

interface LogLine { level?: string; msg?: string }

function parseLine(line: string): LogLine | undefined {
  const t = line.trim();
  if (t.startsWith('{')) {
    try { return JSON.parse(t) as LogLine; } catch { return undefined; }
  }
  // logrus text format, in case a runtime ignored --log-format: time=… level=error msg="…"
  const m = /level=(\w+)\s+msg="((?:[^"\\]|\\.)*)"/.exec(t);
  if (!m) return undefined;
  let msg = m[2]!;
  try { msg = JSON.parse(`"${msg}"`) as string; } catch { /* keep the raw text */ }
  return { level: m[1], msg };
}

/** The last error/fatal message in runc's stderr, or the trimmed text when nothing parses. */
export function runcErrorMessage(stderr: string): string {
  let last: string | undefined;
  let any: string | undefined;
  for (const line of stderr.split('\n')) {
    const parsed = parseLine(line);
    if (!parsed?.msg) continue;
    any = parsed.msg;
    if (parsed.level === 'error' || parsed.level === 'fatal') last = parsed.msg;
  }
  return (last ?? any ?? stderr.trim()) || 'runc failed without a message';
}

const NOT_FOUND = /does not exist/i;
const EXISTS = /already exists/i;
const CONFLICT = /not running|not paused|not created|has stopped|is paused|already paused|in a (stopped|paused) container|container is (stopped|paused)/i;
// docker's translateContainerdStartErr: "the command could not be run" (exit 127 / 126). runc
// words these as `exec: "<cmd>": …`; requiring that prefix keeps e.g. a missing bind-mount source
// (also "no such file or directory") out of the 127 bucket.
const EXEC_ERR = /exec: "|executable file not found/i;
const CMD_NOT_FOUND = /executable file not found|no such file or directory/i;
const CMD_CANNOT_RUN = /permission denied|is a directory/i;

/** Classify a runc failure message for `op`. */
export function classifyRuncError(op: RuncOp, message: string, cause?: unknown): EngineError {
  const detail = { runtimeMessage: message, op };
  if (NOT_FOUND.test(message)) return new EngineError('NOT_FOUND', message, { cause, detail });
  if (EXISTS.test(message)) return new EngineError('ALREADY_EXISTS', message, { cause, detail });
  if (CONFLICT.test(message)) return new EngineError('CONFLICT', message, { cause, detail });
  if ((op === 'create' || op === 'run' || op === 'exec') && EXEC_ERR.test(message)) {
    if (CMD_NOT_FOUND.test(message)) return new EngineError('INVALID_ARGUMENT', message, { cause, detail: { ...detail, exitCode: 127 } });
    if (CMD_CANNOT_RUN.test(message)) return new EngineError('INVALID_ARGUMENT', message, { cause, detail: { ...detail, exitCode: 126 } });
  }
  if (/unknown signal|invalid signal/i.test(message)) return new EngineError('INVALID_ARGUMENT', message, { cause, detail });
  return new EngineError('INTERNAL', message, { cause, detail });
}
