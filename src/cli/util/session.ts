/**
 * One attached session to a container, shared by run, start -a and attach: raw terminal with a
 * tty, resize forwarding, signal proxying without one, then the container's exit code — or 0 when
 * the user detached with the detach keys.
 */
import type { CommandContext } from '../command.js';
import type { Engine } from '../../engine/engine.js';
import type { AttachHandle, AttachStreams } from '../../engine/types.js';
import { asString } from './io.js';
import { isEngineError } from '../../lib/errors.js';
import { onResize, rawMode } from './terminal.js';

/** Signals forwarded to the container without a tty (docker's --sig-proxy). */
export const SIGNALS_TO_PROXY: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2'];

export interface SessionOptions {
  id: string;
  tty: boolean;
  /** Attach our stdin. */
  stdin: boolean;
  stdout?: boolean;
  stderr?: boolean;
  sigProxy: boolean;
  /** Connects the streams (startContainer with attach, or attachContainer). */
  connect(streams: AttachStreams): Promise<AttachHandle>;
  /** Runs once the session ended without a detach, before the exit code is read (e.g. --rm cleanup). */
  afterExit?(): Promise<void>;
}

export async function runSession(ctx: CommandContext, engine: Engine, o: SessionOptions): Promise<number> {
  let detached = false;
  const restore = o.tty && o.stdin ? rawMode(ctx.io) : () => undefined;
  const proxy = !o.tty && o.sigProxy;
  const forward = (sig: NodeJS.Signals) => { void engine.killContainer(o.id, sig).catch(() => undefined); };
  if (proxy) for (const s of SIGNALS_TO_PROXY) process.on(s, forward);
  let stopResize = () => undefined as void;
  const started = Date.now() / 1000 - 1;
  try {
    const handle = await o.connect({
      stdin: o.stdin ? ctx.io.stdin : undefined, stdout: o.stdout === false ? undefined : ctx.io.stdout,
      stderr: o.stderr === false ? undefined : ctx.io.stderr, detachKeys: asString(ctx.flags['detach-keys']),
      onDetach: () => { detached = true; },
    });
    if (o.tty) stopResize = onResize(ctx.io, (r, c) => { void engine.resizeContainer(o.id, r, c).catch(() => undefined); });
    const end = await handle.done;
    if (end === 'detached' || detached) return 0;
    // not bound to ctx.signal: a proxied ctrl-c goes to the container, and we report how it ended
    const StatusCode = await exitCode(engine, o.id, started);
    await o.afterExit?.();
    return StatusCode;
  } finally {
    stopResize();
    restore();
    if (proxy) for (const s of SIGNALS_TO_PROXY) process.off(s, forward);
  }
}

/**
 * The container's exit code. With --rm the monitor's exit command may remove the record before we
 * read it (a slow CLI under load); the die event in the events log still carries the code.
 */
export async function exitCode(engine: Engine, id: string, since: number): Promise<number> {
  try {
    return (await engine.waitContainer(id, 'not-running')).StatusCode;
  } catch (err) {
    if (!isEngineError(err, 'NOT_FOUND')) throw err;
    for await (const e of engine.events({ since, until: Date.now() / 1000 + 1, filters: { container: [id], event: ['die'] } })) {
      const code = Number(e.Actor.Attributes.exitCode);
      if (Number.isInteger(code)) return code;
    }
    throw err;
  }
}
