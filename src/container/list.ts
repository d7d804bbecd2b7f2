/** `ps` / GET /containers/json: reconciled summaries, docker's filters and status strings. */
import type { ContainerListOptions, ContainerSummary } from '../types/container.js';
import { invalid } from '../lib/errors.js';
import type { ContainerDeps } from './runtime-deps.js';
import type { ContainerRecord } from './record.js';
import { syncRecord } from './reconcile.js';
import { humanDuration as humanDurationShort } from '../lib/human-duration.js';
import { matchLabel } from '../image/list.js';
import { containerSize } from './size.js';
import { describeHostResources } from './host-resources.js';
import { byCodePoint } from '../lib/compare.js';

const KNOWN = new Set(['status', 'name', 'id', 'label', 'ancestor', 'exited', 'before', 'since', 'health', 'volume', 'network', 'publish', 'expose', 'is-task']);
const STATUSES = new Set(['created', 'restarting', 'running', 'removing', 'paused', 'exited', 'dead']);

/** docker's Status column: "Up 5 minutes", "Exited (0) 2 seconds ago", "Created", "Up 3 seconds (Paused)". */
export function statusText(rec: ContainerRecord, now = Date.now()): string {
  const s = rec.State;
  if (s.Status === 'created') return 'Created';
  if (s.Status === 'running' || s.Status === 'paused') {
    const health = s.Health && s.Health.Status !== 'none' ? ` (${s.Health.Status === 'starting' ? 'health: starting' : s.Health.Status})` : '';
    return `Up ${humanDurationShort(now - Date.parse(s.StartedAt))}${s.Status === 'paused' ? ' (Paused)' : health}`;
  }
  if (s.Status === 'restarting') return `Restarting (${s.ExitCode}) ${humanDurationShort(now - Date.parse(s.FinishedAt))} ago`;
  if (s.Status === 'dead') return 'Dead';
  return `Exited (${s.ExitCode}) ${humanDurationShort(now - Date.parse(s.FinishedAt))} ago`;
}

export function summary(rec: ContainerRecord, imageName: (id: string, typed?: string) => string): ContainerSummary {
  // dockerd quotes arguments with spaces: sh -c 'echo hi'
  const args = rec.Args.map((a) => (a.includes(' ') ? `'${a}'` : a));
  return {
    Id: rec.Id, Names: [rec.Name], Image: imageName(rec.Image, rec.Config.Image), ImageID: rec.Image,
    Command: args.length ? `${rec.Path} ${args.join(' ')}` : rec.Path,
    Created: Math.floor(Date.parse(rec.Created) / 1000), Ports: [], Labels: rec.Config.Labels ?? {},
    State: rec.State.Status, Status: statusText(rec),
    HostConfig: { NetworkMode: rec.HostConfig.NetworkMode || 'bridge' }, NetworkSettings: { Networks: {} }, Mounts: [],
  };
}

export async function listContainers(deps: ContainerDeps, opts: ContainerListOptions, imageName: (id: string, typed?: string) => string): Promise<ContainerSummary[]> {
  const f = opts.filters ?? {};
  for (const k of Object.keys(f)) if (!KNOWN.has(k)) throw invalid(`invalid filter '${k}'`);
  for (const s of f.status ?? []) if (!STATUSES.has(s)) throw invalid(`invalid filter 'status=${s}'`);
  const records = await Promise.all((await deps.store.records.list()).map((r) => syncRecord(deps, r)));
  records.sort((a, b) => Date.parse(b.Created) - Date.parse(a.Created) || byCodePoint(b.Id, a.Id));
  const any = (k: string, pred: (v: string) => boolean) => !f[k]?.length || f[k]!.some(pred);
  const byRef = async (k: 'before' | 'since') => (f[k]?.[0] ? await deps.store.resolve(f[k]![0]!) : undefined);
  const before = await byRef('before');
  const since = await byRef('since');
  const all = opts.all || (opts.limit !== undefined && opts.limit > 0) || f.status?.length || f.exited?.length;
  let out = records.filter((r) => {
    if (!all && !r.State.Running) return false;
    const name = r.Name.slice(1);
    const image = imageName(r.Image, r.Config.Image);
    return any('status', (v) => v === r.State.Status)
      && any('name', (v) => new RegExp(v).test(name))
      && any('id', (v) => r.Id.startsWith(v))
      && (!f.label || f.label.every((l) => matchLabel(r.Config.Labels ?? {}, l)))
      && any('ancestor', (v) => v === image || v === r.Config.Image || r.Image.replace('sha256:', '').startsWith(v.replace('sha256:', '')) || image === `${v}:latest` || v === `${image}:latest`)
      && any('exited', (v) => r.State.Status === 'exited' && Number(v) === r.State.ExitCode)
      && any('health', (v) => (r.State.Health?.Status ?? 'none') === v)
      && any('volume', (v) => (r.berth.mounts ?? []).some((m) => m.Name === v || m.Destination === v || (m.Type === 'bind' && m.Source === v)))
      && any('network', (v) => v === (!r.HostConfig.NetworkMode || r.HostConfig.NetworkMode === 'default' ? 'bridge' : r.HostConfig.NetworkMode))
      && (!before || Date.parse(r.Created) < Date.parse(before.Created))
      && (!since || Date.parse(r.Created) > Date.parse(since.Created));
  });
  if (opts.limit !== undefined && opts.limit > 0) out = out.slice(0, opts.limit);
  const summaries = out.map((r) => summary(r, imageName));
  // PORTS, MOUNTS and NETWORKS (host-resources.ts)
  await Promise.all(summaries.map((sum, i) => describeHostResources(deps.store, out[i]!, sum)));
  const ported = filterPorts(summaries, f);
  // ps -s: sizes cost a walk of each writable layer, so only when asked (docker's size=true)
  if (opts.size) await Promise.all(ported.map(async (sum) => Object.assign(sum, await containerSize(deps, out[summaries.indexOf(sum)]!))));
  return ported;
}

/** docker's publish= (host ports) and expose= (container ports) filters: PORT, PORT/PROTO, FROM-TO[/PROTO]. */
export function filterPorts(list: ContainerSummary[], f: Record<string, string[]>): ContainerSummary[] {
  const matcher = (key: string) => (f[key] ?? []).map((v) => {
    const m = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/.exec(v);
    if (!m) throw invalid(`invalid filter '${key}=${v}'`);
    const lo = Number(m[1]);
    const hi = m[2] ? Number(m[2]) : lo;
    return (port: number | undefined, type: string) => port !== undefined && port >= lo && port <= hi && (!m[3] || m[3] === type);
  });
  const publish = matcher('publish');
  const expose = matcher('expose');
  return list.filter((c) => (!publish.length || publish.some((ok) => c.Ports.some((p) => ok(p.PublicPort, p.Type))))
    && (!expose.length || expose.some((ok) => c.Ports.some((p) => ok(p.PrivatePort, p.Type)))));
}
