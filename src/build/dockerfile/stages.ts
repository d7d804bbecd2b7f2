/**
 * Stage references and the stage dependency graph, with BuildKit's rules: FROM names an
 * *earlier* stage (else it is an image); COPY --from takes a stage name (any position) or
 * numeric index, else an image; RUN --mount from= a stage name, else an image. Only stages the
 * target reaches are built, in file order; a reachable reference to a later stage is an error.
 */
import { invalid } from '../../lib/errors.js';
import { atLocation, dockerfileError, withSuggestion } from './errors.js';
import { NO_VARS, processWord, type VarLookup } from './shell-lex.js';
import type { CopyInstruction, Dockerfile, RunInstruction, Stage } from './types.js';

export type StageRef =
  | { kind: 'stage'; index: number }
  | { kind: 'image'; ref: string }
  | { kind: 'scratch' };

export interface StageDep {
  ref: StageRef;
  /** The reference as written (`--from=` / `from=` value). */
  name: string;
  via: 'copy' | 'mount';
  instruction: CopyInstruction | RunInstruction;
}

export interface StageNode {
  index: number;
  name?: string;
  /** The name, or BuildKit's "stage-N" for unnamed stages (used in messages). */
  displayName: string;
  /** FROM image after meta-arg expansion. */
  image: string;
  platform?: string;
  base: StageRef;
  deps: StageDep[];
}

export interface StageGraph {
  file: string;
  nodes: StageNode[];
}

export interface GraphOptions {
  /** Meta args for FROM expansion (resolveMetaArgs); unset variables expand to "" without. */
  meta?: VarLookup;
}

const byName = (df: Dockerfile, name: string, before = df.stages.length): Stage | undefined =>
  df.stages.slice(0, before).find((s) => s.name !== undefined && s.name === name.toLowerCase());

function fromRef(df: Dockerfile, from: string): StageRef {
  if (processWord(from, NO_VARS, { escape: df.escape }) !== from) {
    throw invalid('variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround');
  }
  if (/^[+-]?[0-9]+$/.test(from)) {
    const index = Number(from);
    if (index < 0 || index >= df.stages.length) throw invalid(`invalid stage index ${index}`);
    return { kind: 'stage', index };
  }
  const s = byName(df, from);
  return s ? { kind: 'stage', index: s.index } : { kind: 'image', ref: from };
}

function nodeOf(df: Dockerfile, stage: Stage, meta: VarLookup): StageNode {
  const displayName = stage.name ?? `stage-${stage.index}`;
  const from = stage.from;
  const { image, platform } = atLocation(df.file, from.location, () => {
    const img = processWord(from.image, meta, { escape: df.escape });
    if (img === '') throw invalid(`base name (${from.image}) should not be blank`);
    let plat: string | undefined;
    if (from.platform !== undefined) {
      plat = processWord(from.platform, meta, { escape: df.escape });
      if (plat === '') throw invalid(`empty platform value from expression ${from.platform}`);
    }
    return { image: img, platform: plat };
  });
  const baseStage = byName(df, image, stage.index);
  const base: StageRef = baseStage ? { kind: 'stage', index: baseStage.index }
    : image === 'scratch' ? { kind: 'scratch' } : { kind: 'image', ref: image };
  const deps: StageDep[] = [];
  for (const instr of stage.instructions) {
    if (instr.kind === 'COPY' && instr.from !== undefined) {
      const ref = atLocation(df.file, instr.location, () => fromRef(df, instr.from!));
      deps.push({ ref, name: instr.from, via: 'copy', instruction: instr });
    } else if (instr.kind === 'RUN') {
      for (const m of instr.mounts) {
        if (!m.from) continue;
        const s = byName(df, m.from);
        deps.push({ ref: s ? { kind: 'stage', index: s.index } : { kind: 'image', ref: m.from }, name: m.from, via: 'mount', instruction: instr });
      }
    }
  }
  return { index: stage.index, ...(stage.name ? { name: stage.name } : {}), displayName, image, ...(platform ? { platform } : {}), base, deps };
}

/** The dependency graph of every stage; throws on circular COPY/mount references. */
export function stageDeps(df: Dockerfile, opts: GraphOptions = {}): StageGraph {
  const nodes = df.stages.map((s) => nodeOf(df, s, opts.meta ?? NO_VARS));
  checkCycles(df.file, nodes);
  return { file: df.file, nodes };
}

/** BuildKit's validateCircularDependency: a DFS over COPY/mount edges (FROM only looks back). */
function checkCycles(file: string, nodes: StageNode[]): void {
  const visited = new Set<number>();
  const path = new Set<number>();
  const visit = (n: StageNode, trail: StageDep[]): StageDep[] | undefined => {
    if (visited.has(n.index)) return undefined;
    visited.add(n.index);
    path.add(n.index);
    for (const d of n.deps) {
      if (d.ref.kind !== 'stage') continue;
      const next = [...trail, d];
      if (path.has(d.ref.index)) return next;
      const found = visit(nodes[d.ref.index]!, next);
      if (found) return found;
    }
    path.delete(n.index);
    return undefined;
  };
  for (const n of nodes) {
    const cycle = visit(n, []);
    if (cycle) {
      const loc = cycle[0]!.instruction.location;
      throw dockerfileError({ file, line: loc.line, column: loc.column }, `circular dependency detected on stage: ${n.displayName}`);
    }
  }
}

/** The index of the stage to build: by name (case-insensitive), or the last stage. */
export function resolveTarget(df: Dockerfile, target?: string): number {
  if (!target) return df.stages.length - 1;
  const s = byName(df, target);
  if (s) return s.index;
  const names = df.stages.flatMap((st) => (st.name ? [st.name] : []));
  throw invalid(withSuggestion(`target stage ${JSON.stringify(target)} could not be found`, target, names, true));
}

/** The stages `target` needs (itself included), in build order (file order). */
export function reachableStages(df: Dockerfile, target?: string, opts: GraphOptions = {}): number[] {
  const graph = stageDeps(df, opts);
  const seen = new Set<number>();
  const add = (i: number) => {
    if (seen.has(i)) return;
    seen.add(i);
    const n = graph.nodes[i]!;
    if (n.base.kind === 'stage') add(n.base.index);
    for (const d of n.deps) if (d.ref.kind === 'stage') add(d.ref.index);
  };
  add(resolveTarget(df, target));
  const order = [...seen].sort((a, b) => a - b);
  for (const i of order) {
    const n = graph.nodes[i]!;
    for (const d of n.deps) {
      if (d.ref.kind !== 'stage' || d.ref.index < i) continue;
      const loc = d.instruction.location;
      const msg = d.via === 'copy'
        ? `cannot copy from stage ${JSON.stringify(d.name)}, it needs to be defined before current stage ${JSON.stringify(n.displayName)}`
        : `cannot mount from stage ${JSON.stringify(d.name)}, stage needs to be defined before current command`;
      throw dockerfileError({ file: df.file, line: loc.line, column: loc.column }, msg);
    }
  }
  return order;
}
