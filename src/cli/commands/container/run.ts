/**
 * `run`: docker's choreography — create, attach (before the process starts), start, then wait
 * for the exit and return the container's status. `-d` prints the ID instead. Engine failures
 * exit 125, "cannot invoke" 126, "not found" 127, as docker.
 */
import type { CommandDef, CommandContext, FlagDef } from '../../command.js';
import { CREATE_FLAGS, buildCreateRequest } from './create-flags.js';
import { CliError } from '../../exit.js';
import { EngineError, isEngineError } from '../../../lib/errors.js';
import { asString } from '../../util/io.js';
import { onResize, rawMode } from '../../util/terminal.js';
import { createWithPull } from './create.js';
import { SIGNALS_TO_PROXY } from './signals.js';

export const runCommand: CommandDef = {
  path: ['container', 'run'],
  aliases: [['run']],
  usage: '[OPTIONS] IMAGE [COMMAND] [ARG...]',
  description: 'Create and run a new container from an image',
  args: { min: 1 },
  stopAtFirstArg: true,
  complete: 'image',
  flags: ([
    ...CREATE_FLAGS,
    { name: 'detach', short: 'd', type: 'bool', description: 'Run container in background and print container ID' },
    { name: 'detach-keys', type: 'string', valueName: 'string', description: 'Override the key sequence for detaching a container' },
    { name: 'sig-proxy', type: 'bool', default: true, description: 'Proxy received signals to the process' },
  ] as FlagDef[]).sort((a, b) => a.name.localeCompare(b.name)),
  run: (ctx) => runContainer(ctx),
};

/** docker prints run's engine errors as "docker: <msg>" + usage hint, exit 125 (or 126/127). */
export function runError(ctx: CommandContext, err: unknown): never {
  if (err instanceof EngineError) {
    const code = typeof err.detail?.exitCode === 'number' ? err.detail.exitCode : 125;
    throw new CliError(`berth: Error response from daemon: ${err.message}\n\nRun 'berth ${ctx.path?.join(' ') ?? 'run'} --help' for more information`, code);
  }
  throw err;
}

async function runContainer(ctx: CommandContext): Promise<number> {
  const [image, ...command] = ctx.args;
  const detach = ctx.flags.detach === true;
  const tty = ctx.flags.tty === true;
  const interactive = ctx.flags.interactive === true;
  if (tty && interactive && !detach && !ctx.io.stdin.isTTY) throw new CliError('the input device is not a TTY', 1);
  const req = buildCreateRequest(ctx, image!, command);
  const engine = await ctx.engine();
  const id = await createWithPull(ctx, engine, req).catch((e) => runError(ctx, e));
  if (detach) {
    try {
      await engine.startContainer(id);
    } catch (err) {
      if (req.hostConfig.AutoRemove) await engine.removeContainer(id, { force: true }).catch(() => undefined);
      runError(ctx, err);
    }
    ctx.io.stdout.write(`${id}\n`);
    return 0;
  }
  let detached = false;
  const restore = tty ? rawMode(ctx.io) : () => undefined;
  let stopResize = () => undefined as void;
  const proxy = !tty && ctx.flags['sig-proxy'] !== false;
  const forward = (sig: NodeJS.Signals) => { void engine.killContainer(id, sig).catch(() => undefined); };
  if (proxy) for (const s of SIGNALS_TO_PROXY) process.on(s, forward);
  try {
    let started;
    try {
      started = await engine.startContainer(id, {
        attach: {
          stdin: interactive ? ctx.io.stdin : undefined, stdout: req.config.AttachStdout ? ctx.io.stdout : undefined,
          stderr: req.config.AttachStderr ? ctx.io.stderr : undefined, detachKeys: asString(ctx.flags['detach-keys']),
          onDetach: () => { detached = true; },
        },
      });
    } catch (err) {
      if (req.hostConfig.AutoRemove) await engine.removeContainer(id, { force: true }).catch(() => undefined);
      runError(ctx, err);
    }
    if (tty) stopResize = onResize(ctx.io, (rows, cols) => { void engine.resizeContainer(id, rows, cols).catch(() => undefined); });
    const end = await started.attach!.done;
    if (end === 'detached' || detached) return 0;
    // not bound to ctx.signal: a proxied ctrl-c goes to the container, and we report how it ended
    const { StatusCode } = await engine.waitContainer(id, 'not-running');
    if (req.hostConfig.AutoRemove) await waitRemoved(engine, id);
    return StatusCode;
  } finally {
    stopResize();
    restore();
    if (proxy) for (const s of SIGNALS_TO_PROXY) process.off(s, forward);
  }
}

/** --rm: conmon's exit command removes the container; wait for it (bounded), then do it ourselves. */
async function waitRemoved(engine: Awaited<ReturnType<CommandContext['engine']>>, id: string): Promise<void> {
  const ac = new AbortController();
  const t = setTimeout(() => ac.abort(), 5000);
  try {
    await engine.waitContainer(id, 'removed', ac.signal);
  } catch (err) {
    if (!isEngineError(err, 'NOT_FOUND')) await engine.removeContainer(id, { force: true }).catch(() => undefined);
  } finally {
    clearTimeout(t);
  }
}
