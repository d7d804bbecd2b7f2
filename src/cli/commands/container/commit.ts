/** `commit`: a new image from a container's changes; prints its ID. */
import type { CommandDef } from '../../command.js';
import { CliError } from '../../exit.js';
import { asString, asStrings } from '../../util/io.js';
import { familiarName, parseNormalizedNamed } from '../../../oci/reference.js';
import { isEngineError } from '../../../lib/errors.js';

/** The docker client's split of REPOSITORY[:TAG] (a digest is refused, the tag defaults to latest). */
function repoAndTag(reference: string | undefined): { repo?: string; tag?: string } {
  if (!reference) return {};
  try {
    const ref = parseNormalizedNamed(reference);
    if (ref.digest) throw new CliError('refusing to create a tag with a digest reference');
    return { repo: familiarName(ref), tag: ref.tag ?? 'latest' };
  } catch (err) {
    if (isEngineError(err)) throw new CliError(err.message);
    throw err;
  }
}

export const commitCommand: CommandDef = {
  path: ['container', 'commit'], aliases: [['commit']], usage: '[OPTIONS] CONTAINER [REPOSITORY[:TAG]]',
  description: "Create a new image from a container's changes",
  args: { min: 1, max: 2 }, stopAtFirstArg: true, complete: 'container',
  flags: [
    { name: 'author', short: 'a', type: 'string', valueName: 'string', description: 'Author (e.g., "John Hannibal Smith <hannibal@a-team.com>")' },
    { name: 'change', short: 'c', type: 'stringArray', valueName: 'list', description: 'Apply Dockerfile instruction to the created image' },
    { name: 'message', short: 'm', type: 'string', valueName: 'string', description: 'Commit message' },
    { name: 'pause', short: 'p', type: 'bool', default: true, description: 'Pause container during commit' },
  ],
  async run(ctx) {
    const target = repoAndTag(ctx.args[1]);
    const engine = await ctx.engine();
    const { Id } = await engine.commitContainer(ctx.args[0]!, {
      ...target, comment: asString(ctx.flags.message), author: asString(ctx.flags.author),
      changes: asStrings(ctx.flags.change), pause: ctx.flags.pause !== false,
    });
    ctx.io.stdout.write(`${Id}\n`);
    return 0;
  },
};
