/**
 * The subset of JSON Schema that themes/schema.json uses (type, required, properties,
 * patternProperties, propertyNames with enum, additionalProperties, pattern, $ref to #/$defs) — enough to validate themes
 * without a validator dependency. Returns error strings; empty means valid.
 */
type Schema = Record<string, unknown>;

export function validate(root: Schema, data: unknown): string[] {
  const errors: string[] = [];
  const resolveRef = (s: Schema): Schema => {
    if (typeof s.$ref !== 'string') return s;
    const path = (s.$ref as string).replace(/^#\//, '').split('/');
    return path.reduce<Schema>((o, k) => o[k] as Schema, root);
  };
  const walk = (schema0: Schema, v: unknown, at: string) => {
    const schema = resolveRef(schema0);
    const type = schema.type as string | undefined;
    if (type === 'object') {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) { errors.push(`${at}: not an object`); return; }
      const obj = v as Record<string, unknown>;
      for (const r of (schema.required as string[] | undefined) ?? []) if (!(r in obj)) errors.push(`${at}: missing ${r}`);
      const props = (schema.properties as Record<string, Schema> | undefined) ?? {};
      const patterns = (schema.patternProperties as Record<string, Schema> | undefined) ?? {};
      const names = schema.propertyNames ? resolveRef(schema.propertyNames as Schema) : undefined;
      for (const [k, val] of Object.entries(obj)) {
        if (names?.enum && !(names.enum as string[]).includes(k)) errors.push(`${at}: property name ${k} is not allowed`);
        if (props[k]) { walk(props[k]!, val, `${at}.${k}`); continue; }
        const pat = Object.entries(patterns).find(([re]) => new RegExp(re).test(k));
        if (pat) { walk(pat[1], val, `${at}.${k}`); continue; }
        if (schema.additionalProperties === false) errors.push(`${at}: unexpected property ${k}`);
      }
    } else if (type === 'string') {
      if (typeof v !== 'string') { errors.push(`${at}: not a string`); return; }
      if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern).test(v)) errors.push(`${at}: "${v}" does not match ${schema.pattern}`);
    }
  };
  walk(root, data, '$');
  return errors;
}
