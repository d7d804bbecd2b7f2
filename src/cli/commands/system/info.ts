/** `info`: docker's client/server layout, from the engine's SystemInfo. */
import type { CommandDef } from '../../command.js';
import { bytesSize, compileTemplate } from '../../format/index.js';
import { asString } from '../../util/io.js';

export const systemInfo: CommandDef = {
  path: ['system', 'info'],
  aliases: [['info']],
  usage: '[OPTIONS]',
  description: 'Display system-wide information',
  args: { max: 0 },
  flags: [{ name: 'format', short: 'f', type: 'string', valueName: 'string', description: "Format output using a custom template:\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template." }],
  async run(ctx) {
    const engine = await ctx.engine();
    const i = await engine.info();
    const format = asString(ctx.flags.format);
    if (format) {
      ctx.io.stdout.write(compileTemplate(format === 'json' ? '{{json .}}' : format).execute(i) + '\n');
      return 0;
    }
    const lines = [
      'Client:', ` Version:    ${i.ServerVersion}`, ` Context:    default`, ` Debug Mode: false`, '',
      'Server:',
      ` Containers: ${i.Containers}`, `  Running: ${i.ContainersRunning}`, `  Paused: ${i.ContainersPaused}`, `  Stopped: ${i.ContainersStopped}`,
      ` Images: ${i.Images}`, ` Server Version: ${i.ServerVersion} (berth, embedded: no daemon)`,
      ` Storage Driver: ${i.Driver}`, ` Logging Driver: ${i.LoggingDriver}`, ` Cgroup Driver: ${i.CgroupDriver}`, ` Cgroup Version: ${i.CgroupVersion}`,
      ` Runtimes: runc`, ` Default Runtime: ${i.DefaultRuntime}`, ` Security Options:`, ...i.SecurityOptions.map((s) => `  ${s.replace(/^name=/, '')}`),
      ` Kernel Version: ${i.KernelVersion}`, ` Operating System: ${i.OperatingSystem}`, ` OSType: ${i.OSType}`, ` Architecture: ${i.Architecture}`,
      ` CPUs: ${i.NCPU}`, ` Total Memory: ${bytesSize(i.MemTotal)}`, ` Name: ${i.Name}`, ` Docker Root Dir: ${i.DockerRootDir}`,
      ` Live Restore Enabled: true`, '',
    ];
    ctx.io.stdout.write(lines.join('\n') + '\n');
    return 0;
  },
};
