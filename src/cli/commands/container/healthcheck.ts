/**
 * `healthcheck run CONTAINER` (hidden, as podman's): run the HEALTHCHECK once, update the
 * container's health, exit 0 when healthy and 1 otherwise (printing the status), as podman does.
 * Scheduled by contrib/systemd/berth-healthcheck@.timer; there is no daemon to run probes.
 * One hidden top-level verb taking `run` as its first word: a "healthcheck" group would show in help.
 */
import type { CommandDef } from '../../command.js';
import { CliError } from '../../exit.js';

export const healthcheckRun: CommandDef = {
  path: ['healthcheck'], usage: 'run CONTAINER', args: { min: 2, max: 2 }, complete: 'container', hidden: true,
  description: "Run a container's healthcheck once and record the result",
  flags: [],
  async run(ctx) {
    const [sub, ref] = ctx.args;
    if (sub !== 'run') throw new CliError(`berth: unknown command: berth healthcheck ${sub}\n\nRun 'berth healthcheck run CONTAINER'`, 1);
    const engine = await ctx.engine();
    const r = await engine.healthcheckRun(ref!);
    if (r.Status === 'healthy') return 0;
    ctx.io.stdout.write(`${r.Status}\n`);
    return 1;
  },
};
