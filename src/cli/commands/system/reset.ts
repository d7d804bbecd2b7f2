/**
 * `system reset` (podman's verb): every container, volume and image of this state root, the root
 * itself, and berth's bridge and nft table unless another state root's containers use them.
 */
import type { CommandDef } from '../../command.js';
import { confirm } from '../../util/confirm.js';

export const systemReset: CommandDef = {
  path: ['system', 'reset'],
  usage: '[OPTIONS]',
  description: 'Reset berth storage back to the initial state',
  args: { max: 0 },
  flags: [{ name: 'force', short: 'f', type: 'bool', description: 'Do not prompt for confirmation' }],
  async run(ctx) {
    const root = String(ctx.globals.root ?? ctx.io.env.BERTH_ROOT ?? '/var/lib/berth');
    const warning = `WARNING! This will remove:\n  - all containers\n  - all volumes\n  - all images\n  - all build cache\n  - the state root ${root}\n  - berth's network bridge and firewall rules (unless another state root uses them)`;
    if (!ctx.flags.force && !(await confirm(ctx.io, warning))) return 0;
    const res = await (await ctx.engine()).resetSystem();
    const lines = [
      `Removed ${res.ContainersRemoved.length} container(s), ${res.VolumesRemoved.length} volume(s) and the state root ${res.Root}`,
      res.BridgeKeptFor.length
        ? `Kept the network bridge: containers of ${res.BridgeKeptFor.join(', ')} use it`
        : res.BridgeRemoved ? 'Removed the network bridge and its firewall rules' : 'No network bridge to remove',
    ];
    ctx.io.stdout.write(lines.join('\n') + '\n');
    return 0;
  },
};
