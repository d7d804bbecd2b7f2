/** `image inspect`: docker's JSON array (4-space indent), or a template per object. */
import type { CommandDef, CommandContext } from '../../command.js';
import type { Engine } from '../../../engine/engine.js';
import { compileTemplate } from '../../format/index.js';
import { isEngineError } from '../../../lib/errors.js';
import { INSPECT_FORMAT_FLAG } from '../../util/common-flags.js';
import { asString } from '../../util/io.js';
import { markGoMaps } from '../../util/go-maps.js';

/**
 * Print objects as docker's inspect does: found ones on stdout, each miss as "Error: …" on stderr,
 * exit 1 if anything was missing.
 */
export async function printInspect(ctx: CommandContext, names: string[], kind: string, get: (name: string) => Promise<unknown>): Promise<number> {
  const found: unknown[] = [];
  const errors: string[] = [];
  for (const n of names) {
    try { found.push(await get(n)); } catch (err) {
      if (!isEngineError(err, 'NOT_FOUND')) throw err;
      errors.push(`No such ${kind}: ${n}`);
    }
  }
  const format = asString(ctx.flags.format);
  if (format && format !== 'json') {
    const t = compileTemplate(format);
    for (const f of found) ctx.io.stdout.write(t.execute(markGoMaps(f)) + '\n');
  } else {
    ctx.io.stdout.write(JSON.stringify(found, null, 4) + '\n');
  }
  for (const e of errors) ctx.io.stderr.write(`Error: ${e}\n`);
  return errors.length ? 1 : 0;
}

/** `<group> inspect` of one kind of object: docker's usage line, the format flag, printInspect. */
export function inspectVerb(kind: 'volume' | 'network', complete: CommandDef['complete'], get: (engine: Engine, name: string) => Promise<unknown>): CommandDef {
  const upper = kind.toUpperCase();
  return {
    path: [kind, 'inspect'],
    usage: `[OPTIONS] ${upper} [${upper}...]`,
    description: `Display detailed information on one or more ${kind}s`,
    args: { min: 1 },
    complete,
    flags: [INSPECT_FORMAT_FLAG],
    async run(ctx) {
      const engine = await ctx.engine();
      return printInspect(ctx, ctx.args, kind, (n) => get(engine, n));
    },
  };
}

export const imageInspect: CommandDef = {
  path: ['image', 'inspect'],
  usage: '[OPTIONS] IMAGE [IMAGE...]',
  description: 'Display detailed information on one or more images',
  args: { min: 1 },
  complete: 'image',
  flags: [INSPECT_FORMAT_FLAG, { name: 'platform', type: 'string', valueName: 'string', description: 'Inspect a specific platform of the multi-platform image.', hidden: true }],
  async run(ctx) {
    const engine = await ctx.engine();
    return printInspect(ctx, ctx.args, 'image', (n) => engine.inspectImage(n));
  },
};
