/**
 * `system boot`: start containers whose restart policy asks for it after a reboot (always,
 * unless-stopped not stopped by the user, on-failure after a failure) and remove stale --rm ones,
 * as dockerd does when it starts. Run once at boot by contrib/systemd/berth-boot.service.
 */
import type { CommandDef } from '../../command.js';

export const systemBoot: CommandDef = {
  path: ['system', 'boot'], usage: '', args: { max: 0 },
  description: 'Start containers with a restart policy after a reboot (run at boot, e.g. by berth-boot.service)',
  flags: [{ name: 'quiet', short: 'q', type: 'bool', description: 'Do not print the IDs of started containers' }],
  async run(ctx) {
    const engine = await ctx.engine();
    const r = await engine.bootContainers();
    if (ctx.flags.quiet !== true) for (const id of r.Started) ctx.io.stdout.write(`${id}\n`);
    for (const f of r.Failed) ctx.io.stderr.write(`Error: failed to start container ${f.Id}: ${f.Error}\n`);
    return r.Failed.length ? 1 : 0;
  },
};
