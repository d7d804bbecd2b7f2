/** `pull NAME[:TAG|@DIGEST]` (-a, -q, --platform): docker's client-side checks, then the engine's stream. */
import type { CommandDef } from '../../command.js';
import { CliError } from '../../exit.js';
import { asString } from '../../util/io.js';
import { parseNormalizedNamed, type Reference } from '../../../oci/reference.js';
import { ProgressDisplay, streamError } from './progress-display.js';

/** docker parses the name in the client: its errors print bare, and a missing tag is announced. */
export function clientRef(name: string, allTags: boolean): Reference {
  let ref: Reference;
  try {
    ref = parseNormalizedNamed(name);
  } catch (err) {
    throw new CliError(err instanceof Error ? err.message : String(err));
  }
  if (allTags && (ref.tag || ref.digest)) throw new CliError("tag can't be used with --all-tags/-a");
  return ref;
}

export const imagePull: CommandDef = {
  path: ['image', 'pull'],
  aliases: [['pull']],
  usage: '[OPTIONS] NAME[:TAG|@DIGEST]',
  description: 'Download an image from a registry',
  args: { min: 1, max: 1 },
  complete: 'none',
  flags: [
    { name: 'all-tags', short: 'a', type: 'bool', description: 'Download all tagged images in the repository' },
    { name: 'disable-content-trust', type: 'bool', default: true, description: 'Skip image verification' },
    { name: 'platform', type: 'string', valueName: 'string', description: 'Set platform if server is multi-platform capable' },
    { name: 'quiet', short: 'q', type: 'bool', description: 'Suppress verbose output' },
  ],
  async run(ctx) {
    const name = ctx.args[0]!;
    const allTags = ctx.flags['all-tags'] === true;
    const quiet = ctx.flags.quiet === true;
    const ref = clientRef(name, allTags);
    let target = name;
    if (!allTags && !ref.tag && !ref.digest) {
      if (!quiet) ctx.io.stdout.write('Using default tag: latest\n');
      target = `${name}:latest`;
    }
    const engine = await ctx.engine();
    const display = new ProgressDisplay(quiet ? undefined : ctx.io.stdout);
    try {
      const res = await engine.pullImage(target, {
        allTags, platform: asString(ctx.flags.platform) || ctx.io.env.DOCKER_DEFAULT_PLATFORM || undefined,
        onProgress: (e) => display.event(e), signal: ctx.signal,
      });
      ctx.io.stdout.write(`${res.reference}\n`);
    } catch (err) {
      throw streamError(err, display);
    }
    return 0;
  },
};
