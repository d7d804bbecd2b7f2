/**
 * The flags `run` and `create` share, and their translation into a Docker API create request
 * (Config + HostConfig), as the docker CLI builds it (cli/command/container/opts.go).
 */
import { readFileSync } from 'node:fs';
import type { FlagDef, FlagValues, CommandContext } from '../../command.js';
import type { ContainerCreateRequest, HostConfig, RestartPolicy } from '../../../engine/types.js';
import type { HealthConfig } from '../../../oci/types.js';
import { parseDuration, parseSize } from '../../format/index.js';
import { CliError } from '../../exit.js';
import { asString, asStrings } from '../../util/io.js';
import { mountFlag, tmpfsFlags, volumeFlags } from './mount-flags.js';
import { publishFlags } from './publish-flags.js';

const s = (name: string, description: string, short?: string, valueName = 'string'): FlagDef => ({ name, short, type: 'string', valueName, description });
const list = (name: string, description: string, short?: string, valueName = 'list'): FlagDef => ({ name, short, type: 'stringArray', valueName, description });
const b = (name: string, description: string, short?: string): FlagDef => ({ name, short, type: 'bool', description });

export const CREATE_FLAGS: FlagDef[] = [
  list('attach', 'Attach to STDIN, STDOUT or STDERR', 'a'),
  list('cap-add', 'Add Linux capabilities'), list('cap-drop', 'Drop Linux capabilities'),
  { name: 'cpu-shares', short: 'c', type: 'int', valueName: 'int', description: 'CPU shares (relative weight)' },
  s('cpus', 'Number of CPUs', undefined, 'decimal'),
  s('entrypoint', 'Overwrite the default ENTRYPOINT of the image'),
  list('env', 'Set environment variables', 'e'), list('env-file', 'Read in a file of environment variables'),
  list('expose', 'Expose a port or a range of ports'), list('group-add', 'Add additional groups to join'),
  s('health-cmd', 'Command to run to check health'),
  { name: 'health-interval', type: 'duration', valueName: 'duration', description: 'Time between running the check (ms|s|m|h) (default 0s)' },
  { name: 'health-retries', type: 'int', valueName: 'int', description: 'Consecutive failures needed to report unhealthy' },
  { name: 'health-start-interval', type: 'duration', valueName: 'duration', description: 'Time between running the check during the start period (ms|s|m|h) (default 0s)' },
  { name: 'health-start-period', type: 'duration', valueName: 'duration', description: 'Start period for the container to initialize before starting health-retries countdown (ms|s|m|h) (default 0s)' },
  { name: 'health-timeout', type: 'duration', valueName: 'duration', description: 'Maximum time to allow one check to run (ms|s|m|h) (default 0s)' },
  s('hostname', 'Container host name', 'h'), b('init', 'Run an init inside the container that forwards signals and reaps processes'),
  b('interactive', 'Keep STDIN open even if not attached', 'i'),
  list('label', 'Set meta data on a container', 'l'), list('label-file', 'Read in a line delimited file of labels'),
  s('log-driver', 'Logging driver for the container'), list('log-opt', 'Log driver options'),
  s('memory', 'Memory limit', 'm', 'bytes'), s('memory-swap', "Swap limit equal to memory plus swap: '-1' to enable unlimited swap", undefined, 'bytes'),
  list('mount', 'Attach a filesystem mount to the container', undefined, 'mount'),
  s('name', 'Assign a name to the container'), b('no-healthcheck', 'Disable any container-specified HEALTHCHECK'), s('network', 'Connect a container to a network', undefined, 'network'),
  { name: 'net', type: 'string', valueName: 'network', description: 'Connect a container to a network', hidden: true },
  { name: 'pids-limit', type: 'int', valueName: 'int', description: 'Tune container pids limit (set -1 for unlimited)' },
  s('platform', 'Set platform if server is multi-platform capable'),
  b('privileged', 'Give extended privileges to this container'),
  list('publish', "Publish a container's port(s) to the host", 'p'), b('publish-all', 'Publish all exposed ports to random ports', 'P'),
  s('pull', 'Pull image before running ("always", "missing", "never")'), { name: 'quiet', short: 'q', type: 'bool', description: 'Suppress the pull output' },
  b('read-only', "Mount the container's root filesystem as read only"),
  s('restart', 'Restart policy to apply when a container exits'), b('rm', 'Automatically remove the container and its associated anonymous volumes when it exits'),
  list('security-opt', 'Security Options'), s('shm-size', 'Size of /dev/shm', undefined, 'bytes'),
  s('stop-signal', 'Signal to stop the container'), { name: 'stop-timeout', type: 'int', valueName: 'int', description: 'Timeout (in seconds) to stop a container' },
  list('tmpfs', 'Mount a tmpfs directory'), b('tty', 'Allocate a pseudo-TTY', 't'),
  s('user', 'Username or UID (format: <name|uid>[:<group|gid>])', 'u'),
  list('volume', 'Bind mount a volume', 'v'), list('volumes-from', 'Mount volumes from the specified container(s)'),
  s('workdir', 'Working directory inside the container', 'w'),
];

/** docker's flag error text: `invalid argument "x" for "-m, --memory" flag: …`, exit 125. */
function flagError(ctx: CommandContext, flag: FlagDef, value: string, why: string): CliError {
  const name = flag.short ? `-${flag.short}, --${flag.name}` : `--${flag.name}`;
  return new CliError(`invalid argument "${value}" for "${name}" flag: ${why}\n\nUsage:  berth ${ctx.path?.join(' ') ?? 'run'} [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'berth ${ctx.path?.join(' ') ?? 'run'} --help' for more information`, 125);
}

const flagDef = (n: string) => CREATE_FLAGS.find((f) => f.name === n)!;

function bytesFlag(ctx: CommandContext, name: string): number | undefined {
  const v = asString(ctx.flags[name]);
  if (v === undefined || v === '') return undefined;
  if (v === '-1' && name === 'memory-swap') return -1;
  try { return parseSize(v); } catch (err) { throw flagError(ctx, flagDef(name), v, (err as Error).message); }
}

/** `-e K=V`, `-e K` (from our environment when set), and --env-file lines, in docker's order. */
export function parseEnv(flags: FlagValues, env: NodeJS.ProcessEnv): string[] {
  const out: string[] = [];
  const add = (e: string) => {
    if (e.includes('=')) { out.push(e); return; }
    if (env[e] !== undefined) out.push(`${e}=${env[e]}`);
  };
  for (const f of asStrings(flags['env-file'])) {
    for (const raw of readFileSync(f, 'utf8').split('\n')) {
      const line = raw.replace(/^\s+/, '');
      if (line && !line.startsWith('#')) add(line);
    }
  }
  for (const e of asStrings(flags.env)) add(e);
  return out;
}

export function parseRestart(v: string | undefined): RestartPolicy | undefined {
  if (!v) return undefined;
  const [name, count, extra] = v.split(':');
  if (extra !== undefined || (count !== undefined && name !== 'on-failure')) throw new CliError(`invalid restart policy format: ${v}`, 125);
  if (!['no', 'always', 'unless-stopped', 'on-failure'].includes(name!)) throw new CliError(`invalid restart policy format: unknown policy '${name}'`, 125);
  const n = count === undefined ? 0 : Number(count);
  if (!Number.isInteger(n) || n < 0) throw new CliError(`invalid restart policy format: maximum retry count must be a number`, 125);
  return { Name: name as RestartPolicy['Name'], MaximumRetryCount: n };
}

/** docker's Healthcheck from the --health-* flags (cli/command/container/opts.go); durations in ns. */
export function parseHealthFlags(flags: FlagValues): HealthConfig | undefined {
  const ns = (name: string) => {
    const v = asString(flags[name]);
    const n = v === undefined ? 0 : Math.round(parseDuration(v) * 1e6);
    if (n < 0) throw new CliError(`--${name} cannot be negative`, 125);
    return n;
  };
  const cmd = asString(flags['health-cmd']) ?? '';
  const retries = (flags['health-retries'] as number | undefined) ?? 0;
  const hc: HealthConfig = {
    Test: cmd ? ['CMD-SHELL', cmd] : undefined, Interval: ns('health-interval'), Timeout: ns('health-timeout'),
    StartPeriod: ns('health-start-period'), StartInterval: ns('health-start-interval'), Retries: retries,
  };
  const any = cmd !== '' || !!hc.Interval || !!hc.Timeout || !!hc.StartPeriod || !!hc.StartInterval || retries !== 0;
  if (flags['no-healthcheck'] === true) {
    if (any) throw new CliError('--no-healthcheck conflicts with --health-* options', 125);
    return { Test: ['NONE'] };
  }
  if (retries < 0) throw new CliError('--health-retries cannot be negative', 125);
  return any ? hc : undefined;
}

function keyValues(items: string[]): Record<string, string> {
  return Object.fromEntries(items.map((l) => { const i = l.indexOf('='); return i < 0 ? [l, ''] : [l.slice(0, i), l.slice(i + 1)]; }));
}

/** -v, --mount, --tmpfs, --volumes-from and -p as the docker CLI puts them in the request (mount-flags.ts, publish-flags.ts). */
function mountsAndPorts(ctx: CommandContext) {
  const f = ctx.flags;
  let vols: ReturnType<typeof volumeFlags>;
  let pub: ReturnType<typeof publishFlags>;
  try {
    vols = volumeFlags(asStrings(f.volume));
    pub = publishFlags(asStrings(f.publish));
  } catch (err) {
    // docker's parse errors: "docker: invalid hostPort: 99999" plus the help hint, exit 125
    throw new CliError(`berth: ${(err as Error).message}\n\nRun 'berth ${ctx.path?.join(' ') ?? 'run'} --help' for more information`, 125);
  }
  const mounts = asStrings(f.mount).map((v) => {
    try { return mountFlag(v); } catch (err) { throw flagError(ctx, flagDef('mount'), v, (err as Error).message); }
  });
  return { ...vols, mounts, tmpfs: tmpfsFlags(asStrings(f.tmpfs)), volumesFrom: asStrings(f['volumes-from']), ...pub };
}

export function buildCreateRequest(ctx: CommandContext, image: string, command: string[]): ContainerCreateRequest {
  const f = ctx.flags;
  const mp = mountsAndPorts(ctx);
  const platform = asString(f.platform);
  if (platform && !/^linux(\/amd64)?$/.test(platform)) throw new CliError(`berth: image platform ${platform} is not supported on this linux/amd64 host`, 125);
  const exposed = Object.fromEntries([...Object.keys(mp.exposed), ...asStrings(f.expose)].flatMap((e) => e.split(',')).map((p) => [p.includes('/') ? p : `${p}/tcp`, {}]));
  const tty = f.tty === true;
  const interactive = f.interactive === true;
  const attach = asStrings(f.attach).map((a) => a.toLowerCase());
  const cpusText = asString(f.cpus);
  const cpus = cpusText === undefined ? undefined : Number(cpusText);
  if (cpus !== undefined && Number.isNaN(cpus)) throw flagError(ctx, flagDef('cpus'), cpusText!, `failed to parse ${cpusText} as a rational number`);
  if (f.rm && asString(f.restart) && asString(f.restart) !== 'no') throw new CliError('Conflicting options: cannot specify both --restart and --rm', 125);
  const entrypoint = asString(f.entrypoint);
  const labels = keyValues([...asStrings(f['label-file']).flatMap((p) => readFileSync(p, 'utf8').split('\n').filter((l) => l && !l.startsWith('#'))), ...asStrings(f.label)]);
  const logOpts = keyValues(asStrings(f['log-opt']));
  const health = parseHealthFlags(f);
  const hc: HostConfig = {
    AutoRemove: f.rm === true, Memory: bytesFlag(ctx, 'memory'), MemorySwap: bytesFlag(ctx, 'memory-swap'),
    NanoCpus: cpus === undefined ? undefined : Math.round(cpus * 1e9), CpuShares: f['cpu-shares'] as number | undefined,
    PidsLimit: f['pids-limit'] as number | undefined, CapAdd: asStrings(f['cap-add']), CapDrop: asStrings(f['cap-drop']),
    Privileged: f.privileged === true, SecurityOpt: asStrings(f['security-opt']), ReadonlyRootfs: f['read-only'] === true,
    RestartPolicy: parseRestart(asString(f.restart)) ?? { Name: 'no', MaximumRetryCount: 0 }, Init: f.init === true ? true : null,
    LogConfig: { Type: asString(f['log-driver']) ?? 'k8s-file', Config: logOpts },
    NetworkMode: asString(f.network) ?? asString(f.net) ?? 'bridge', ShmSize: bytesFlag(ctx, 'shm-size'),
    GroupAdd: asStrings(f['group-add']),
    ConsoleSize: tty ? [ctx.io.stdout.rows ?? 24, ctx.io.stdout.columns ?? 80] : [0, 0],
    PublishAllPorts: Boolean(f['publish-all']),
    Binds: mp.binds.length ? mp.binds : null, PortBindings: mp.bindings, VolumesFrom: mp.volumesFrom.length ? mp.volumesFrom : null,
    ...(mp.mounts.length ? { Mounts: mp.mounts } : {}), ...(Object.keys(mp.tmpfs).length ? { Tmpfs: mp.tmpfs } : {}),
  };
  return {
    name: asString(f.name),
    config: {
      Image: image, Cmd: command.length ? command : null, Entrypoint: entrypoint === undefined ? null : entrypoint === '' ? [''] : [entrypoint],
      Env: parseEnv(f, ctx.io.env), WorkingDir: asString(f.workdir) ?? '', User: asString(f.user) ?? '', Hostname: asString(f.hostname) ?? '',
      Labels: labels, Tty: tty, OpenStdin: interactive, StdinOnce: interactive && !f.detach,
      AttachStdin: interactive && !f.detach, AttachStdout: !f.detach && (attach.length === 0 || attach.includes('stdout')),
      AttachStderr: !f.detach && (attach.length === 0 || attach.includes('stderr')),
      StopSignal: asString(f['stop-signal']), StopTimeout: f['stop-timeout'] as number | undefined,
      ...(health ? { Healthcheck: health } : {}),
      ...(Object.keys(exposed).length ? { ExposedPorts: exposed } : {}),
      ...(Object.keys(mp.volumes).length ? { Volumes: mp.volumes } : {}),
    },
    hostConfig: hc,
  };
}
