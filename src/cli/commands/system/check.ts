/**
 * `system check [--repair]` (podman's verb; docker has none): one line per finding, then a summary.
 * Exit 0 when the store is clean (or `--repair` made it clean), 1 otherwise.
 */
import type { CommandDef } from '../../command.js';
import type { CheckFinding } from '../../../engine/check/types.js';

function line(f: CheckFinding, repair: boolean): string {
  let state = '';
  // undefined in a repair run: first seen by the verification pass (a repair's consequence)
  if (repair) state = f.repaired ? ' [repaired]' : !f.repairable ? ' [not repairable]' : f.repaired === false ? ' [repair failed]' : ' [left]';
  else if (!f.repairable) state = ' [not repairable]';
  const hint = f.hint && !f.repaired ? `; to fix: ${f.hint}` : '';
  return `${f.severity.toUpperCase()} ${f.kind} ${f.path}: ${f.message}${state}${hint}`;
}

export const systemCheck: CommandDef = {
  path: ['system', 'check'],
  usage: '[OPTIONS]',
  description: 'Check the state root for consistency and optionally repair it',
  args: { max: 0 },
  flags: [
    { name: 'repair', type: 'bool', description: 'Fix what can be fixed without deleting images, containers or volumes' },
    { name: 'quiet', short: 'q', type: 'bool', description: 'Only print the summary' },
  ],
  async run(ctx) {
    const repair = ctx.flags.repair === true;
    const res = await (await ctx.engine()).systemCheck({ repair });
    if (!ctx.flags.quiet) for (const f of res.findings) ctx.io.stdout.write(line(f, repair) + '\n');
    const n = res.findings.length;
    const fixed = res.findings.filter((f) => f.repaired).length;
    let summary: string;
    if (n === 0) summary = 'No problems found';
    else if (repair) summary = `${n} problem(s) found, ${fixed} repaired, ${n - fixed} left${res.collected.blobs + res.collected.snapshots ? ` (collected ${res.collected.blobs} blob(s), ${res.collected.snapshots} snapshot(s))` : ''}`;
    else summary = `${n} problem(s) found, ${res.findings.filter((f) => f.repairable).length} repairable with --repair`;
    ctx.io.stdout.write(summary + '\n');
    return res.clean ? 0 : 1;
  },
};
