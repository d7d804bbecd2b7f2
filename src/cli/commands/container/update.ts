/**
 * `update [OPTIONS] CONTAINER...`: docker's flags parsed as the docker CLI parses them (MemBytes,
 * MemSwapBytes, NanoCPUs), one request sent to every container, each name printed on success.
 */
import type { CommandContext, CommandDef, FlagDef } from '../../command.js';
import type { ContainerUpdateRequest } from '../../../engine/types.js';
import { parseSize } from '../../format/index.js';
import { CliError } from '../../exit.js';
import { flagError } from '../../usage-errors.js';
import { asString } from '../../util/io.js';
import { eachContainer } from './lifecycle.js';
import { parseRestart } from './create-flags.js';

const FLAGS: FlagDef[] = [
  { name: 'cpu-shares', short: 'c', type: 'int', valueName: 'int', description: 'CPU shares (relative weight)' },
  { name: 'cpus', type: 'string', valueName: 'decimal', description: 'Number of CPUs' },
  { name: 'memory', short: 'm', type: 'string', valueName: 'bytes', description: 'Memory limit' },
  { name: 'memory-swap', type: 'string', valueName: 'bytes', description: 'Swap limit equal to memory plus swap: -1 to enable unlimited swap' },
  { name: 'pids-limit', type: 'int', valueName: 'int', description: 'Tune container pids limit (set -1 for unlimited)' },
  { name: 'restart', type: 'string', valueName: 'string', description: 'Restart policy to apply when a container exits' },
];

const USAGE = '[OPTIONS] CONTAINER [CONTAINER...]';

function badValue(ctx: CommandContext, name: string, value: string, why: string): CliError {
  const def = FLAGS.find((f) => f.name === name)!;
  const display = def.short ? `-${def.short}, --${def.name}` : `--${def.name}`;
  const path = ctx.path ?? ['update'];
  return flagError(`invalid argument "${value}" for "${display}" flag: ${why}`, `berth ${path.join(' ')} ${USAGE}`, path);
}

function bytes(ctx: CommandContext, name: string): number | undefined {
  const v = asString(ctx.flags[name]);
  if (v === undefined) return undefined;
  if (name === 'memory-swap' && v === '-1') return -1;
  try { return parseSize(v); } catch (err) { throw badValue(ctx, name, v, (err as Error).message); }
}

/** opts.ParseCPUs: a rational number (big.Rat syntax: "1.5", "3/2", "15e-1") that must come out as whole nanoCPUs. */
export function parseNanoCpus(v: string): number {
  const frac = /^([+-]?\d+)\/(\d+)$/.exec(v);
  if (frac) {
    const den = BigInt(frac[2]!);
    const num = BigInt(frac[1]!) * 1_000_000_000n;
    if (den === 0n) throw new Error(`failed to parse ${v} as a rational number`);
    if (num % den !== 0n) throw new Error('value is too precise');
    return Number(num / den);
  }
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(v);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new Error(`failed to parse ${v} as a rational number`);
  const digits = (m[2] ?? '') + (m[3] ?? '');
  const exp = Number(m[4] ?? 0) - (m[3] ?? '').length + 9;
  const int = BigInt(digits || '0');
  let nano: bigint;
  if (exp >= 0) nano = int * 10n ** BigInt(exp);
  else {
    const div = 10n ** BigInt(-exp);
    if (int % div !== 0n) throw new Error('value is too precise');
    nano = int / div;
  }
  return Number(m[1] === '-' ? -nano : nano);
}

export function buildUpdateRequest(ctx: CommandContext): ContainerUpdateRequest {
  const f = ctx.flags;
  const req: ContainerUpdateRequest = {};
  const cpus = asString(f.cpus);
  if (cpus !== undefined) {
    try { req.NanoCpus = parseNanoCpus(cpus); } catch (err) { throw badValue(ctx, 'cpus', cpus, (err as Error).message); }
  }
  const memory = bytes(ctx, 'memory');
  const swap = bytes(ctx, 'memory-swap');
  if (memory !== undefined) req.Memory = memory;
  if (swap !== undefined) req.MemorySwap = swap;
  if (typeof f['cpu-shares'] === 'number') req.CpuShares = f['cpu-shares'];
  // docker sends PidsLimit only when non-zero
  if (typeof f['pids-limit'] === 'number' && f['pids-limit'] !== 0) req.PidsLimit = f['pids-limit'];
  const restart = asString(f.restart);
  if (restart) {
    try { req.RestartPolicy = parseRestart(restart); } catch (err) { throw new CliError((err as Error).message, 1); }
  }
  return req;
}

export const updateCommand: CommandDef = {
  path: ['container', 'update'], aliases: [['update']], usage: USAGE,
  description: 'Update configuration of one or more containers', args: { min: 1 }, complete: 'container', flags: FLAGS,
  async run(ctx) {
    const given = ctx.changed ? ctx.changed.size : Object.values(ctx.flags).filter((v) => v !== undefined && v !== false).length;
    if (given === 0) throw new CliError('you must provide one or more flags when using this command', 1);
    const req = buildUpdateRequest(ctx);
    return eachContainer(ctx, async (e, ref) => { await e.updateContainer(ref, req); });
  },
};
