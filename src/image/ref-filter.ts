/** docker's `reference=` filter: a path.Match glob against the familiar name, with or without tag. */

function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', i);
      if (end === -1) { re += '\\['; continue; }
      re += '[' + glob.slice(i + 1, end).replace(/^!/, '^') + ']';
      i = end;
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** `pattern` matches "busybox:latest" if it matches the whole string or, without a tag, the name. */
export function matchReference(pattern: string, familiarTag: string): boolean {
  const re = globToRegExp(pattern);
  if (re.test(familiarTag)) return true;
  const colon = familiarTag.lastIndexOf(':');
  const name = colon > familiarTag.lastIndexOf('/') ? familiarTag.slice(0, colon) : familiarTag;
  return !pattern.includes(':') && re.test(name);
}
