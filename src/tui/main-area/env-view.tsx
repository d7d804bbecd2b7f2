/** Env tab (containers) and Config tab (images): the run configuration as readable sections. */
import { useMemo } from 'react';
import type { Engine } from '../../engine/engine.js';
import type { ContainerInspect, ImageInspect } from '../../engine/types.js';
import { humanSize } from '../panes/format.js';
import { useInspect } from './inspect-view.js';
import { TextView, type ViewLine } from './text-view.js';

const words = (v: string[] | string | null | undefined): string =>
  v === null || v === undefined ? '' : Array.isArray(v) ? v.map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(' ') : v;

function section(out: ViewLine[], title: string, rows: string[]): void {
  out.push([{ text: title, token: 'text.header', bold: true }]);
  if (rows.length === 0) out.push([{ text: '  (none)', dim: true }]);
  for (const r of rows) out.push([{ text: `  ${r}` }]);
  out.push([]);
}

function field(out: ViewLine[], name: string, value: string): void {
  out.push([{ text: `${name.padEnd(11)}`, token: 'text.header', bold: true }, { text: value || '-', dim: !value }]);
}

export function containerEnvLines(c: ContainerInspect): ViewLine[] {
  const out: ViewLine[] = [];
  field(out, 'COMMAND', words([c.Path, ...c.Args]));
  field(out, 'ENTRYPOINT', words(c.Config.Entrypoint));
  field(out, 'WORKDIR', c.Config.WorkingDir ?? '');
  field(out, 'USER', c.Config.User ?? '');
  field(out, 'TTY', c.Config.Tty ? 'yes' : 'no');
  field(out, 'RESTART', c.HostConfig.RestartPolicy?.Name || 'no');
  out.push([]);
  section(out, 'ENV', c.Config.Env ?? []);
  section(out, 'LABELS', Object.entries(c.Config.Labels ?? {}).map(([k, v]) => `${k}=${v}`));
  section(out, 'MOUNTS', (c.Mounts ?? []).map((m) => `${m.Type} ${m.Name ?? m.Source} → ${m.Destination}${m.RW ? '' : ' (ro)'}`));
  section(out, 'PORTS', Object.entries(c.HostConfig.PortBindings ?? {}).map(([port, b]) =>
    `${port} → ${(b ?? []).map((x) => `${x.HostIp || '0.0.0.0'}:${x.HostPort}`).join(', ') || '(not published)'}`));
  return out;
}

export function imageConfigLines(i: ImageInspect): ViewLine[] {
  const out: ViewLine[] = [];
  field(out, 'ID', i.Id);
  field(out, 'TAGS', i.RepoTags.join(', '));
  field(out, 'CREATED', i.Created);
  field(out, 'SIZE', humanSize(i.Size));
  field(out, 'PLATFORM', `${i.Os}/${i.Architecture}${i.Variant ? '/' + i.Variant : ''}`);
  field(out, 'CMD', words(i.Config?.Cmd));
  field(out, 'ENTRYPOINT', words(i.Config?.Entrypoint));
  field(out, 'WORKDIR', i.Config?.WorkingDir ?? '');
  field(out, 'USER', i.Config?.User ?? '');
  out.push([]);
  section(out, 'ENV', i.Config?.Env ?? []);
  section(out, 'EXPOSED PORTS', Object.keys(i.Config?.ExposedPorts ?? {}));
  section(out, 'VOLUMES', Object.keys(i.Config?.Volumes ?? {}));
  section(out, 'LABELS', Object.entries(i.Config?.Labels ?? {}).map(([k, v]) => `${k}=${v}`));
  return out;
}

export interface EnvViewProps {
  engine: Engine;
  kind: 'containers' | 'images';
  id: string;
  version: string;
  width: number;
  height: number;
}

export function EnvView(p: EnvViewProps) {
  const r = useInspect(p.engine, p.kind, p.id, p.version);
  const lines = useMemo<ViewLine[]>(() => {
    if (r.error) return [[{ text: `Error: ${r.error}`, token: 'error' }]];
    if (r.data === undefined) return [[{ text: 'loading…', dim: true }]];
    return p.kind === 'containers' ? containerEnvLines(r.data as ContainerInspect) : imageConfigLines(r.data as ImageInspect);
  }, [r, p.kind]);
  return <TextView lines={lines} width={p.width} height={p.height} />;
}
