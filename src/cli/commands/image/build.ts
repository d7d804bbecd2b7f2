/**
 * `build` (also `image build`, `builder build`): docker's legacy-builder flags and output.
 * `--progress plain` prints the legacy text stream plus a ` ---> Cache miss: <why>` line per
 * executed step; `tty` draws BuildKit's display; `auto` picks tty on a terminal; `-q` prints
 * only the image ID. Tags are validated before anything runs (pflag's message, exit 125).
 */
import { promises as fsp } from 'node:fs';
import type { CommandContext, CommandDef } from '../../command.js';
import { CliError } from '../../exit.js';
import { flagError } from '../../usage-errors.js';
import { useLine } from '../../help.js';
import { asString, asStrings } from '../../util/io.js';
import { EngineError, isEngineError } from '../../../lib/errors.js';
import { parseNormalizedNamed } from '../../../oci/reference.js';
import type { BuildEvent } from '../../../build/index.js';
// legacy-format, not the index: the index would pull the whole builder into every verb's start-up
import { legacyText } from '../../../build/legacy-format.js';
import { buildInput } from '../builder/build-input.js';
import { TtyProgress } from '../builder/progress-tty.js';

const PROGRESS = ['auto', 'plain', 'tty'];

function invalidFlag(ctx: CommandContext, flag: string, value: string, why: string): CliError {
  return flagError(`invalid argument "${value}" for "${flag}" flag: ${why}`, useLine(buildCommand, ctx.path ?? ['build']), ctx.path ?? ['build']);
}

/** `K=V`, or `K` taking its value from the environment (dropped when unset), as docker does. */
function keyValues(list: string[], env: NodeJS.ProcessEnv, fromEnv: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  for (const kv of list) {
    const i = kv.indexOf('=');
    if (i >= 0) out[kv.slice(0, i)] = kv.slice(i + 1);
    else if (!fromEnv) out[kv] = '';
    else if (env[kv] !== undefined) out[kv] = env[kv]!;
  }
  return out;
}

type Mode = 'plain' | 'tty' | 'quiet';

function renderer(ctx: CommandContext, mode: Mode): { on(e: BuildEvent): void; end(): void; buffered(): string } {
  let text = '';
  if (mode === 'tty') {
    const tty = new TtyProgress(ctx.io.stdout);
    return { on: (e) => tty.on(e), end: () => tty.finish(), buffered: () => '' };
  }
  return {
    on: (e) => {
      const s = legacyText(e, { explain: true });
      if (mode === 'plain') ctx.io.stdout.write(s);
      else text += s;
    },
    end: () => undefined,
    buffered: () => text,
  };
}

export const buildCommand: CommandDef = {
  path: ['image', 'build'],
  aliases: [['build'], ['builder', 'build']],
  usage: '[OPTIONS] PATH | URL | -',
  description: 'Build an image from a Dockerfile',
  args: { min: 1, max: 1 },
  complete: 'file',
  flags: [
    { name: 'build-arg', type: 'stringArray', valueName: 'list', description: 'Set build-time variables' },
    { name: 'file', short: 'f', type: 'string', valueName: 'string', description: 'Name of the Dockerfile (Default is "PATH/Dockerfile")' },
    { name: 'iidfile', type: 'string', valueName: 'string', description: 'Write the image ID to the file' },
    { name: 'label', type: 'stringArray', valueName: 'list', description: 'Set metadata for an image' },
    { name: 'network', type: 'string', valueName: 'string', default: 'default', description: 'Set the networking mode for the RUN instructions during build' },
    { name: 'no-cache', type: 'bool', description: 'Do not use cache when building the image' },
    { name: 'progress', type: 'string', valueName: 'string', default: 'auto', description: 'Set type of progress output (auto, plain, tty)' },
    { name: 'pull', type: 'bool', description: 'Always attempt to pull a newer version of the image' },
    { name: 'quiet', short: 'q', type: 'bool', description: 'Suppress the build output and print image ID on success' },
    { name: 'rm', type: 'bool', default: true, description: 'Remove intermediate containers after a successful build' },
    { name: 'force-rm', type: 'bool', description: 'Always remove intermediate containers' },
    { name: 'tag', short: 't', type: 'stringArray', valueName: 'list', description: 'Name and optionally a tag in the "name:tag" format' },
    { name: 'target', type: 'string', valueName: 'string', description: 'Set the target build stage to build.' },
    { name: 'platform', type: 'string', valueName: 'string', description: 'Set platform if server is multi-platform capable', hidden: true },
  ],
  async run(ctx) {
    const tags = asStrings(ctx.flags.tag);
    for (const t of tags) {
      try { parseNormalizedNamed(t); } catch (err) { throw invalidFlag(ctx, '-t, --tag', t, (err as Error).message); }
    }
    const progress = asString(ctx.flags.progress) ?? 'auto';
    if (!PROGRESS.includes(progress)) throw invalidFlag(ctx, '--progress', progress, `must be one of ${PROGRESS.join(', ')}`);
    const platform = asString(ctx.flags.platform);
    if (platform && !/^linux\/(amd64|x86_64)$/.test(platform)) throw new CliError(`berth builds for linux/amd64 only, not ${platform}`, 1);
    const iidfile = asString(ctx.flags.iidfile);
    if (iidfile) await fsp.rm(iidfile, { force: true });
    const input = await buildInput(ctx.io, ctx.args[0]!, asString(ctx.flags.file));
    const mode: Mode = ctx.flags.quiet ? 'quiet' : progress === 'auto' ? (ctx.io.stdout.isTTY ? 'tty' : 'plain') : progress as Mode;
    const engine = await ctx.engine();
    const handle = engine.build({
      ...input, tags, target: asString(ctx.flags.target) || undefined, noCache: ctx.flags['no-cache'] === true,
      pull: ctx.flags.pull === true, network: asString(ctx.flags.network), quiet: mode === 'quiet', signal: ctx.signal,
      buildArgs: keyValues(asStrings(ctx.flags['build-arg']), ctx.io.env, true), labels: keyValues(asStrings(ctx.flags.label), ctx.io.env, false),
    });
    const view = renderer(ctx, mode);
    let started = false;
    const shown = (async () => {
      for await (const e of handle.events) { started ||= e.type === 'step'; view.on(e); }
    })();
    try {
      const res = await handle.result;
      await shown;
      view.end();
      if (mode === 'quiet') ctx.io.stdout.write(`${res.imageId}\n`);
      // docker -q takes the ID from the printed output, newline included; otherwise from the aux message
      if (iidfile) await fsp.writeFile(iidfile, mode === 'quiet' ? `${res.imageId}\n` : res.imageId, { mode: 0o666 });
      return 0;
    } catch (err) {
      await shown;
      view.end();
      if (mode === 'quiet' && view.buffered()) ctx.io.stderr.write(view.buffered());
      // docker prints a failure after the build started as the stream's error, without the daemon prefix
      if (started && isEngineError(err) && err.code !== 'CANCELED') {
        throw new EngineError(err.code, err.message, { cause: err, detail: { ...err.detail, raw: true } });
      }
      throw err;
    }
  },
};
