/** Build context: .dockerignore parsing and matching, the context walk and its tar. */
export { parseDockerignore } from './ignore-file.js';
export { PatternMatcher, type MatchInfo } from './pattern-matcher.js';
export { Pattern } from './pattern.js';
export {
  buildFilesToRemove, keepBuildFiles, readIgnoreFile, DOCKERIGNORE, type IgnoreFile,
} from './ignore-rules.js';
export { walkContext, type ContextEntry, type WalkOptions } from './walk.js';
export { contextTar, type ContextTarOptions } from './context-tar.js';
export { goClean, goDir } from './go-path.js';
