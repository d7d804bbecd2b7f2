/**
 * EXPOSE port specs → ExposedPorts keys ("80/tcp"), as moby's parsePortSpecs reads them:
 * `[ip:[hostPort]:]containerPort[/proto]`, ranges expand to every port, proto defaults to tcp.
 */
import { invalid } from '../lib/errors.js';

function splitParts(raw: string): string {
  const parts = raw.split(':');
  return parts[parts.length - 1]!;
}

function parseRange(s: string): [number, number] | undefined {
  const m = /^(\d+)(?:-(\d+))?$/.exec(s);
  if (!m) return undefined;
  const start = Number(m[1]);
  const end = m[2] === undefined ? start : Number(m[2]);
  if (start > 65535 || end > 65535 || end < start) return undefined;
  return [start, end];
}

export function exposedPorts(specs: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of specs) {
    const container = splitParts(raw);
    const slash = container.indexOf('/');
    const port = slash < 0 ? container : container.slice(0, slash);
    if (port === '') throw invalid(`no port specified: ${raw}<empty>`);
    const proto = (slash < 0 || container.slice(slash + 1) === '' ? 'tcp' : container.slice(slash + 1)).toLowerCase();
    if (!['tcp', 'udp', 'sctp'].includes(proto)) throw invalid(`invalid proto: ${proto}`);
    const range = parseRange(port);
    if (!range) throw invalid(`invalid containerPort: ${port}`);
    for (let p = range[0]; p <= range[1]; p++) out.push(`${p}/${proto}`);
  }
  return out;
}
