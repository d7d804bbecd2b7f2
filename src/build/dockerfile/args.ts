/**
 * Build-argument scoping, docker's rules: ARGs before the first FROM ("meta args") and the
 * automatic platform args are visible in FROM lines only; inside a stage an arg is visible
 * after `ARG NAME` (which inherits the meta value when it has no default); --build-arg values
 * override defaults; the proxy args are usable without declaration.
 */
import { atLocation } from './errors.js';
import { processWord, type VarLookup } from './shell-lex.js';
import type { ArgInstruction, Dockerfile } from './types.js';

/** Usable without an ARG line when given as --build-arg (and left out of cache keys). */
export const PROXY_ARGS: readonly string[] = [
  'HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy',
  'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy',
];

export interface PlatformSpec {
  os: string;
  architecture: string;
  variant?: string;
}

export interface ArgOptions {
  buildArgs?: Readonly<Record<string, string>>;
  /** Target platform; linux/amd64 when omitted. */
  platform?: PlatformSpec;
  /** Build (host) platform; the target platform when omitted. */
  buildPlatform?: PlatformSpec;
  /** The target stage name (TARGETSTAGE); "default" when none. */
  target?: string;
}

const formatPlatform = (p: PlatformSpec) => [p.os, p.architecture, p.variant].filter(Boolean).join('/');

/** BUILDPLATFORM, TARGETARCH, ... as BuildKit defines them; empty values are set, not unset. */
export function platformArgs(opts: ArgOptions = {}): Map<string, string> {
  const tp = opts.platform ?? { os: 'linux', architecture: 'amd64' };
  const bp = opts.buildPlatform ?? tp;
  const m = new Map<string, string>([
    ['BUILDPLATFORM', formatPlatform(bp)], ['BUILDOS', bp.os], ['BUILDOSVERSION', ''],
    ['BUILDARCH', bp.architecture], ['BUILDVARIANT', bp.variant ?? ''],
    ['TARGETPLATFORM', formatPlatform(tp)], ['TARGETOS', tp.os], ['TARGETOSVERSION', ''],
    ['TARGETARCH', tp.architecture], ['TARGETVARIANT', tp.variant ?? ''],
    ['TARGETSTAGE', opts.target || 'default'],
  ]);
  for (const k of m.keys()) {
    const override = opts.buildArgs?.[k];
    if (override !== undefined) m.set(k, override);
  }
  return m;
}

export interface MetaArgs extends VarLookup {
  readonly values: ReadonlyMap<string, string>;
  /** Names declared before the first FROM (for consumed-arg accounting). */
  readonly declared: ReadonlySet<string>;
}

/**
 * The global scope: platform args, then the ARGs before the first FROM in order (a default
 * may use earlier ones), each overridden by a --build-arg of the same name.
 */
export function resolveMetaArgs(df: Pick<Dockerfile, 'metaArgs' | 'escape'> & { file?: string }, opts: ArgOptions = {}): MetaArgs {
  const values = platformArgs(opts);
  const declared = new Set<string>();
  const vars: VarLookup = { get: (k) => values.get(k) };
  // located like every other Dockerfile error (a bad `ARG A=${X:?}` default named no line before)
  for (const instr of df.metaArgs) {
    atLocation(df.file ?? 'Dockerfile', instr.location, () => declareInto(instr, values, declared, vars, opts.buildArgs, df.escape));
  }
  return { values, declared, get: (k) => values.get(k) };
}

function declareInto(
  instr: ArgInstruction, into: Map<string, string>, declared: Set<string>, vars: VarLookup,
  buildArgs: Readonly<Record<string, string>> | undefined, escape: string,
): void {
  for (const a of instr.args) {
    declared.add(a.key);
    const override = buildArgs && Object.hasOwn(buildArgs, a.key) ? buildArgs[a.key] : undefined;
    if (override !== undefined) into.set(a.key, override);
    else if (a.value !== undefined) into.set(a.key, processWord(a.value, vars, { escape }));
  }
}

/**
 * Build args that no ARG consumed (docker warns "One or more build-args [...] were not
 * consumed"); proxy and platform args never count as unused.
 */
export function unusedBuildArgs(buildArgs: Readonly<Record<string, string>>, consumed: Iterable<string>): string[] {
  const used = new Set(consumed);
  const automatic = platformArgs();
  return Object.keys(buildArgs).filter((k) => !used.has(k) && !PROXY_ARGS.includes(k) && !automatic.has(k)).sort();
}
