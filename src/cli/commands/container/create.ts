/** `create`: like run without starting; shares run's flags and image lookup. */
import type { CommandDef, CommandContext } from '../../command.js';
import type { Engine } from '../../../engine/engine.js';
import type { ContainerCreateRequest } from '../../../engine/types.js';
import { EngineError, isEngineError } from '../../../lib/errors.js';
import { asString } from '../../util/io.js';
import { CREATE_FLAGS, buildCreateRequest } from './create-flags.js';
import { runError } from './run.js';

/**
 * Create, reporting a missing image as docker does ("Unable to find image … locally"). Pulling
 * arrives with the registry issue; until then a missing image is an error naming the registry step.
 */
export async function createWithPull(ctx: CommandContext, engine: Engine, req: ContainerCreateRequest): Promise<string> {
  const pull = asString(ctx.flags.pull) ?? 'missing';
  if (!['missing', 'never', 'always'].includes(pull)) throw new EngineError('INVALID_ARGUMENT', `invalid pull option: '${pull}': must be one of "always", "missing" or "never"`);
  if (pull === 'always') throw new EngineError('NOT_IMPLEMENTED', 'pulling images is not supported yet (--pull always)');
  try {
    return (await engine.createContainer(req)).Id;
  } catch (err) {
    if (!isEngineError(err, 'NOT_FOUND') || err.detail?.object !== 'image' || pull === 'never') throw err;
    ctx.io.stderr.write(`Unable to find image '${String(err.detail.ref)}' locally\n`);
    throw new EngineError('NOT_FOUND', `pull access denied for ${String(err.detail.ref).replace(/:[^:/]*$/, '')}: pulling images is not supported yet`);
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
