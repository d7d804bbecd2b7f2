/** RUN, CMD, ENTRYPOINT, SHELL and HEALTHCHECK (BuildKit instructions/parse.go). */
import { invalid } from '../../lib/errors.js';
import type { HealthConfig } from '../../oci/types.js';
import { parseGoDuration } from './go-duration.js';
import { atLeastOne, commandLine, handleJsonArgs, type Request } from './instruction-request.js';
import { parseMount } from './run-mount.js';
import type {
  CmdInstruction, EntrypointInstruction, HealthcheckInstruction, RunInstruction, RunMount, ShellInstruction,
} from './types.js';

const NETWORKS = ['default', 'none', 'host'] as const;
const SECURITY = ['sandbox', 'insecure'] as const;

/**
 * Docker validates mounts when the RUN is dispatched (values may use variables), so parse time
 * never fails on them except for `from=$X`; specs without variables are still parsed in full
 * for the builder's convenience, the rest read `from` only.
 */
function parseTimeMount(spec: string): RunMount {
  const deferred = parseMount(spec);
  if (spec.includes('$')) return deferred;
  try {
    return parseMount(spec, (v) => v);
  } catch {
    return deferred;
  }
}

export function parseRun(req: Request): RunInstruction {
  const f = req.flags.declare({ mount: 'strings', network: 'string', security: 'string', device: 'strings' }).parse();
  const mountSpecs = f.strings('mount');
  const network = f.string('network') ?? 'default';
  const security = f.string('security') ?? 'sandbox';
  const mounts = mountSpecs.map(parseTimeMount);
  if (!(NETWORKS as readonly string[]).includes(network)) throw invalid(`invalid network mode ${JSON.stringify(network)}`);
  if (!(SECURITY as readonly string[]).includes(security)) throw invalid(`security ${JSON.stringify(security)} is not valid`);
  return {
    kind: 'RUN', ...req.base, cmd: commandLine(req), mounts, mountSpecs,
    network: network as RunInstruction['network'], security: security as RunInstruction['security'],
    devices: f.strings('device'), flagsUsed: f.used(),
  };
}

export function parseCmd(req: Request): CmdInstruction {
  req.flags.parse();
  return { kind: 'CMD', ...req.base, cmd: commandLine(req) };
}

export function parseEntrypoint(req: Request): EntrypointInstruction {
  req.flags.parse();
  return { kind: 'ENTRYPOINT', ...req.base, cmd: commandLine(req) };
}

export function parseShell(req: Request): ShellInstruction {
  req.flags.parse();
  const shell = handleJsonArgs(req.args, req.node.json);
  if (shell.length === 0) throw atLeastOne('SHELL');
  if (!req.node.json) throw invalid('SHELL requires the arguments to be in JSON form');
  return { kind: 'SHELL', ...req.base, shell };
}

/** A duration flag: 0 when empty, at least 1ms otherwise. */
function interval(name: string, value: string | undefined): number {
  if (!value) return 0;
  const d = parseGoDuration(value);
  if (d === 0) return 0;
  if (d < 1e6) throw invalid(`Interval ${JSON.stringify(name)} cannot be less than 1ms`);
  return d;
}

export function parseHealthcheck(req: Request): HealthcheckInstruction {
  if (req.args.length === 0) throw atLeastOne('HEALTHCHECK');
  const typ = req.args[0]!.toUpperCase();
  const args = req.args.slice(1);
  if (typ === 'NONE') {
    // As in docker, flags are not even looked at for NONE.
    if (args.length !== 0) throw invalid('HEALTHCHECK NONE takes no arguments');
    return { kind: 'HEALTHCHECK', ...req.base, health: { Test: ['NONE'] } };
  }
  const f = req.flags.declare({
    interval: 'string', timeout: 'string', 'start-period': 'string', 'start-interval': 'string', retries: 'string',
  }).parse();
  if (typ !== 'CMD') throw invalid(`Unknown type ${JSON.stringify(typ)} in HEALTHCHECK (try CMD)`);
  const cmd = handleJsonArgs(args, req.node.json);
  if (cmd.length === 0) throw invalid('Missing command after HEALTHCHECK CMD');
  const health: HealthConfig = { Test: [req.node.json ? 'CMD' : 'CMD-SHELL', ...cmd] };
  const durations: [keyof HealthConfig, string][] = [
    ['Interval', 'interval'], ['Timeout', 'timeout'], ['StartPeriod', 'start-period'], ['StartInterval', 'start-interval'],
  ];
  for (const [field, flag] of durations) {
    const v = interval(flag, f.string(flag));
    if (v) (health as Record<string, unknown>)[field] = v;
  }
  const retries = f.string('retries');
  if (retries) {
    if (!/^[+-]?[0-9]+$/.test(retries) || Math.abs(Number(retries)) > 2 ** 31 - 1) {
      throw invalid(`strconv.ParseInt: parsing ${JSON.stringify(retries)}: invalid syntax`);
    }
    const n = Number(retries);
    if (n < 0) throw invalid(`--retries cannot be negative (${n})`);
    if (n) health.Retries = n;
  }
  return { kind: 'HEALTHCHECK', ...req.base, health };
}
