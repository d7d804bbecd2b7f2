/**
 * Instruction flags (`COPY --from=x`, `RUN --mount=...`), with BuildKit's BFlags rules and
 * messages: each instruction declares what it accepts; anything else is "unknown flag".
 */
import { invalid } from '../../lib/errors.js';
import { withSuggestion } from './errors.js';

type FlagType = 'bool' | 'string' | 'strings';

interface FlagSpec {
  type: FlagType;
  value?: string;
  values: string[];
  used: boolean;
}

export class Flags {
  private readonly specs = new Map<string, FlagSpec>();

  constructor(private readonly args: readonly string[]) {}

  /** Declare the accepted flags, then parse; returns this for the typed getters. */
  declare(decl: Record<string, FlagType>): this {
    for (const [name, type] of Object.entries(decl)) this.specs.set(name, { type, values: [], used: false });
    return this;
  }

  parse(): this {
    for (const a of this.args) {
      if (a === '--') return this; // POSIX: the rest are operands
      if (!a.startsWith('--')) throw invalid(`arg should start with -- : ${a}`);
      const eq = a.indexOf('=');
      const flagName = eq < 0 ? a : a.slice(0, eq);
      const value = eq < 0 ? undefined : a.slice(eq + 1);
      const name = flagName.slice(2);
      const spec = this.specs.get(name);
      if (!spec) throw invalid(withSuggestion(`unknown flag: ${flagName}`, name, [...this.specs.keys()], true));
      if (spec.used && spec.type !== 'strings') throw invalid(`duplicate flag specified: ${flagName}`);
      spec.used = true;
      if (spec.type === 'bool') {
        if (value === '') throw invalid(`missing a value on flag: ${flagName}`);
        const v = (value ?? '').toLowerCase();
        if (v === 'true' || v === '') spec.value = 'true';
        else if (v === 'false') spec.value = 'false';
        else throw invalid(`expecting boolean value for flag ${flagName}, not: ${value}`);
        continue;
      }
      if (value === undefined) throw invalid(`missing a value on flag: ${flagName}`);
      if (spec.type === 'string') spec.value = value; else spec.values.push(value);
    }
    return this;
  }

  private spec(name: string): FlagSpec {
    const s = this.specs.get(name);
    if (!s) throw new Error(`flag ${name} not declared`);
    return s;
  }

  /** A string flag's value, undefined when not given. */
  string(name: string): string | undefined { return this.spec(name).value; }
  bool(name: string): boolean { return this.spec(name).value === 'true'; }
  /** A bool flag given explicitly (true or false), undefined when absent. */
  optionalBool(name: string): boolean | undefined {
    const s = this.spec(name);
    return s.used ? s.value === 'true' : undefined;
  }
  strings(name: string): string[] { return [...this.spec(name).values]; }
  used(): string[] { return [...this.specs].filter(([, s]) => s.used).map(([n]) => n); }
}
