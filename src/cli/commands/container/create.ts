/** `create`: like run without starting; shares run's flags and image lookup. */
import type { CommandDef, CommandContext } from '../../command.js';
import type { Engine } from '../../../engine/engine.js';
import type { ContainerCreateRequest } from '../../../engine/types.js';
import { EngineError, isEngineError } from '../../../lib/errors.js';
import { asString } from '../../util/io.js';
import { CREATE_FLAGS, buildCreateRequest } from './create-flags.js';
import { runError } from './run.js';
import { CliError } from '../../exit.js';
import { familiarString, parseReference } from '../../../oci/reference.js';
import { ProgressDisplay } from '../image/progress-display.js';

/**
 * Create, pulling the image as docker's CLI does (cli/command/container/create.go): `--pull
 * always` pulls first; `missing` (the default) pulls after a "No such image" and prints "Unable to
 * find image '…' locally"; `never` reports the missing image. Pull progress goes to stderr, so
 * stdout keeps only what the verb prints (the container ID for create).
 */
export async function createWithPull(ctx: CommandContext, engine: Engine, req: ContainerCreateRequest): Promise<string> {
  const pull = asString(ctx.flags.pull) ?? 'missing';
  if (!['missing', 'never', 'always'].includes(pull)) throw new EngineError('INVALID_ARGUMENT', `invalid pull option: '${pull}': must be one of "always", "missing" or "never"`);
  const image = String(req.config.Image ?? '');
  if (pull === 'always') await pullForCreate(ctx, engine, image);
  try {
    return (await engine.createContainer(req)).Id;
  } catch (err) {
    if (!isEngineError(err, 'NOT_FOUND') || err.detail?.object !== 'image' || pull !== 'missing') throw err;
    // docker pulls only for a name (ParseAnyReference): a full image ID is never looked up remotely
    if (/^(sha256:)?[a-f0-9]{64}$/.test(image)) throw err;
    let ref;
    try { ref = parseReference(image); } catch { throw err; }
    if (ctx.flags.quiet !== true) ctx.io.stderr.write(`Unable to find image '${familiarString(ref)}' locally\n`);
    await pullForCreate(ctx, engine, image);
    return (await engine.createContainer(req)).Id;
  }
}

async function pullForCreate(ctx: CommandContext, engine: Engine, image: string): Promise<void> {
  const display = new ProgressDisplay(ctx.flags.quiet === true ? undefined : ctx.io.stderr);
  try {
    await engine.pullImage(image, { platform: asString(ctx.flags.platform) || undefined, onProgress: (e) => display.event(e), signal: ctx.signal });
  } catch (err) {
    // after progress began, docker prints the stream's error bare: "docker: <message>"
    if (display.started && err instanceof EngineError) {
      throw new CliError(`berth: ${err.message}\n\nRun 'berth ${ctx.path?.join(' ') ?? 'run'} --help' for more information`, 125);
    }
    throw err;
  }
}

export const createCommand: CommandDef = {
  path: ['container', 'create'],
  aliases: [['create']],
  usage: '[OPTIONS] IMAGE [COMMAND] [ARG...]',
  description: 'Create a new container',
  args: { min: 1 },
  stopAtFirstArg: true,
  complete: 'image',
  flags: CREATE_FLAGS,
  async run(ctx) {
    const [image, ...command] = ctx.args;
    const req = buildCreateRequest(ctx, image!, command);
    const engine = await ctx.engine();
    const id = await createWithPull(ctx, engine, req).catch((e) => runError(ctx, e));
    ctx.io.stdout.write(`${id}\n`);
    return 0;
  },
};
