/**
 * POST /containers/create bodies come from any client: check the type of every field berth reads
 * before the engine sees it, so `{"Cmd": 5}` is a 400 naming the field rather than a TypeError deep
 * in the engine (a 500). null is accepted everywhere (docker clients send it for "unset"); unknown
 * fields are ignored, as dockerd ignores them.
 */
import type { ContainerConfig, HostConfig } from '../../engine/types.js';
import { EngineError } from '../../lib/errors.js';

type Kind = 'string' | 'bool' | 'number' | 'strings' | 'stringOrStrings' | 'strmap' | 'object' | 'objects' | 'numbers';

const CONFIG: Record<string, Kind> = {
  Hostname: 'string', Domainname: 'string', User: 'string', AttachStdin: 'bool', AttachStdout: 'bool', AttachStderr: 'bool',
  ExposedPorts: 'object', Tty: 'bool', OpenStdin: 'bool', StdinOnce: 'bool', Env: 'strings', Cmd: 'stringOrStrings',
  Healthcheck: 'object', ArgsEscaped: 'bool', Image: 'string', Volumes: 'object', WorkingDir: 'string',
  Entrypoint: 'stringOrStrings', NetworkDisabled: 'bool', MacAddress: 'string', OnBuild: 'strings', Labels: 'strmap',
  StopSignal: 'string', StopTimeout: 'number', Shell: 'strings',
};

const HOST: Record<string, Kind> = {
  Binds: 'strings', ContainerIDFile: 'string', LogConfig: 'object', NetworkMode: 'string', PortBindings: 'object',
  RestartPolicy: 'object', AutoRemove: 'bool', VolumeDriver: 'string', VolumesFrom: 'strings', Mounts: 'objects',
  ConsoleSize: 'numbers', Annotations: 'strmap', CapAdd: 'strings', CapDrop: 'strings', CgroupnsMode: 'string',
  Dns: 'strings', DnsOptions: 'strings', DnsSearch: 'strings', ExtraHosts: 'strings', GroupAdd: 'strings', IpcMode: 'string',
  Cgroup: 'string', Links: 'strings', OomScoreAdj: 'number', PidMode: 'string', Privileged: 'bool', PublishAllPorts: 'bool',
  ReadonlyRootfs: 'bool', SecurityOpt: 'strings', StorageOpt: 'strmap', Tmpfs: 'strmap', UTSMode: 'string', UsernsMode: 'string',
  ShmSize: 'number', Sysctls: 'strmap', Runtime: 'string', Isolation: 'string', CpuShares: 'number', Memory: 'number',
  NanoCpus: 'number', CgroupParent: 'string', BlkioWeight: 'number', CpuPeriod: 'number', CpuQuota: 'number',
  CpusetCpus: 'string', CpusetMems: 'string', Devices: 'objects', DeviceCgroupRules: 'strings', KernelMemory: 'number',
  MemoryReservation: 'number', MemorySwap: 'number', MemorySwappiness: 'number', OomKillDisable: 'bool', PidsLimit: 'number',
  Ulimits: 'objects', Init: 'bool', MaskedPaths: 'strings', ReadonlyPaths: 'strings',
};

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function ok(kind: Kind, v: unknown): boolean {
  switch (kind) {
    case 'string': return typeof v === 'string';
    case 'bool': return typeof v === 'boolean';
    case 'number': return typeof v === 'number' && Number.isFinite(v);
    case 'strings': return Array.isArray(v) && v.every((x) => typeof x === 'string');
    case 'numbers': return Array.isArray(v) && v.every((x) => typeof x === 'number');
    case 'stringOrStrings': return typeof v === 'string' || ok('strings', v);
    case 'strmap': return isObj(v) && Object.values(v).every((x) => typeof x === 'string');
    case 'object': return isObj(v);
    case 'objects': return Array.isArray(v) && v.every(isObj);
  }
}

const WHAT: Record<Kind, string> = {
  string: 'a string', bool: 'a boolean', number: 'a number', strings: 'a list of strings', numbers: 'a list of numbers',
  stringOrStrings: 'a string or a list of strings', strmap: 'an object of strings', object: 'an object', objects: 'a list of objects',
};

function check(obj: Record<string, unknown>, table: Record<string, Kind>, prefix: string): void {
  for (const [k, kind] of Object.entries(table)) {
    const v = obj[k];
    if (v === undefined || v === null) continue;
    if (!ok(kind, v)) throw new EngineError('INVALID_ARGUMENT', `invalid container config: ${prefix}${k} must be ${WHAT[kind]}`);
  }
}

/** The create body split into the engine's config and host config, or a 400 naming the bad field. */
export function parseCreateBody(body: unknown): { config: ContainerConfig; hostConfig: HostConfig } {
  if (body === undefined || body === null) body = {};
  if (!isObj(body)) throw new EngineError('INVALID_ARGUMENT', 'invalid container config: the body must be a JSON object');
  const { HostConfig: hc, NetworkingConfig: _net, ...config } = body;
  void _net;
  if (hc !== undefined && hc !== null && !isObj(hc)) throw new EngineError('INVALID_ARGUMENT', 'invalid container config: HostConfig must be an object');
  check(config, CONFIG, '');
  const host = (hc ?? {}) as Record<string, unknown>;
  check(host, HOST, 'HostConfig.');
  const pb = host.PortBindings;
  if (isObj(pb)) {
    for (const [port, list] of Object.entries(pb)) {
      if (list !== null && !(Array.isArray(list) && list.every((b) => isObj(b) && ['HostIp', 'HostPort'].every((f) => b[f] === undefined || typeof b[f] === 'string')))) {
        throw new EngineError('INVALID_ARGUMENT', `invalid container config: HostConfig.PortBindings["${port}"] must be a list of {HostIp, HostPort} strings`);
      }
    }
  }
  const rp = host.RestartPolicy;
  if (isObj(rp) && ((rp.Name !== undefined && typeof rp.Name !== 'string') || (rp.MaximumRetryCount !== undefined && typeof rp.MaximumRetryCount !== 'number'))) {
    throw new EngineError('INVALID_ARGUMENT', 'invalid container config: HostConfig.RestartPolicy must be {Name: string, MaximumRetryCount: number}');
  }
  return { config: config as unknown as ContainerConfig, hostConfig: host as unknown as HostConfig };
}
