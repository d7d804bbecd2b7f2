/**
 * `exec`: docker's RunExec choreography — inspect first (so "No such container" wins), the TTY
 * check, create, then start detached or attached; the exit status is the process's, read back
 * with exec inspect. A start failure is written to stdout with docker's exit code (126/127),
 * as dockerd writes it into the attached stream.
 */
import { rootExists } from './lifecycle.js';
import type { CommandDef, CommandContext, FlagDef } from '../../command.js';
import type { Engine } from '../../../engine/engine.js';
import { CliError } from '../../exit.js';
import { flagError } from '../../usage-errors.js';
import { useLine } from '../../help.js';
import { EngineError, isEngineError } from '../../../lib/errors.js';
import { asString, asStrings } from '../../util/io.js';
import { onResize, rawMode } from '../../util/terminal.js';
import { parseEnv } from './create-flags.js';

const FLAGS: FlagDef[] = [
  { name: 'detach', short: 'd', type: 'bool', description: 'Detached mode: run command in the background' },
  { name: 'detach-keys', type: 'string', valueName: 'string', description: 'Override the key sequence for detaching a container' },
  { name: 'env', short: 'e', type: 'stringArray', valueName: 'list', description: 'Set environment variables' },
  { name: 'env-file', type: 'stringArray', valueName: 'list', description: 'Read in a file of environment variables' },
  { name: 'interactive', short: 'i', type: 'bool', description: 'Keep STDIN open even if not attached' },
  { name: 'privileged', type: 'bool', description: 'Give extended privileges to the command' },
  { name: 'tty', short: 't', type: 'bool', description: 'Allocate a pseudo-TTY' },
  { name: 'user', short: 'u', type: 'string', valueName: 'string', description: 'Username or UID (format: "<name|uid>[:<group|gid>]")' },
  { name: 'workdir', short: 'w', type: 'string', valueName: 'string', description: 'Working directory inside the container' },
];

export const execCommand: CommandDef = {
  path: ['container', 'exec'], aliases: [['exec']], usage: '[OPTIONS] CONTAINER COMMAND [ARG...]',
  description: 'Execute a command in a running container', args: { min: 2 }, stopAtFirstArg: true, complete: 'container',
  flags: FLAGS,
  run: (ctx) => runExec(ctx),
};

/** conmon's exit command for exec sessions: record the exit code and exec_die. */
export const execCleanupCommand: CommandDef = {
  path: ['container', 'exec-cleanup'], usage: 'EXEC_ID', description: 'Record an exec session exit (run by the monitor)',
  args: { min: 1, max: 1 }, flags: [], hidden: true,
  async run(ctx) {
    if (!rootExists(ctx)) return 0;
    await (await ctx.engine()).cleanupExec(ctx.args[0]!);
    return 0;
  },
};

/**
 * docker's ReadKVEnvStrings: --env-file lines (unset bare names dropped), then -e; a bare `-e K`
 * takes K from our environment, and when unset stays bare so the daemon removes K.
 */
export function execEnv(ctx: CommandContext): string[] {
  const out = parseEnv({ 'env-file': ctx.flags['env-file'] }, ctx.io.env);
  for (const e of asStrings(ctx.flags.env)) {
    const k = e.split('=')[0]!;
    if (k === '') {
      const path = ctx.path ?? ['exec'];
      throw flagError(`invalid argument "${e}" for "-e, --env" flag: invalid environment variable: ${e}`, useLine(execCommand, path), path);
    }
    out.push(e.includes('=') || ctx.io.env[k] === undefined ? e : `${k}=${ctx.io.env[k]}`);
  }
  return out;
}

async function runExec(ctx: CommandContext): Promise<number> {
  const [ref, ...cmd] = ctx.args as [string, ...string[]];
  const detach = ctx.flags.detach === true;
  const tty = ctx.flags.tty === true;
  const interactive = ctx.flags.interactive === true;
  const env = execEnv(ctx);
  const engine = await ctx.engine();
  await engine.inspectContainer(ref);
  if (!detach && tty && interactive && !ctx.io.stdin.isTTY) throw new CliError('the input device is not a TTY', 1);
  const out = ctx.io.stdout;
  const size: [number, number] | undefined = tty && out.isTTY && out.rows && out.columns ? [out.rows, out.columns] : undefined;
  const { Id } = await engine.execCreate(ref, {
    Cmd: cmd, Env: env, User: asString(ctx.flags.user), WorkingDir: asString(ctx.flags.workdir), Tty: tty,
    Privileged: ctx.flags.privileged === true, DetachKeys: asString(ctx.flags['detach-keys']) || undefined, ConsoleSize: size,
    AttachStdin: !detach && interactive, AttachStdout: !detach, AttachStderr: !detach,
  });
  if (detach) {
    // dockerd answers a detached start's failure as an API error: exit 1, not the process code
    await engine.execStart(Id, { detach: true }).catch((err: unknown) => {
      throw isEngineError(err) ? new EngineError(err.code, err.message, { cause: err }) : err;
    });
    return 0;
  }
  return interactiveExec(ctx, engine, Id, tty, interactive);
}

async function interactiveExec(ctx: CommandContext, engine: Engine, id: string, tty: boolean, interactive: boolean): Promise<number> {
  let detached = false;
  const restore = tty && interactive ? rawMode(ctx.io) : () => undefined;
  let stopResize = () => undefined as void;
  try {
    let started;
    try {
      started = await engine.execStart(id, {
        attach: {
          stdin: interactive ? ctx.io.stdin : undefined, stdout: ctx.io.stdout, stderr: ctx.io.stderr,
          detachKeys: asString(ctx.flags['detach-keys']) || undefined, onDetach: () => { detached = true; },
        },
      });
    } catch (err) {
      if (isEngineError(err) && typeof err.detail?.exitCode === 'number') {
        ctx.io.stdout.write(`${err.message}\r\n`);
        return err.detail.exitCode;
      }
      throw err;
    }
    const handle = started.attach;
    if (tty && ctx.io.stdin.isTTY) stopResize = onResize(ctx.io, (r, c) => { void engine.execResize(id, r, c).catch(() => undefined); });
    // ^C without a tty ends only this client; the process runs on, as with docker
    const cancel = () => handle?.close();
    ctx.signal.addEventListener('abort', cancel, { once: true });
    const end = await handle?.done;
    ctx.signal.removeEventListener('abort', cancel);
    if (ctx.signal.aborted) throw ctx.signal.reason;
    // the docker CLI returns the escape as an error: "read escape sequence", exit 1
    if (end === 'detached' || detached) throw new CliError('read escape sequence', 1);
    // an unknown code (the monitor died) is -1, as docker reports a daemon that went away
    return (await engine.execInspect(id)).ExitCode ?? -1;
  } finally {
    stopResize();
    restore();
  }
}
