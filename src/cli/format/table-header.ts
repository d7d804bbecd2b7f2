/**
 * The header row of a `table` format. Docker renders it by executing the same template against
 * a header context where every field yields its column title, with the string functions (json,
 * upper, join…) swapped for identities so titles stay intact while `printf`/`pad` still align.
 */
import { FIELD_RESOLVER, type DynamicFields } from './go-value.js';
import { BUILTIN_FUNCS, type FuncMap } from './template-funcs.js';
import type { Template } from './template.js';

/** "CreatedAt" → "CREATED AT", "IPAddress" → "IP ADDRESS", "ID" → "ID". */
export function defaultHeader(field: string): string {
  return field
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu}+)(\p{Lu}\p{Ll})/gu, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toUpperCase();
}

class HeaderCell implements DynamicFields {
  constructor(
    readonly label: string,
    private readonly path: string[],
    private readonly headers: Record<string, string>,
  ) {}

  child(name: string): HeaderCell {
    const path = [...this.path, name];
    const label = this.headers[path.join('.')] ?? this.headers[name] ?? defaultHeader(name);
    return new HeaderCell(label, path, this.headers);
  }

  /** A method call with a key, like `{{.Label "com.example.key"}}`, is titled after the key. */
  [FIELD_RESOLVER](name: string, args: unknown[]): HeaderCell {
    const key = args[0];
    return typeof key === 'string' ? this.child(name).child(key) : this.child(name);
  }

  toString(): string {
    return this.label;
  }
}

const same = (v: unknown) => v;
const asText = (v: unknown) => (v instanceof HeaderCell ? v.label : v);
const cmp = (name: 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge') => ({
  ...BUILTIN_FUNCS[name],
  fn: (...args: unknown[]) => BUILTIN_FUNCS[name].fn(...args.map(asText)),
});

const HEADER_FUNCS: FuncMap = {
  json: { fn: same, min: 1, max: 1 },
  split: { fn: same, min: 2, max: 2 },
  join: { fn: same, min: 2, max: 2 },
  title: { fn: same, min: 1, max: 1 },
  lower: { fn: same, min: 1, max: 1 },
  upper: { fn: same, min: 1, max: 1 },
  trim: { fn: same, min: 1, max: 1 },
  truncate: { fn: same, min: 2, max: 2 },
  len: { fn: same, min: 1, max: 1 },
  // {{index .Labels "com.example.key"}} titles the column after the key.
  index: {
    fn: (item: unknown, ...keys: unknown[]) => {
      const last = keys[keys.length - 1];
      return item instanceof HeaderCell && typeof last === 'string' ? item.child(last) : item;
    },
    min: 1,
  },
  eq: cmp('eq'), ne: cmp('ne'), lt: cmp('lt'), le: cmp('le'), gt: cmp('gt'), ge: cmp('ge'),
};

/**
 * Render the header line. Like docker, errors while rendering it are not fatal: the rows already
 * rendered fine, so whatever header text was produced is kept.
 */
export function renderHeader(tmpl: Template, headers: Record<string, string>): string {
  return tmpl.execute(new HeaderCell('', [], headers), { funcs: HEADER_FUNCS, partial: true });
}
