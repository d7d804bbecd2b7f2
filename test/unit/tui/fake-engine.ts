/**
 * An in-memory Engine over arrays: a real fake, not mocks. State changes go through the same
 * methods the TUI calls and emit Docker-shaped events, so live updates are exercised end to end.
 * Methods the TUI never calls answer NOT_IMPLEMENTED.
 */
import type { Engine } from '../../../src/engine/engine.js';
import type {
  ContainerInspect, ContainerListOptions, ContainerStatsJSON, ContainerStatus, ContainerSummary, EngineEvent,
  ImageDeleteItem, ImageHistoryItem, ImageInspect, ImageSummary, LogLine, LogsOptions, Volume,
} from '../../../src/engine/types.js';
import { EngineError, notFound, conflict } from '../../../src/lib/errors.js';
import type { ImageLayerAnalysis, LayerAnalysis } from '../../../src/types/layer-analysis.js';
import { LayerReplay, type LayerSource, type SourceEntry } from '../../../src/image/layer-analysis-core.js';
import type { LoginResult, ProgressEvent, PullOptions, PullResult, PushOptions, PushResult } from '../../../src/types/registry.js';
import type { BuildEvent, BuildHandle, BuildOptions, BuildResult, StepRef } from '../../../src/build/types.js';

/** A layer's tree from "path → bytes" (null = whiteout, trailing "/" = directory). */
function memLayer(spec: Record<string, number | null>): LayerSource {
  return {
    list(rel) {
      const out = new Map<string, SourceEntry>();
      for (const [raw, v] of Object.entries(spec)) {
        const path = raw.replace(/\/$/, '');
        if (rel && !path.startsWith(`${rel}/`)) continue;
        const [name, ...more] = (rel ? path.slice(rel.length + 1) : path).split('/');
        const leaf = more.length === 0;
        out.set(name!, !leaf || raw.endsWith('/') ? { name: name!, type: 'dir', size: 0 }
          : v === null ? { name: name!, type: 'whiteout', size: 0 } : { name: name!, type: 'file', size: v });
      }
      return [...out.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
    },
  };
}

export interface FakeContainer {
  id: string;
  name: string;
  image: string;
  imageId: string;
  state: ContainerStatus;
  created: number;
  env?: string[];
  cmd?: string[];
  logs: string[];
}

export interface FakeVolume {
  name: string;
  size: number;
  /** Containers using it. */
  users: string[];
}

export interface FakeImage {
  id: string;
  tags: string[];
  size: number;
  created: number;
  history: { createdBy: string; size: number }[];
  /** Files per history entry (same order, newest first): path → bytes, null = removed, "dir/" = directory. */
  files?: (Record<string, number | null> | undefined)[];
}

const NOW = Math.floor(Date.now() / 1000);
const hex = (seed: string) => (seed.repeat(64)).slice(0, 64);

export function sampleContainers(): FakeContainer[] {
  return [
    { id: hex('a1'), name: 'web', image: 'busybox', imageId: `sha256:${hex('b1')}`, state: 'running', created: NOW - 120, env: ['PATH=/bin', 'MODE=demo'], cmd: ['sh', '-c', 'while true; do echo tick; sleep 1; done'], logs: ['tick 1', 'tick 2', 'tick 3'] },
    { id: hex('c2'), name: 'db', image: 'busybox', imageId: `sha256:${hex('b1')}`, state: 'exited', created: NOW - 3600, cmd: ['true'], logs: ['bye'] },
    { id: hex('d3'), name: 'cache', image: 'busybox', imageId: `sha256:${hex('b1')}`, state: 'paused', created: NOW - 60, cmd: ['sleep', '1d'], logs: [] },
  ];
}

export function sampleVolumes(): FakeVolume[] {
  return [
    { name: 'data', size: 12_000_000, users: ['web'] },
    { name: 'f00d'.repeat(16), size: 3_000, users: [] },
  ];
}

export function sampleImages(): FakeImage[] {
  return [
    {
      id: `sha256:${hex('b1')}`, tags: ['busybox:latest'], size: 1_990_000, created: NOW - 86400,
      history: [
        { createdBy: '/bin/sh -c #(nop)  CMD ["sh"]', size: 0 },
        { createdBy: '/bin/sh -c adduser -D app && rm /etc/group', size: 90_000 },
        { createdBy: '/bin/sh -c #(nop) ADD file:abc in / ', size: 1_900_000 },
      ],
      files: [
        undefined,
        { 'etc/': 0, 'etc/passwd': 90_000, 'etc/group': null },
        { 'bin/busybox': 1_000_000, 'etc/passwd': 340, 'etc/group': 200, 'usr/share/doc/README': 899_460 },
      ],
    },
    { id: `sha256:${hex('e5')}`, tags: [], size: 5_000_000, created: NOW - 7200, history: [{ createdBy: 'RUN make', size: 5_000_000 }] },
  ];
}

type Waiter = () => void;

export class FakeEngine implements Engine {
  readonly description = 'fake in-memory engine';
  containers: FakeContainer[];
  images: FakeImage[];
  volumes: FakeVolume[];
  private waiters = new Set<Waiter>();
  private eventQueue: EngineEvent[] = [];
  calls: string[] = [];

  /** `volumes: null` builds an engine without a volume API (an older or remote engine). */
  constructor(opts: { containers?: FakeContainer[]; images?: FakeImage[]; volumes?: FakeVolume[] | null } = {}) {
    this.containers = opts.containers ?? sampleContainers();
    this.images = opts.images ?? sampleImages();
    this.volumes = opts.volumes ?? sampleVolumes();
    if (opts.volumes === null) {
      for (const k of ['listVolumes', 'inspectVolume', 'removeVolume', 'pruneVolumes', 'createVolume']) Object.defineProperty(this, k, { value: undefined });
    }
  }

  // ---- test helpers -------------------------------------------------------------------------
  private wake(): void { for (const w of [...this.waiters]) w(); }
  private wait(signal?: AbortSignal): Promise<void> {
    return new Promise((res) => {
      const done = () => { this.waiters.delete(done); signal?.removeEventListener('abort', done); res(); };
      this.waiters.add(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }
  emit(type: EngineEvent['Type'], action: string, id: string, name = ''): void {
    const t = Date.now();
    this.eventQueue.push({ Type: type, Action: action, Actor: { ID: id, Attributes: { name } }, scope: 'local', time: Math.floor(t / 1000), timeNano: t * 1e6 });
    this.wake();
  }
  /** A container prints a line (followers see it). */
  log(ref: string, line: string): void {
    this.find(ref).logs.push(line);
    this.wake();
  }
  addContainer(c: FakeContainer): void {
    this.containers.push(c);
    this.emit('container', 'create', c.id, c.name);
  }

  private find(ref: string): FakeContainer {
    const c = this.containers.find((x) => x.id === ref || x.id.startsWith(ref) || x.name === ref);
    if (!c) throw notFound(`No such container: ${ref}`);
    return c;
  }
  private findImage(ref: string): FakeImage {
    const i = this.images.find((x) => x.id === ref || x.id.replace('sha256:', '').startsWith(ref) || x.tags.includes(ref) || x.tags.includes(`${ref}:latest`));
    if (!i) throw notFound(`No such image: ${ref}`);
    return i;
  }
  private setState(c: FakeContainer, state: ContainerStatus, action: string): void {
    c.state = state;
    this.emit('container', action, c.id, c.name);
  }

  // ---- containers ---------------------------------------------------------------------------
  private summary(c: FakeContainer): ContainerSummary {
    const status = c.state === 'running' ? 'Up 2 minutes' : c.state === 'paused' ? 'Up 1 minute (Paused)' : c.state === 'created' ? 'Created' : 'Exited (0) 1 hour ago';
    return {
      Id: c.id, Names: [`/${c.name}`], Image: c.image, ImageID: c.imageId, Command: (c.cmd ?? []).join(' '), Created: c.created,
      Ports: [], Labels: {}, State: c.state, Status: status, HostConfig: { NetworkMode: 'bridge' }, NetworkSettings: { Networks: {} }, Mounts: [],
    };
  }
  async listContainers(opts: ContainerListOptions = {}): Promise<ContainerSummary[]> {
    this.calls.push('listContainers');
    const status = opts.filters?.status;
    return this.containers
      .filter((c) => (opts.all || status ? true : c.state === 'running'))
      .filter((c) => !status || status.includes(c.state))
      .map((c) => this.summary(c));
  }
  async inspectContainer(ref: string): Promise<ContainerInspect> {
    const c = this.find(ref);
    return {
      Id: c.id, Created: new Date(c.created * 1000).toISOString(), Path: c.cmd?.[0] ?? '', Args: c.cmd?.slice(1) ?? [],
      State: { Status: c.state, Running: c.state === 'running' || c.state === 'paused', Paused: c.state === 'paused', Restarting: false, OOMKilled: false, Dead: false, Pid: 0, ExitCode: 0, Error: '', StartedAt: '', FinishedAt: '' },
      Image: c.imageId, ResolvConfPath: '', HostnamePath: '', HostsPath: '', LogPath: '', Name: `/${c.name}`, RestartCount: 0, Driver: 'overlay',
      Platform: 'linux', MountLabel: '', ProcessLabel: '', AppArmorProfile: '', ExecIDs: null, HostConfig: { RestartPolicy: { Name: 'no' } },
      GraphDriver: { Name: 'overlay', Data: null }, Mounts: [], Config: { Image: c.image, Env: c.env ?? [], Cmd: c.cmd ?? [], Labels: {} }, NetworkSettings: {},
    };
  }
  async *containerLogs(ref: string, opts: LogsOptions): AsyncIterable<LogLine> {
    const c = this.find(ref);
    let at = opts.tail === undefined ? 0 : Math.max(0, c.logs.length - opts.tail);
    for (;;) {
      while (at < c.logs.length) yield { stream: 'stdout', time: new Date().toISOString(), line: Buffer.from(c.logs[at++]! + '\n') };
      if (!opts.follow || opts.signal?.aborted || c.state !== 'running' && c.state !== 'paused') return;
      await this.wait(opts.signal);
    }
  }
  async startContainer(ref: string) {
    const c = this.find(ref);
    const already = c.state === 'running';
    if (!already) this.setState(c, 'running', 'start');
    return { alreadyRunning: already };
  }
  async stopContainer(ref: string): Promise<boolean> {
    const c = this.find(ref);
    if (c.state !== 'running' && c.state !== 'paused') return false;
    this.setState(c, 'exited', 'die');
    return true;
  }
  async restartContainer(ref: string): Promise<void> {
    const c = this.find(ref);
    this.setState(c, 'running', 'restart');
  }
  async killContainer(ref: string, signal = 'SIGKILL'): Promise<void> {
    const c = this.find(ref);
    if (c.state !== 'running') throw conflict(`Container ${c.id} is not running`);
    this.calls.push(`kill ${c.name} ${signal}`);
    this.setState(c, 'exited', 'die');
  }
  async pauseContainer(ref: string): Promise<void> { this.setState(this.find(ref), 'paused', 'pause'); }
  async unpauseContainer(ref: string): Promise<void> { this.setState(this.find(ref), 'running', 'unpause'); }
  async removeContainer(ref: string, opts: { force?: boolean } = {}): Promise<void> {
    const c = this.find(ref);
    if ((c.state === 'running' || c.state === 'paused') && !opts.force) {
      throw conflict(`cannot remove container "/${c.name}": container is running: stop the container before removing or force remove`);
    }
    this.containers = this.containers.filter((x) => x !== c);
    this.emit('container', 'destroy', c.id, c.name);
  }
  async pruneContainers() {
    const gone = this.containers.filter((c) => c.state === 'exited' || c.state === 'created' || c.state === 'dead');
    for (const c of gone) await this.removeContainer(c.id);
    return { ContainersDeleted: gone.map((c) => c.id), SpaceReclaimed: 0 };
  }
  async containerTop(ref: string) {
    this.find(ref);
    return { Titles: ['UID', 'PID', 'CMD'], Processes: [['root', '42', 'sh -c while true']] };
  }
  async *containerStats(ref: string, opts: { signal?: AbortSignal } = {}): AsyncIterable<ContainerStatsJSON> {
    this.find(ref);
    let n = 0;
    while (!opts.signal?.aborted && n < 3) {
      n++;
      yield {
        read: '', preread: '', pids_stats: { current: 1 }, num_procs: 0, storage_stats: {}, name: '/x', id: ref,
        blkio_stats: { io_service_bytes_recursive: null, io_serviced_recursive: null, io_queue_recursive: null, io_service_time_recursive: null, io_wait_time_recursive: null, io_merged_recursive: null, io_time_recursive: null, sectors_recursive: null },
        cpu_stats: { cpu_usage: { total_usage: 2e8 * n, usage_in_kernelmode: 0, usage_in_usermode: 0 }, system_cpu_usage: 1e9 * n, online_cpus: 1, throttling_data: { periods: 0, throttled_periods: 0, throttled_time: 0 } },
        precpu_stats: { cpu_usage: { total_usage: 2e8 * (n - 1), usage_in_kernelmode: 0, usage_in_usermode: 0 }, system_cpu_usage: 1e9 * (n - 1), online_cpus: 1, throttling_data: { periods: 0, throttled_periods: 0, throttled_time: 0 } },
        memory_stats: { usage: 4_000_000, limit: 100_000_000, stats: {} },
      };
    }
  }

  // ---- images -------------------------------------------------------------------------------
  async listImages(opts: { filters?: Record<string, string[]> } = {}): Promise<ImageSummary[]> {
    this.calls.push('listImages');
    const used = new Set(this.containers.map((c) => c.imageId));
    return this.images
      .filter((i) => opts.filters?.dangling?.[0] !== 'true' || i.tags.length === 0)
      .map((i) => ({ Id: i.id, ParentId: '', RepoTags: i.tags, RepoDigests: [], Created: i.created, Size: i.size, SharedSize: -1, Labels: {}, Containers: used.has(i.id) ? 1 : 0 }));
  }
  async inspectImage(ref: string): Promise<ImageInspect> {
    const i = this.findImage(ref);
    return {
      Id: i.id, RepoTags: i.tags, RepoDigests: [], Parent: '', Comment: '', Created: new Date(i.created * 1000).toISOString(), DockerVersion: '', Author: '',
      Config: { Cmd: ['sh'], Env: ['PATH=/bin'] }, Architecture: 'amd64', Os: 'linux', Size: i.size,
      GraphDriver: { Name: 'overlay', Data: null }, RootFS: { Type: 'layers', Layers: [] }, Metadata: { LastTagTime: '' },
    };
  }
  async imageHistory(ref: string): Promise<ImageHistoryItem[]> {
    const i = this.findImage(ref);
    return i.history.map((h, n) => ({ Id: n === 0 ? i.id : '<missing>', Created: i.created, CreatedBy: h.createdBy, Tags: null, Size: h.size, Comment: '' }));
  }
  /** The real replay (src/image/layer-analysis-core) over the in-memory files. */
  async imageLayers(ref: string): Promise<ImageLayerAnalysis> {
    const i = this.findImage(ref);
    const replay = new LayerReplay();
    const hist = [...i.history].reverse();
    const files = [...(i.files ?? [])].reverse();
    const layers: LayerAnalysis[] = [];
    for (const [index, h] of hist.entries()) {
      const l: LayerAnalysis = { index, createdBy: h.createdBy, empty: h.size === 0, size: h.size, files: [], wastedBytes: 0 };
      if (!l.empty) await replay.apply(index, memLayer(files[index] ?? {}), l.files);
      layers.push(l);
    }
    for (const l of layers) l.wastedBytes = replay.waste[l.index] ?? 0;
    const sizes = layers.filter((l) => !l.empty).map((l) => l.size);
    const totalSize = sizes.reduce((x, y) => x + y, 0);
    return {
      id: i.id, layers, totalSize, userSize: totalSize - (sizes[0] ?? 0), efficiency: replay.efficiency(),
      wastedBytes: replay.waste.reduce((x, y) => x + (y ?? 0), 0), inefficientPaths: replay.inefficientPaths(), truncated: false, notes: [],
    };
  }
  async tagImage(source: string, target: string): Promise<void> {
    this.findImage(source).tags.push(target);
    this.emit('image', 'tag', this.findImage(source).id, target);
  }
  async removeImage(ref: string, opts: { force?: boolean } = {}): Promise<ImageDeleteItem[]> {
    const i = this.findImage(ref);
    if (!opts.force && this.containers.some((c) => c.imageId === i.id)) {
      throw conflict(`conflict: unable to remove repository reference "${ref}" (must force) - container is using its referenced image`);
    }
    const out: ImageDeleteItem[] = [];
    if (i.tags.includes(ref) && i.tags.length > 1) {
      i.tags = i.tags.filter((t) => t !== ref);
      out.push({ Untagged: ref });
    } else {
      this.images = this.images.filter((x) => x !== i);
      out.push(...i.tags.map((t) => ({ Untagged: t })), { Deleted: i.id });
    }
    this.emit('image', 'delete', i.id);
    return out;
  }
  async pruneImages(opts: { all?: boolean } = {}) {
    const used = new Set(this.containers.map((c) => c.imageId));
    const gone = this.images.filter((i) => !used.has(i.id) && (opts.all || i.tags.length === 0));
    this.images = this.images.filter((i) => !gone.includes(i));
    for (const i of gone) this.emit('image', 'delete', i.id);
    return { ImagesDeleted: gone.map((i) => ({ Deleted: i.id })), SpaceReclaimed: gone.reduce((n, i) => n + i.size, 0) };
  }

  // ---- registry -----------------------------------------------------------------------------
  /** Registries (host → user:password) that answer 401 until a login with those credentials. */
  protectedRegistries = new Map<string, string>();
  loggedIn = new Set<string>();
  /** Images a pull can fetch: reference → layer sizes. */
  remote = new Map<string, number[]>([['127.0.0.1:5000/demo/app:1.0', [3_000_000, 1_000_000]]]);
  private holds: (() => void)[] = [];
  private held = false;
  /** Transfers stop halfway until release() (to look at a frame mid-transfer). */
  hold(): void { this.held = true; }
  release(): void { this.held = false; for (const r of this.holds.splice(0)) r(); }
  private halfway(): Promise<void> { return this.held ? new Promise((r) => this.holds.push(r)) : Promise.resolve(); }
  private checkAuth(ref: string, action: string): void {
    const host = ref.includes('/') && /[.:]/.test(ref.split('/')[0]!) ? ref.split('/')[0]! : 'docker.io';
    if (this.protectedRegistries.has(host) && !this.loggedIn.has(host)) {
      throw new EngineError('UNAUTHENTICATED', `${action} access to the resource is denied: authentication required (${host})`);
    }
  }
  private async layers(sizes: number[], verb: 'Downloading' | 'Pushing', done: string, p?: (e: ProgressEvent) => void): Promise<void> {
    const ids = sizes.map((_, i) => `${'abcdef'[i]!.repeat(12)}`);
    ids.forEach((id) => p?.({ id, status: verb === 'Downloading' ? 'Pulling fs layer' : 'Preparing', layer: true }));
    ids.forEach((id, i) => p?.({ id, status: verb, layer: true, current: sizes[i]! / 2, total: sizes[i] }));
    await this.halfway();
    ids.forEach((id, i) => p?.({ id, status: verb, layer: true, current: sizes[i], total: sizes[i] }));
    ids.forEach((id) => p?.({ id, status: done, layer: true }));
  }
  async pullImage(ref: string, opts: PullOptions = {}): Promise<PullResult> {
    this.calls.push(`pull ${ref}`);
    this.checkAuth(ref, 'pull');
    const sizes = this.remote.get(ref) ?? this.remote.get(`${ref}:latest`);
    if (!sizes) throw notFound(`manifest for ${ref} not found: manifest unknown`);
    opts.onProgress?.({ id: ref.split(':').at(-1)!, status: `Pulling from ${ref.replace(/:[^:/]+$/, '')}` });
    await this.layers(sizes, 'Downloading', 'Pull complete', opts.onProgress);
    opts.onProgress?.({ id: '', status: `Digest: sha256:${hex('9d')}` });
    opts.onProgress?.({ id: '', status: `Status: Downloaded newer image for ${ref}` });
    const id = `sha256:${hex('7f')}`;
    this.images.push({ id, tags: [ref], size: sizes.reduce((a, b) => a + b, 0), created: NOW, history: [{ createdBy: 'ADD app /', size: sizes[0]! }] });
    this.emit('image', 'pull', id, ref);
    return { id, reference: ref, updated: true };
  }
  async pushImage(ref: string, opts: PushOptions = {}): Promise<PushResult> {
    this.calls.push(`push ${ref}`);
    const img = this.findImage(ref);
    this.checkAuth(ref, 'push');
    opts.onProgress?.({ id: '', status: `The push refers to repository [${ref.replace(/:[^:/]+$/, '')}]` });
    await this.layers(img.history.filter((h) => h.size > 0).map((h) => h.size), 'Pushing', 'Pushed', opts.onProgress);
    const digest = `sha256:${hex('5e')}`;
    opts.onProgress?.({ id: '', status: `${ref.split(':').at(-1)}: digest: ${digest} size: 527` });
    this.remote.set(ref, img.history.filter((h) => h.size > 0).map((h) => h.size));
    return { pushed: [{ Tag: ref.split(':').at(-1)!, Digest: digest, Size: 527 }], reference: ref };
  }
  async login(server: string | undefined, username: string, password: string): Promise<LoginResult> {
    const host = server ?? 'docker.io';
    this.calls.push(`login ${host} ${username}`);
    if (this.protectedRegistries.get(host) !== `${username}:${password}`) {
      throw new EngineError('UNAUTHENTICATED', `login attempt to http://${host}/v2/ failed with status: 401 Unauthorized`);
    }
    this.loggedIn.add(host);
    return { Status: 'Login Succeeded' };
  }

  // ---- build --------------------------------------------------------------------------------
  /** What the next build reports; each entry is emitted in order, `hold()` pauses it before the last step ends. */
  lastBuild?: BuildOptions;
  build(opts: BuildOptions): BuildHandle {
    this.lastBuild = opts;
    this.calls.push(`build ${String(opts.context)}`);
    const ref = (step: number): StepRef => ({ step, total: 3, stage: 'stage-0', stageStep: step, stageSteps: 3 });
    const id = `sha256:${hex('b7')}`;
    const events: BuildEvent[] = [];
    let wake: (() => void) | undefined;
    let ended = false;
    const push = (e: BuildEvent) => { events.push(e); wake?.(); };
    const result = (async (): Promise<BuildResult> => {
      await Promise.resolve();
      push({ type: 'step', ref: ref(1), text: 'FROM busybox' });
      push({ type: 'step-done', ref: ref(1), imageId: `sha256:${hex('b1')}`, cached: false, durationMs: 0 });
      push({ type: 'step', ref: ref(2), text: 'COPY package.json /app/' });
      push({ type: 'cached', ref: ref(2) });
      push({ type: 'step-done', ref: ref(2), imageId: `sha256:${hex('c4')}`, cached: true, durationMs: 3 });
      push({ type: 'step', ref: ref(3), text: 'RUN make' });
      push({ type: 'miss', ref: ref(3), reason: 'file changed: src/a.js' });
      push({ type: 'output', ref: ref(3), stream: 'stdout', data: 'compiling a.js\n' });
      await this.halfway();
      push({ type: 'step-done', ref: ref(3), imageId: id, cached: false, durationMs: 1200 });
      push({ type: 'built', imageId: id });
      const tags = opts.tags ?? [];
      for (const t of tags) push({ type: 'tagged', reference: t });
      this.images.push({ id, tags: tags.map((t) => (t.includes(':') ? t : `${t}:latest`)), size: 2_500_000, created: NOW, history: [{ createdBy: '/bin/sh -c make', size: 510_000 }] });
      this.emit('image', 'tag', id, tags[0] ?? '');
      return { imageId: id, tags, warnings: [] };
    })().finally(() => { ended = true; wake?.(); });
    async function* iterate(): AsyncIterable<BuildEvent> {
      let at = 0;
      for (;;) {
        while (at < events.length) yield events[at++]!;
        if (ended) return;
        await new Promise<void>((r) => { wake = r; });
      }
    }
    return { events: iterate(), result };
  }

  // ---- system -------------------------------------------------------------------------------
  async *events(opts: { follow?: boolean; signal?: AbortSignal } = {}) {
    let at = this.eventQueue.length;
    for (;;) {
      while (at < this.eventQueue.length) yield this.eventQueue[at++]!;
      if (!opts.follow || opts.signal?.aborted) return;
      await this.wait(opts.signal);
      if (opts.signal?.aborted) return;
    }
  }
  async diskUsage() {
    return { LayersSize: 0, Images: await this.listImages(), Containers: [], BuildCache: [], Volumes: (await this.listVolumes()).Volumes.map((v) => {
      const f = this.volumes.find((x) => x.name === v.Name)!;
      return { ...v, UsageData: { Size: f.size, RefCount: f.users.length } };
    }) };
  }

  // ---- volumes ------------------------------------------------------------------------------
  private volume(v: FakeVolume): Volume {
    return { CreatedAt: '2026-01-01T00:00:00Z', Driver: 'local', Labels: null, Mountpoint: `/fake/volumes/${v.name}/_data`, Name: v.name, Options: null, Scope: 'local' };
  }
  async listVolumes() { return { Volumes: this.volumes.map((v) => this.volume(v)), Warnings: [] }; }
  async inspectVolume(name: string): Promise<Volume> {
    const v = this.volumes.find((x) => x.name === name);
    if (!v) throw notFound(`get ${name}: no such volume`);
    return this.volume(v);
  }
  async createVolume(req: { Name?: string }): Promise<Volume> {
    const v = { name: req.Name ?? 'a'.repeat(64), size: 0, users: [] };
    this.volumes.push(v);
    this.emit('volume', 'create', v.name);
    return this.volume(v);
  }
  async removeVolume(name: string): Promise<void> {
    const v = this.volumes.find((x) => x.name === name);
    if (!v) throw notFound(`get ${name}: no such volume`);
    if (v.users.length) throw conflict(`remove ${name}: volume is in use - [${v.users.join(', ')}]`);
    this.volumes = this.volumes.filter((x) => x !== v);
    this.emit('volume', 'destroy', name);
  }
  async pruneVolumes() {
    const gone = this.volumes.filter((v) => v.users.length === 0 && /^[0-9a-f]{64}$/.test(v.name));
    for (const v of gone) await this.removeVolume(v.name);
    return { VolumesDeleted: gone.map((v) => v.name), SpaceReclaimed: gone.reduce((n, v) => n + v.size, 0) };
  }
  async close(): Promise<void> { this.wake(); }

  // ---- not used by the TUI --------------------------------------------------------------------
  private no(what: string): never { throw new EngineError('NOT_IMPLEMENTED', `fake engine: ${what}`); }
  async importImage(): Promise<string> { return this.no('importImage'); }
  async loadImages(): Promise<never> { return this.no('loadImages'); }
  async saveImages(): Promise<void> { return this.no('saveImages'); }
  async createDemoImage(): Promise<string> { return this.no('createDemoImage'); }
  async createContainer(): Promise<never> { return this.no('createContainer'); }
  async attachContainer(): Promise<never> { return this.no('attachContainer'); }
  async waitContainer(): Promise<never> { return this.no('waitContainer'); }
  async resizeContainer(): Promise<void> { return this.no('resizeContainer'); }
  async renameContainer(): Promise<void> { return this.no('renameContainer'); }
  async cleanupContainer(): Promise<void> { return this.no('cleanupContainer'); }
  async healthcheckRun(): Promise<never> { return this.no('healthcheckRun'); }
  async bootContainers(): Promise<never> { return this.no('bootContainers'); }
  async updateContainer(): Promise<never> { return this.no('updateContainer'); }
  async execCreate(): Promise<never> { return this.no('execCreate'); }
  async execStart(): Promise<never> { return this.no('execStart'); }
  async execResize(): Promise<void> { return this.no('execResize'); }
  async execInspect(): Promise<never> { return this.no('execInspect'); }
  async cleanupExec(): Promise<void> { return this.no('cleanupExec'); }
  async archiveStat(): Promise<never> { return this.no('archiveStat'); }
  async archiveGet(): Promise<never> { return this.no('archiveGet'); }
  async archivePut(): Promise<void> { return this.no('archivePut'); }
  async containerChanges(): Promise<never> { return this.no('containerChanges'); }
  async exportContainer(): Promise<void> { return this.no('exportContainer'); }
  async commitContainer(): Promise<never> { return this.no('commitContainer'); }
  async info(): Promise<never> { return this.no('info'); }
  async resetSystem(): Promise<never> { return this.no('resetSystem'); }
  async logout(): Promise<never> { return this.no('logout'); }
  async storedAuth(): Promise<undefined> { return undefined; }
  async pruneBuildCache(): Promise<never> { return this.no('pruneBuildCache'); }
  async version(): Promise<never> { return this.no('version'); }
}
