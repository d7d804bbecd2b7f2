/** Variable lookup; `undefined` means unset (which differs from empty for `${V-x}`). */
export interface VarLookup {
  get(name: string): string | undefined;
}

/** A VarLookup over a Map or "K=V" list (the last assignment of a key wins). */
export function varsOf(source: ReadonlyMap<string, string> | readonly string[] | Record<string, string>): VarLookup {
  if (source instanceof Map) return { get: (k) => source.get(k) };
  if (Array.isArray(source)) {
    const m = new Map<string, string>();
    for (const kv of source as readonly string[]) {
      const i = kv.indexOf('=');
      if (i < 0) m.set(kv, ''); else m.set(kv.slice(0, i), kv.slice(i + 1));
    }
    return { get: (k) => m.get(k) };
  }
  const rec = source as Record<string, string>;
  return { get: (k) => (Object.hasOwn(rec, k) ? rec[k] : undefined) };
}

export const NO_VARS: VarLookup = { get: () => undefined };
