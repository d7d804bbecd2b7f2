/**
 * Listing output shared by every verb: docker's `--format` modes over a list of items, and plain
 * column tables, both laid out by docker's tabwriter settings (minwidth 10, padding 3).
 */
import { tabwrite, type TabwriterOptions } from './tabwriter.js';
import { renderHeader } from './table-header.js';
import { compileTemplate, type FuncMap } from './template.js';

/** Columns separated by at least 3 spaces; the last column is not padded. */
export function renderTable(headers: string[], rows: string[][], opts?: TabwriterOptions): string {
  // A tab or newline inside a cell would split it; cells are data here, not layout.
  const clean = (c: string) => c.replace(/[\t\n]/g, ' ');
  const lines = [headers, ...rows].map((r) => r.map(clean).join('\t') + '\n');
  return tabwrite(lines.join(''), opts);
}

export interface ListFormatOptions {
  /** The user's --format: "", "table", "table TEMPLATE", "json" or a raw TEMPLATE. */
  format?: string;
  /** Used when format is empty or exactly "table", e.g. "table {{.ID}}\t{{.Repository}}". */
  defaultTable: string;
  /** Column titles by field name (or dotted path), e.g. { ID: "IMAGE ID" }; others are derived. */
  headers: Record<string, string>;
  /** -q/--quiet: one line per item from quietFormat, whatever the format says. */
  quiet?: boolean;
  /** Defaults to docker's "{{.ID}}". */
  quietFormat?: string;
  /** Extra template functions for this verb. */
  funcs?: FuncMap;
}

/**
 * docker/cli's formatter.Context.preFormat: "table" prefix, "json" keyword, spaces trimmed, and
 * literal \t and \n typed by users turned into real tabs and newlines.
 */
export function resolveFormat(opts: Pick<ListFormatOptions, 'format' | 'defaultTable' | 'quiet' | 'quietFormat'>): { table: boolean; body: string } {
  let format = opts.format ?? '';
  if (opts.quiet) format = opts.quietFormat ?? '{{.ID}}';
  else if (format === '' || format === 'table') format = opts.defaultTable;
  const table = format.startsWith('table');
  let body = table ? format.slice('table'.length) : format === 'json' ? '{{json .}}' : format;
  body = body.replace(/^ +| +$/g, '').replace(/\\t/g, '\t').replace(/\\n/g, '\n');
  return { table, body };
}

/** Render items per docker's --format rules; every item's line ends with "\n". */
export function formatList<T>(items: readonly T[], opts: ListFormatOptions): string {
  const { table, body } = resolveFormat(opts);
  const tmpl = compileTemplate(body, { funcs: opts.funcs });
  const rows = items.map((item) => tmpl.execute(item) + '\n').join('');
  if (!table) return rows;
  return tabwrite(renderHeader(tmpl, opts.headers) + '\n' + rows);
}
