/** `image demo [NAME]`: make busybox:latest offline from Debian's busybox-static (berth only). */
import type { CommandDef } from '../../command.js';

export const imageDemo: CommandDef = {
  path: ['image', 'demo'],
  usage: '[OPTIONS] [REPOSITORY[:TAG]]',
  description: "Create the demo image (default busybox:latest) from the host's busybox-static, without network",
  args: { max: 1 },
  flags: [{ name: 'quiet', short: 'q', type: 'bool', description: 'Only print the image ID' }],
  async run(ctx) {
    const engine = await ctx.engine();
    const name = ctx.args[0] ?? 'busybox:latest';
    const id = await engine.createDemoImage(name);
    ctx.io.stdout.write(ctx.flags.quiet ? `${id}\n` : `Created ${name} (${id})\n`);
    return 0;
  },
};
