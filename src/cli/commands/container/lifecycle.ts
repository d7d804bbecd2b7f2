/** stop, kill, restart, pause, unpause, rm: each acts on several containers and prints their names, as docker. */
import type { CommandDef, CommandContext } from '../../command.js';
import type { Engine } from '../../../engine/engine.js';
import { EngineError } from '../../../lib/errors.js';
import { formatEngineError } from '../../exit.js';
import { asString } from '../../util/io.js';
import { existsSync } from 'node:fs';

/** The monitor's hooks run long after the CLI; a removed state root means there is nothing to record. */
export const rootExists = (ctx: CommandContext) => existsSync(String(ctx.globals.root ?? '/var/lib/berth'));

/** Apply `op` to each argument; print each as typed on success, each failure on stderr; exit 1 if any failed. */
export async function eachContainer(ctx: CommandContext, op: (engine: Engine, ref: string) => Promise<void>): Promise<number> {
  const engine = await ctx.engine();
  let failed = false;
  for (const ref of ctx.args) {
    try {
      await op(engine, ref);
      ctx.io.stdout.write(`${ref}\n`);
    } catch (err) {
      if (!(err instanceof EngineError)) throw err;
      ctx.io.stderr.write(`${formatEngineError(err)}\n`);
      failed = true;
    }
  }
  return failed ? 1 : 0;
}

const timeoutFlags = [
  { name: 'signal', short: 's', type: 'string' as const, valueName: 'string', description: 'Signal to send to the container' },
  { name: 'timeout', short: 't', type: 'int' as const, valueName: 'int', description: 'Seconds to wait before killing the container' },
];

const stopOpts = (ctx: CommandContext) => ({ timeout: ctx.flags.timeout as number | undefined, signal: asString(ctx.flags.signal) });

export const stopCommand: CommandDef = {
  path: ['container', 'stop'], aliases: [['stop']], usage: '[OPTIONS] CONTAINER [CONTAINER...]',
  description: 'Stop one or more running containers', args: { min: 1 }, complete: 'container', flags: timeoutFlags,
  run: (ctx) => eachContainer(ctx, async (e, ref) => { await e.stopContainer(ref, stopOpts(ctx)); }),
};

export const restartCommand: CommandDef = {
  path: ['container', 'restart'], aliases: [['restart']], usage: '[OPTIONS] CONTAINER [CONTAINER...]',
  description: 'Restart one or more containers', args: { min: 1 }, complete: 'container', flags: timeoutFlags,
  run: (ctx) => eachContainer(ctx, (e, ref) => e.restartContainer(ref, stopOpts(ctx))),
};

export const killCommand: CommandDef = {
  path: ['container', 'kill'], aliases: [['kill']], usage: '[OPTIONS] CONTAINER [CONTAINER...]',
  description: 'Kill one or more running containers', args: { min: 1 }, complete: 'container',
  flags: [{ name: 'signal', short: 's', type: 'string', valueName: 'string', description: 'Signal to send to the container' }],
  run: (ctx) => eachContainer(ctx, (e, ref) => e.killContainer(ref, asString(ctx.flags.signal) ?? 'KILL')),
};

export const pauseCommand: CommandDef = {
  path: ['container', 'pause'], aliases: [['pause']], usage: 'CONTAINER [CONTAINER...]',
  description: 'Pause all processes within one or more containers', args: { min: 1 }, complete: 'container', flags: [],
  run: (ctx) => eachContainer(ctx, (e, ref) => e.pauseContainer(ref)),
};

export const unpauseCommand: CommandDef = {
  path: ['container', 'unpause'], aliases: [['unpause']], usage: 'CONTAINER [CONTAINER...]',
  description: 'Unpause all processes within one or more containers', args: { min: 1 }, complete: 'container', flags: [],
  run: (ctx) => eachContainer(ctx, (e, ref) => e.unpauseContainer(ref)),
};

export const rmCommand: CommandDef = {
  path: ['container', 'rm'], aliases: [['rm'], ['container', 'remove']], usage: '[OPTIONS] CONTAINER [CONTAINER...]',
  description: 'Remove one or more containers', args: { min: 1 }, complete: 'container',
  flags: [
    { name: 'force', short: 'f', type: 'bool', description: 'Force the removal of a running container (uses SIGKILL)' },
    { name: 'link', short: 'l', type: 'bool', description: 'Remove the specified link', hidden: true },
    { name: 'volumes', short: 'v', type: 'bool', description: 'Remove anonymous volumes associated with the container' },
  ],
  run: (ctx) => eachContainer(ctx, (e, ref) => e.removeContainer(ref, { force: ctx.flags.force === true, volumes: ctx.flags.volumes === true })),
};

export const renameCommand: CommandDef = {
  path: ['container', 'rename'], aliases: [['rename']], usage: 'CONTAINER NEW_NAME',
  description: 'Rename a container', args: { min: 2, max: 2 }, complete: 'container', flags: [],
  async run(ctx) { await (await ctx.engine()).renameContainer(ctx.args[0]!, ctx.args[1]!); return 0; },
};

export const waitCommand: CommandDef = {
  path: ['container', 'wait'], aliases: [['wait']], usage: 'CONTAINER [CONTAINER...]',
  description: 'Block until one or more containers stop, then print their exit codes', args: { min: 1 }, complete: 'container', flags: [],
  async run(ctx) {
    const engine = await ctx.engine();
    let failed = false;
    for (const ref of ctx.args) {
      try {
        ctx.io.stdout.write(`${(await engine.waitContainer(ref, 'not-running', ctx.signal)).StatusCode}\n`);
      } catch (err) {
        if (!(err instanceof EngineError)) throw err;
        ctx.io.stderr.write(`${formatEngineError(err)}\n`);
        failed = true;
      }
    }
    return failed ? 1 : 0;
  },
};

/** conmon's exit command; hidden, as podman's `container cleanup`. */
export const cleanupCommand: CommandDef = {
  path: ['container', 'cleanup'], usage: 'CONTAINER', description: 'Record a container exit and apply --rm and restart policies (run by the monitor)',
  args: { min: 1, max: 1 }, flags: [], hidden: true,
  async run(ctx) {
    // the root may be gone (a test removed it): do not recreate it just to record an exit
    if (!rootExists(ctx)) return 0;
    await (await ctx.engine()).cleanupContainer(ctx.args[0]!);
    return 0;
  },
};
