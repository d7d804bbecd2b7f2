/** `port`: a container's published ports from inspect, as the docker CLI prints them (natural order). */
import type { CommandDef } from '../../command.js';
import { CliError } from '../../exit.js';
import { naturalCompare } from '../volume/ls.js';

type Ports = Record<string, { HostIp: string; HostPort: string }[] | null>;

/** net.JoinHostPort: IPv6 hosts in brackets. */
const joinHostPort = (host: string, port: string) => (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`);

export const portCommand: CommandDef = {
  path: ['container', 'port'],
  aliases: [['port']],
  usage: 'CONTAINER [PRIVATE_PORT[/PROTO]]',
  description: 'List port mappings or a specific mapping for the container',
  args: { min: 1, max: 2 },
  complete: 'container',
  flags: [],
  async run(ctx) {
    const [ref, want] = ctx.args as [string, string | undefined];
    const c = await (await ctx.engine()).inspectContainer(ref);
    const ports = ((c.NetworkSettings as { Ports?: Ports }).Ports ?? {}) as Ports;
    const out: string[] = [];
    if (want !== undefined) {
      const [port = '', proto = 'tcp'] = want.split('/');
      if (!/^\d+$/.test(port) || Number(port) > 65535) {
        throw new CliError(`Error: invalid port (${port}): strconv.ParseUint: parsing ${JSON.stringify(port)}: ${/^\d+$/.test(port) ? 'value out of range' : 'invalid syntax'}`, 1);
      }
      const frontends = ports[`${port}/${proto || 'tcp'}`];
      if (!frontends?.length) throw new CliError(`Error: No public port '${want}' published for ${ref}`, 1);
      for (const f of frontends) out.push(joinHostPort(f.HostIp, f.HostPort));
    } else {
      for (const [from, frontends] of Object.entries(ports)) for (const f of frontends ?? []) out.push(`${from} -> ${joinHostPort(f.HostIp, f.HostPort)}`);
    }
    if (out.length) ctx.io.stdout.write(out.sort(naturalCompare).join('\n') + '\n');
    return 0;
  },
};
