/**
 * `run`: docker's choreography — create, attach (before the process starts), start, then wait
 * for the exit and return the container's status. `-d` prints the ID instead. Engine failures
 * exit 125, "cannot invoke" 126, "not found" 127, as docker.
 */
import type { CommandDef, CommandContext, FlagDef } from '../../command.js';
import { CREATE_FLAGS, buildCreateRequest } from './create-flags.js';
import { CliError } from '../../exit.js';
import { EngineError, isEngineError } from '../../../lib/errors.js';
import { runSession } from '../../util/session.js';
import { createWithPull } from './create.js';
import { byCodePoint } from '../../../lib/compare.js';

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
  ] as FlagDef[]).sort((a, b) => byCodePoint(a.name, b.name)),
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
  return runSession(ctx, engine, {
    id, tty, stdin: interactive, stdout: req.config.AttachStdout, stderr: req.config.AttachStderr,
    sigProxy: ctx.flags['sig-proxy'] !== false,
    connect: async (streams) => {
      try {
        return (await engine.startContainer(id, { attach: streams })).attach!;
      } catch (err) {
        if (req.hostConfig.AutoRemove) await engine.removeContainer(id, { force: true }).catch(() => undefined);
        return runError(ctx, err);
      }
    },
    afterExit: req.hostConfig.AutoRemove ? () => waitRemoved(engine, id) : undefined,
  });
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
