/**
 * The volume verbs over the store: list with docker's filters, inspect, remove (refused while a
 * container references the volume), prune (docker 23+: anonymous unused volumes unless all=true;
 * volumes with driver options are skipped as dockerd does), and sizes for `system df -v`.
 */
import { invalid } from '../lib/errors.js';
import type { Volume, VolumeListResponse, VolumePruneReport } from '../types/volume.js';
import type { VolumeRecord, VolumeRefs } from './types.js';
import type { VolumeStore } from './volume-store.js';
import { ANONYMOUS_LABEL } from './names.js';
import { dirSize } from './size.js';

export interface VolumeOpsDeps {
  store: VolumeStore;
  refs: VolumeRefs;
}

type Filters = Record<string, string[]>;

const LIST_FILTERS = new Set(['dangling', 'name', 'driver', 'label']);
const PRUNE_FILTERS = new Set(['label', 'label!', 'all']);

function validate(f: Filters, accepted: Set<string>): void {
  for (const k of Object.keys(f)) if (!accepted.has(k)) throw invalid(`invalid filter '${k}'`);
}

/** filters.Args.GetBoolOrDefault: one truthy or falsy value, else "invalid filter 'k=[v]'". */
function boolFilter(f: Filters, key: string): boolean | undefined {
  const v = f[key];
  if (!v) return undefined;
  const t = v.includes('1') || v.includes('true');
  const fa = v.includes('0') || v.includes('false');
  if (t === fa) throw invalid(`invalid filter '${key}=[${v.join(' ')}]'`);
  return t;
}

/** filters.Args.MatchKVList: every `k` / `k=v` must hold. */
function matchLabels(values: string[] | undefined, labels: Record<string, string> | null): boolean {
  if (!values?.length) return true;
  if (!labels || !Object.keys(labels).length) return false;
  return values.every((x) => {
    const i = x.indexOf('=');
    const k = i < 0 ? x : x.slice(0, i);
    return k in labels && (i < 0 || labels[k] === x.slice(i + 1));
  });
}

/** filters.Args.Match: an exact value, or a regexp matching anywhere. */
function matchName(values: string[] | undefined, name: string): boolean {
  if (!values?.length) return true;
  return values.some((v) => {
    if (v === name) return true;
    try { return new RegExp(v).test(name); } catch { return false; }
  });
}

function byLabels(f: Filters, r: VolumeRecord): boolean {
  return matchLabels(f.label, r.Labels) && !(f['label!']?.length && matchLabels(f['label!'], r.Labels));
}

export async function listVolumes(deps: VolumeOpsDeps, filters: Filters = {}): Promise<VolumeListResponse> {
  validate(filters, LIST_FILTERS);
  const dangling = boolFilter(filters, 'dangling');
  const refs = dangling === undefined ? new Map<string, string[]>() : await deps.refs();
  const list = (await deps.store.list()).filter((r) => matchName(filters.name, r.Name)
    && (!filters.driver?.length || filters.driver.includes(r.Driver))
    && byLabels(filters, r)
    && (dangling === undefined || dangling === !(refs.get(r.Name)?.length)));
  return { Volumes: list.map((r) => deps.store.toApi(r)), Warnings: [] };
}

export async function inspectVolume(deps: VolumeOpsDeps, name: string): Promise<Volume> {
  return deps.store.toApi(await deps.store.get(name));
}

const usersOf = (deps: VolumeOpsDeps) => async (name: string) => (await deps.refs()).get(name) ?? [];

export async function removeVolume(deps: VolumeOpsDeps, name: string, opts: { force?: boolean } = {}): Promise<void> {
  await deps.store.remove(name, usersOf(deps), opts);
}

export async function pruneVolumes(deps: VolumeOpsDeps, filters: Filters = {}): Promise<VolumePruneReport> {
  validate(filters, PRUNE_FILTERS);
  const f = { ...filters };
  if (f.all && f.all.length > 1) throw invalid(`invalid filter 'all=[${f.all.join(' ')}]': only one value is expected`);
  const all = f.all?.length ? parseBool(f.all[0]!) : false;
  delete f.all;
  if (!all) f.label = [...(f.label ?? []), ANONYMOUS_LABEL];
  const refs = await deps.refs();
  const report: VolumePruneReport = { VolumesDeleted: [], SpaceReclaimed: 0 };
  for (const r of await deps.store.list()) {
    if (refs.get(r.Name)?.length || hasOptions(r) || !byLabels(f, r)) continue;
    const size = await dirSize(deps.store.dataPath(r.Name));
    // a container created meanwhile may have taken it: remove() decides again under the lock
    if (!(await deps.store.remove(r.Name, usersOf(deps), { force: true }).catch(() => false))) continue;
    report.VolumesDeleted.push(r.Name);
    report.SpaceReclaimed += size;
  }
  await deps.store.events.append({ Type: 'volume', Action: 'prune', Actor: { ID: '', Attributes: { reclaimed: String(report.SpaceReclaimed) } } });
  return report;
}

const hasOptions = (r: VolumeRecord) => Object.keys(r.Options ?? {}).length > 0;

function parseBool(v: string): boolean {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  throw invalid(`invalid filter 'all': strconv.ParseBool: parsing ${JSON.stringify(v)}: invalid syntax`);
}

/** `system df`: local volumes without driver options, with their size and reference count. */
export async function volumesUsage(deps: VolumeOpsDeps): Promise<Volume[]> {
  const refs = await deps.refs();
  const list = (await deps.store.list()).filter((r) => !hasOptions(r));
  return Promise.all(list.map(async (r) => ({
    ...deps.store.toApi(r),
    UsageData: { Size: await dirSize(deps.store.dataPath(r.Name)).catch(() => -1), RefCount: refs.get(r.Name)?.length ?? 0 },
  })));
}
