/**
 * `WWW-Authenticate` challenges (RFC 7235), as registries send them:
 *   Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:x:pull"
 *   Basic realm="basic-realm"
 * Several challenges may share one header, and a response may carry several headers.
 */

export interface Challenge {
  /** Lower-cased: "bearer", "basic". */
  scheme: string;
  params: Record<string, string>;
}

export function parseChallenges(header: string | string[] | undefined): Challenge[] {
  if (!header) return [];
  const out: Challenge[] = [];
  for (const h of Array.isArray(header) ? header : [header]) out.push(...parseOne(h));
  return out;
}

function parseOne(s: string): Challenge[] {
  const out: Challenge[] = [];
  let i = 0;
  const ws = () => { while (i < s.length && /[\s,]/.test(s[i]!)) i++; };
  const token = () => {
    const start = i;
    while (i < s.length && /[!#$%&'*+\-.^_`|~0-9A-Za-z]/.test(s[i]!)) i++;
    return s.slice(start, i);
  };
  while (i < s.length) {
    ws();
    const scheme = token();
    if (!scheme) break;
    const params: Record<string, string> = {};
    for (;;) {
      while (i < s.length && (s[i] === ' ' || s[i] === '\t')) i++;
      const save = i;
      const key = token();
      while (i < s.length && (s[i] === ' ' || s[i] === '\t')) i++;
      if (!key || s[i] !== '=') { i = save; break; }
      i++;
      while (i < s.length && (s[i] === ' ' || s[i] === '\t')) i++;
      let value = '';
      if (s[i] === '"') {
        i++;
        while (i < s.length && s[i] !== '"') {
          if (s[i] === '\\' && i + 1 < s.length) i++;
          value += s[i++];
        }
        i++;
      } else {
        const start = i;
        while (i < s.length && s[i] !== ',' && !/\s/.test(s[i]!)) i++;
        value = s.slice(start, i);
      }
      params[key.toLowerCase()] = value;
      while (i < s.length && (s[i] === ' ' || s[i] === '\t')) i++;
      if (s[i] === ',') {
        // a comma either separates params or ends this challenge; look ahead for "key="
        const save2 = i;
        i++;
        while (i < s.length && /\s/.test(s[i]!)) i++;
        const k = token();
        while (i < s.length && (s[i] === ' ' || s[i] === '\t')) i++;
        const isParam = k && s[i] === '=';
        i = isParam ? save2 + 1 : save2;
        if (!isParam) break;
      } else break;
    }
    out.push({ scheme: scheme.toLowerCase(), params });
  }
  return out;
}
