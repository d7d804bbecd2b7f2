/** Dockerfile front end: parsing, variable expansion, build-arg scoping and the stage graph. */
export { parseDockerfile, parseTrigger, type ParseOptions } from './parse.js';
export { expandInstruction, type ExpandOptions } from './expand.js';
export {
  processWord, processWords, processWordWithMatches, varsOf, NO_VARS,
  type LexOptions, type VarLookup, type WordResult,
} from './shell-lex.js';
export {
  platformArgs, resolveMetaArgs, unusedBuildArgs, PROXY_ARGS,
  type ArgOptions, type MetaArgs, type PlatformSpec,
} from './args.js';
export { StageVars, type StageVarsOptions } from './stage-vars.js';
export {
  reachableStages, resolveTarget, stageDeps,
  type GraphOptions, type StageDep, type StageGraph, type StageNode, type StageRef,
} from './stages.js';
export { chompHeredoc, parseHeredoc } from './heredoc.js';
export { parseMount } from './run-mount.js';
export { INSTRUCTION_NAMES } from './instructions.js';
export type * from './types.js';
