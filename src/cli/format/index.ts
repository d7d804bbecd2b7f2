/** Output formatting for every berth verb: Go templates, docker tables, go-units sizes and times. */
export {
  asMap,
  BUILTIN_FUNCS,
  compileTemplate,
  FIELD_RESOLVER,
  toInt,
  toStr,
  type CompileOptions,
  type DynamicFields,
  type ExecuteOptions,
  type FuncDef,
  type FuncMap,
  type Template,
  type TemplateFn,
} from './template.js';
export { formatList, renderTable, resolveFormat, type ListFormatOptions } from './table.js';
export { defaultHeader } from './table-header.js';
export { tabwrite, type TabwriterOptions } from './tabwriter.js';
export { displayWidth, ellipsis } from './display.js';
export { bytesSize, goTime, humanDuration, humanSize, parseDuration, parseSize, parseTimestamp, timeAgo } from './units.js';
export { encodeJson, type JsonOptions } from './go-json.js';
export { sprint, sprintf, sprintln } from './go-printf.js';
export { formatValue, isTrue } from './go-value.js';
