/** `cp`: copy files between a container and the local filesystem, with docker's archive semantics. */
import type { Readable } from 'node:stream';
import type { CommandDef } from '../../command.js';
import { CliError } from '../../exit.js';
import { humanSize } from '../../format/index.js';
import type { CopyConfig } from '../../../container/cp-client.js';

/**
 * CONTAINER:PATH or a local path. A local path with a colon must be explicit ("./a:b" or "/a:b"),
 * as in the docker CLI (and scp).
 */
export function splitCpArg(arg: string): [container: string, path: string] {
  if (arg.startsWith('/')) return ['', arg];
  const i = arg.indexOf(':');
  if (i < 0 || arg.startsWith('.')) return ['', arg];
  return [arg.slice(0, i), arg.slice(i + 1)];
}

export const cpCommand: CommandDef = {
  path: ['container', 'cp'], aliases: [['cp']],
  usage: '[OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-\n\tberth cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH',
  description: 'Copy files/folders between a container and the local filesystem',
  args: { min: 2, max: 2 }, complete: 'container',
  flags: [
    { name: 'archive', short: 'a', type: 'bool', description: 'Archive mode (copy all uid/gid information)' },
    { name: 'follow-link', short: 'L', type: 'bool', description: 'Always follow symbol link in SRC_PATH' },
    { name: 'quiet', short: 'q', type: 'bool', description: 'Suppress progress output during copy. Progress output is automatically suppressed if no terminal is attached' },
  ],
  async run(ctx) {
    const [source, destination] = ctx.args as [string, string];
    if (source === '') throw new CliError('source can not be empty');
    if (destination === '') throw new CliError('destination can not be empty');
    const [srcContainer, sourcePath] = splitCpArg(source);
    const [dstContainer, destPath] = splitCpArg(destination);
    if (srcContainer && dstContainer) throw new CliError('copying between containers is not supported');
    if (!srcContainer && !dstContainer) throw new CliError('must specify at least one container source');
    // docker: progress (and its closing line) only when asked for, or when stdout is a terminal
    const quiet = ctx.changed?.has('quiet') ? ctx.flags.quiet === true : !ctx.io.stdout.isTTY;
    const engine = await ctx.engine();
    const cfg: CopyConfig = {
      container: srcContainer || dstContainer, sourcePath, destPath,
      followLink: ctx.flags['follow-link'] === true, copyUIDGID: ctx.flags.archive === true, cwd: process.cwd(),
      stdin: ctx.io.stdin as unknown as Readable, stdout: ctx.io.stdout,
      report: quiet ? undefined : (n, dest) => ctx.io.stderr.write(`Successfully copied ${humanSize(n)} to ${dest}\n`),
    };
    // imported here: the tar/archive code would otherwise load with every verb (bench/ start-up)
    const { copyFromContainer, copyToContainer } = await import('../../../container/cp-client.js');
    await (srcContainer ? copyFromContainer(engine, cfg) : copyToContainer(engine, cfg));
    return 0;
  },
};
