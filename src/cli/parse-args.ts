/**
 * A flag parser with spf13/pflag's semantics (as cobra/docker use it): `--f v`, `--f=v`, bool
 * `--f` / `--f=false`, `-a`, `-aq`, `-t v`, `-tv`, `-t=v`, `-itp8080:80`, `--` ends flags,
 * stringArray repeats, interspersed args unless `stopAtFirstArg`. Errors carry pflag's exact text;
 * the caller adds docker's "Usage: … Run '… --help'" trailer.
 */
import type { FlagDef, FlagValues } from './command.js';
import { convertFlagValue } from './flag-values.js';

/** A pflag parse error (the first line of docker's message); exit 125 once wrapped. */
export class FlagError extends Error {
  override readonly name = 'FlagError';
}

export interface ParsedArgs {
  flags: FlagValues;
  args: string[];
  /** Long names of flags given on the command line (pflag's Changed). */
  changed: Set<string>;
  /** --help / -h was given (cobra checks it after a successful parse). */
  help: boolean;
  /** -h was used: docker prints "Flag shorthand -h has been deprecated, use --help". */
  helpShorthand: boolean;
}

export interface ParseOptions {
  /** docker run/exec/create: everything from the first positional on belongs to the container. */
  stopAtFirstArg?: boolean;
}

// cobra adds a hidden --help to every command; its -h shorthand yields to a verb's own -h (run -h = hostname).
const HELP: FlagDef = { name: 'help', type: 'bool', description: 'Print usage', hidden: true };

/** Defaults filled in: bool → default ?? false, stringArray → [], others → default (may be undefined). */
export function defaultFlagValues(defs: FlagDef[]): FlagValues {
  const values: FlagValues = {};
  for (const d of defs) {
    if (d.type === 'bool') values[d.name] = d.default ?? false;
    else if (d.type === 'stringArray') values[d.name] = [];
    else values[d.name] = d.default;
  }
  return values;
}

export function parseArgs(defs: FlagDef[], argv: string[], opts: ParseOptions = {}): ParsedArgs {
  const long = new Map(defs.map((d) => [d.name, d]));
  const short = new Map(defs.filter((d) => d.short).map((d) => [d.short!, d]));
  if (!long.has('help')) {
    long.set('help', HELP);
    if (!short.has('h')) short.set('h', HELP);
  }
  const res: ParsedArgs = { flags: defaultFlagValues(defs), args: [], changed: new Set(), help: false, helpShorthand: false };

  const set = (def: FlagDef, raw: string, viaShort: boolean): void => {
    let v: string | boolean | number;
    try {
      v = convertFlagValue(def, raw);
    } catch (err) {
      throw new FlagError((err as Error).message);
    }
    if (def === HELP) {
      res.help = v as boolean;
      res.helpShorthand ||= viaShort;
      return;
    }
    if (def.type === 'stringArray') {
      // The first occurrence replaces the default, later ones append (pflag stringArray).
      const prev = res.changed.has(def.name) ? (res.flags[def.name] as string[]) : [];
      res.flags[def.name] = [...prev, raw];
    } else res.flags[def.name] = v;
    res.changed.add(def.name);
  };

  let i = 0;
  while (i < argv.length) {
    const s = argv[i++]!;
    if (s.length < 2 || s[0] !== '-') {
      res.args.push(s);
      if (opts.stopAtFirstArg) {
        res.args.push(...argv.slice(i));
        break;
      }
      continue;
    }
    if (s === '--') {
      res.args.push(...argv.slice(i));
      break;
    }
    if (s[1] === '-') {
      const body = s.slice(2);
      if (body === '' || body[0] === '-' || body[0] === '=') throw new FlagError(`bad flag syntax: ${s}`);
      const eq = body.indexOf('=');
      const name = eq < 0 ? body : body.slice(0, eq);
      const def = long.get(name);
      if (!def) throw new FlagError(`unknown flag: --${name}`);
      if (eq >= 0) set(def, body.slice(eq + 1), false);
      else if (def.type === 'bool') set(def, 'true', false);
      else if (i < argv.length) set(def, argv[i++]!, false);
      else throw new FlagError(`flag needs an argument: ${s}`);
      continue;
    }
    // A run of shorthands: bools consume one letter; a value flag takes the rest or the next word.
    let shorts = s.slice(1);
    while (shorts.length > 0) {
      const c = shorts[0]!;
      const def = short.get(c);
      if (!def) throw new FlagError(`unknown shorthand flag: '${c}' in -${shorts}`);
      if (shorts.length > 2 && shorts[1] === '=') {
        set(def, shorts.slice(2), true);
        shorts = '';
      } else if (def.type === 'bool') {
        set(def, 'true', true);
        shorts = shorts.slice(1);
      } else if (shorts.length > 1) {
        set(def, shorts.slice(1), true);
        shorts = '';
      } else if (i < argv.length) {
        set(def, argv[i++]!, true);
        shorts = '';
      } else throw new FlagError(`flag needs an argument: '${c}' in -${shorts}`);
    }
  }
  return res;
}
