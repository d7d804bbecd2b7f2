/** Docker-shaped verb definitions and an in-memory CommandIO for the CLI tests. */
import { PassThrough, Writable } from 'node:stream';
import type { CommandContext, CommandDef, CommandIO, FlagDef } from '../../../src/cli/command.js';

export const FORMAT: FlagDef = {
  name: 'format', type: 'string',
  description: "Format output using a custom template:\n'table':            Print output in table format with column headers (default)\n'table TEMPLATE':   Print output in table format using the given Go template\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates",
};

/** The last context a fixture verb ran with. */
export const seen: { ctx?: CommandContext } = {};
const record = async (ctx: CommandContext) => {
  seen.ctx = ctx;
  return 0;
};

export const imagesDef: CommandDef = {
  path: ['image', 'ls'], aliases: [['images'], ['image', 'list']], usage: '[OPTIONS] [REPOSITORY[:TAG]]',
  description: 'List images', args: { max: 1 }, run: record,
  flags: [
    { name: 'all', short: 'a', type: 'bool', description: 'Show all images (default hides intermediate images)' },
    { name: 'digests', type: 'bool', description: 'Show digests' },
    { name: 'filter', short: 'f', type: 'stringArray', valueName: 'filter', description: 'Filter output based on conditions provided' },
    FORMAT,
    { name: 'no-trunc', type: 'bool', description: "Don't truncate output" },
    { name: 'quiet', short: 'q', type: 'bool', description: 'Only show image IDs' },
    { name: 'tree', type: 'bool', description: 'List multi-platform images as a tree (EXPERIMENTAL)' },
  ],
};

export const psDef: CommandDef = {
  path: ['container', 'ls'], aliases: [['ps'], ['container', 'list'], ['container', 'ps']], usage: '[OPTIONS]',
  description: 'List containers', args: { max: 0 }, run: record,
  flags: [
    { name: 'all', short: 'a', type: 'bool', description: 'Show all containers (default shows just running)' },
    { name: 'filter', short: 'f', type: 'stringArray', valueName: 'filter', description: 'Filter output based on conditions provided' },
    FORMAT,
    { name: 'last', short: 'n', type: 'int', default: -1, description: 'Show n last created containers (includes all states)' },
    { name: 'latest', short: 'l', type: 'bool', description: 'Show the latest created container (includes all states)' },
    { name: 'no-trunc', type: 'bool', description: "Don't truncate output" },
    { name: 'quiet', short: 'q', type: 'bool', description: 'Only display container IDs' },
    { name: 'size', short: 's', type: 'bool', description: 'Display total file sizes' },
  ],
};

export const logsDef: CommandDef = {
  path: ['container', 'logs'], aliases: [['logs']], usage: '[OPTIONS] CONTAINER',
  description: 'Fetch the logs of a container', args: { min: 1, max: 1 }, run: record,
  flags: [
    { name: 'details', type: 'bool', description: 'Show extra details provided to logs' },
    { name: 'follow', short: 'f', type: 'bool', description: 'Follow log output' },
    { name: 'since', type: 'string', description: 'Show logs since timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)' },
    { name: 'tail', short: 'n', type: 'string', default: 'all', description: 'Number of lines to show from the end of the logs' },
    { name: 'timestamps', short: 't', type: 'bool', description: 'Show timestamps' },
    { name: 'until', type: 'string', description: 'Show logs before a timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)' },
  ],
};

export const tagDef: CommandDef = {
  path: ['image', 'tag'], aliases: [['tag']], usage: 'SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]',
  description: 'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE', args: { min: 2, max: 2 }, flags: [], run: record,
};

export const rmiDef: CommandDef = {
  path: ['image', 'rm'], aliases: [['rmi'], ['image', 'remove']], usage: '[OPTIONS] IMAGE [IMAGE...]',
  description: 'Remove one or more images', args: { min: 1 }, run: record,
  flags: [
    { name: 'force', short: 'f', type: 'bool', description: 'Force removal of the image' },
    { name: 'no-prune', type: 'bool', description: 'Do not delete untagged parents' },
  ],
};

export const commitDef: CommandDef = {
  path: ['container', 'commit'], aliases: [['commit']], usage: '[OPTIONS] CONTAINER [REPOSITORY[:TAG]]',
  description: "Create a new image from a container's changes", args: { min: 1, max: 2 }, flags: [], run: record,
};

export const runDef: CommandDef = {
  path: ['container', 'run'], aliases: [['run']], usage: '[OPTIONS] IMAGE [COMMAND] [ARG...]',
  description: 'Create and run a new container from an image', args: { min: 1 }, stopAtFirstArg: true, run: record,
  flags: [
    { name: 'detach', short: 'd', type: 'bool', description: 'Run container in background and print container ID' },
    { name: 'env', short: 'e', type: 'stringArray', valueName: 'list', description: 'Set environment variables' },
    { name: 'health-interval', type: 'duration', description: 'Time between running the check (ms|s|m|h) (default 0s)' },
    { name: 'hostname', short: 'h', type: 'string', description: 'Container host name' },
    { name: 'interactive', short: 'i', type: 'bool', description: 'Keep STDIN open even if not attached' },
    { name: 'publish', short: 'p', type: 'stringArray', valueName: 'list', description: "Publish a container's port(s) to the host" },
    { name: 'rm', type: 'bool', description: 'Automatically remove the container and its associated anonymous volumes when it exits' },
    { name: 'tty', short: 't', type: 'bool', description: 'Allocate a pseudo-TTY' },
    { name: 'stop-timeout', type: 'int', description: 'Timeout (in seconds) to stop a container' },
  ],
};

export const TABLE: CommandDef[] = [imagesDef, psDef, logsDef, tagDef, rmiDef, commitDef, runDef];

export interface FakeIO extends CommandIO {
  out(): string;
  err(): string;
}

/** Collects writes synchronously, so assertions right after runCli see everything. */
function sink(): Writable & { text: string } {
  const s = new Writable({
    write(chunk: Buffer, _enc, cb) {
      s.text += chunk.toString();
      cb();
    },
  }) as Writable & { text: string };
  s.text = '';
  return s;
}

export function fakeIO(env: NodeJS.ProcessEnv = {}): FakeIO {
  const stdout = sink();
  const stderr = sink();
  return { stdin: new PassThrough(), stdout, stderr, env, out: () => stdout.text, err: () => stderr.text };
}
