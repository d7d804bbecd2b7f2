/**
 * The variables of one stage while it builds: the image's Env (base image + ENV lines) and the
 * args this stage declared. Lookups give ENV precedence over ARG of the same name (docker's
 * documented rule; the legacy builder filters such args out).
 */
import { PROXY_ARGS, type MetaArgs } from './args.js';
import { processWord, type VarLookup } from './shell-lex.js';
import type { ArgDecl, ArgInstruction, EscapeToken } from './types.js';

export interface StageVarsOptions {
  meta: MetaArgs;
  buildArgs?: Readonly<Record<string, string>>;
  /** The base image's config Env ("K=V"). */
  env?: readonly string[];
  escape?: EscapeToken;
}

const keyOf = (kv: string) => {
  const i = kv.indexOf('=');
  return i < 0 ? kv : kv.slice(0, i);
};

export class StageVars implements VarLookup {
  private readonly envList: string[];
  /** Declared args → resolved value (undefined: declared, but no value from anywhere). */
  private readonly declared = new Map<string, string | undefined>();
  /** Arg names this stage consumed (for the unused build-arg warning). */
  readonly consumed = new Set<string>();

  constructor(private readonly opts: StageVarsOptions) {
    this.envList = [...(opts.env ?? [])];
  }

  private override(key: string): string | undefined {
    const b = this.opts.buildArgs;
    return b && Object.hasOwn(b, key) ? b[key] : undefined;
  }

  private envValue(key: string): string | undefined {
    for (let i = this.envList.length - 1; i >= 0; i--) {
      const kv = this.envList[i]!;
      if (keyOf(kv) === key) return kv.slice(key.length + 1);
    }
    return undefined;
  }

  /** An arg's value as this stage sees it (declared args, plus undeclared proxy args). */
  argValue(key: string): string | undefined {
    if (this.declared.has(key)) return this.declared.get(key);
    if (PROXY_ARGS.includes(key)) return this.override(key) ?? this.opts.meta.values.get(key);
    return undefined;
  }

  get(key: string): string | undefined {
    return this.envValue(key) ?? this.argValue(key);
  }

  /** ENV: replace an existing entry in place (docker keeps Env order) or append. */
  setEnv(key: string, value: string): void {
    const i = this.envList.findIndex((kv) => keyOf(kv) === key);
    if (i >= 0) this.envList[i] = `${key}=${value}`;
    else this.envList.push(`${key}=${value}`);
  }

  /** The image config Env. */
  env(): string[] {
    return [...this.envList];
  }

  /**
   * Apply an ARG line (raw, not pre-expanded): --build-arg value, else the default expanded
   * with what is visible so far, else the meta (global) value of the same name.
   */
  declare(instr: ArgInstruction): ArgDecl[] {
    const escape = this.opts.escape ?? '\\';
    return instr.args.map(({ key, value }) => {
      let v = this.override(key);
      if (v === undefined && value !== undefined) v = processWord(value, this, { escape });
      if (v === undefined) v = this.opts.meta.values.get(key);
      this.declared.set(key, v);
      this.consumed.add(key);
      return v === undefined ? { key } : { key, value: v };
    });
  }

  /** Args with values, not shadowed by ENV, as "K=V" sorted by key: the extra env of RUN. */
  runArgs(): string[] {
    const keys = new Set([...this.declared.keys(), ...PROXY_ARGS]);
    const out: string[] = [];
    for (const k of [...keys].sort()) {
      const v = this.argValue(k);
      if (v !== undefined && this.envValue(k) === undefined) out.push(`${k}=${v}`);
    }
    return out;
  }

  /**
   * The args that enter a RUN's cache key (the legacy builder's `|N K=V ...` prefix): all
   * runArgs except proxy args this stage did not declare, so proxies do not bust the cache.
   */
  cacheArgs(): string[] {
    return this.runArgs().filter((kv) => {
      const k = keyOf(kv);
      return this.declared.has(k) || !PROXY_ARGS.includes(k);
    });
  }
}
