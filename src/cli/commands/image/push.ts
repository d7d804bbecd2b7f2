/** `push NAME[:TAG]` (-a, -q): docker's client-side checks, then the engine's stream. */
import type { CommandDef } from '../../command.js';
import { ProgressDisplay, streamError } from './progress-display.js';
import { clientRef } from './pull.js';

export const imagePush: CommandDef = {
  path: ['image', 'push'],
  aliases: [['push']],
  usage: '[OPTIONS] NAME[:TAG]',
  description: 'Upload an image to a registry',
  args: { min: 1, max: 1 },
  complete: 'image',
  flags: [
    { name: 'all-tags', short: 'a', type: 'bool', description: 'Push all tags of an image to the repository' },
    { name: 'disable-content-trust', type: 'bool', default: true, description: 'Skip image signing' },
    { name: 'quiet', short: 'q', type: 'bool', description: 'Suppress verbose output' },
  ],
  async run(ctx) {
    const name = ctx.args[0]!;
    const allTags = ctx.flags['all-tags'] === true;
    const quiet = ctx.flags.quiet === true;
    const ref = clientRef(name, allTags);
    if (!allTags && !ref.tag && !ref.digest && !quiet) ctx.io.stdout.write('Using default tag: latest\n');
    const engine = await ctx.engine();
    const display = new ProgressDisplay(quiet ? undefined : ctx.io.stdout);
    try {
      const res = await engine.pushImage(name, { allTags, onProgress: (e) => display.event(e), signal: ctx.signal });
      if (quiet) ctx.io.stdout.write(`${res.reference}\n`);
    } catch (err) {
      throw streamError(err, display);
    }
    return 0;
  },
};
