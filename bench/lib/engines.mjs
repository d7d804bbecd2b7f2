// The engines a benchmark compares: berth and its peers (podman, docker), each on private,
// throw-away state so a run never reads or changes the host's images, containers or networks.
//
// Every engine has the same shape:
//   name, available, missing (why not + how to install), version, notes[] (for the report),
//   env (the environment its commands run with), argv(args) (full command line),
//   display(args) (short form for the report), run(args) / must(args) (spawnSync helpers),
//   exec(args) / mustExec(args) (async: use these for anything long, Ctrl-C stays responsive),
//   stop() (clean-up; the harness calls it).
import { spawn } from 'node:child_process';
import { closeSync, cpSync, existsSync, openSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { alive, log, mkdirp, mustSh, mustShAsync, pidsMentioning, removeTree, sh, shAsync, sleep, stopPid, trackHostDirs, versionOf, which } from './util.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BERTH_BIN = join(REPO, 'bin', 'berth.js');

export const INSTALL = {
  podman: 'apt-get install -y podman (or: node bench/run.mjs --install-peers)',
  docker: 'apt-get install -y docker.io (or: node bench/run.mjs --install-peers)',
};

function common(engine) {
  engine.run = (args, opts = {}) => sh(engine.argv(args), { env: engine.env, ...opts });
  engine.must = (args, opts = {}) => mustSh(engine.argv(args), { env: engine.env, ...opts });
  engine.exec = (args, opts = {}) => shAsync(engine.argv(args), { env: engine.env, ...opts });
  engine.mustExec = (args, opts = {}) => mustShAsync(engine.argv(args), { env: engine.env, ...opts });
  engine.stop ??= async () => {};
  engine.notes ??= [];
  return engine;
}

const APT = { podman: 'apt-get install -y podman', docker: 'apt-get install -y docker.io' };

function missingEngine(name, missing, install = APT[name]) {
  return common({ name, available: false, missing, install, version: undefined, env: process.env, argv: () => { throw new Error(`${name} is not available`); }, display: () => '' });
}

// ---------------------------------------------------------------- berth

let berthBin = BERTH_BIN;
let snapshotNote = 'run in place from the work tree';

function newestMtime(dir) {
  let t = 0;
  const walk = (d) => {
    for (const ent of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, ent.name);
      if (ent.isDirectory()) walk(p); else t = Math.max(t, statSync(p).mtimeMs);
    }
  };
  walk(dir);
  return t;
}

/**
 * Copy the built CLI (package.json, bin/, dist/, assets/, themes/; node_modules linked) into the
 * run dir and time that copy: a `npm run build` elsewhere during the run (other work on this
 * tree) then cannot swap modules under a measurement. Retries while dist/ changes under the copy.
 */
export function snapshotBerth(runDir) {
  const dst = join(runDir, 'berth-build');
  for (let attempt = 0; attempt < 5; attempt++) {
    const before = newestMtime(join(REPO, 'dist'));
    removeTree(dst);
    mkdirp(dst);
    for (const f of ['package.json', 'bin', 'dist', 'assets', 'themes']) {
      if (existsSync(join(REPO, f))) cpSync(join(REPO, f), join(dst, f), { recursive: true });
    }
    symlinkSync(join(REPO, 'node_modules'), join(dst, 'node_modules'));
    const after = newestMtime(join(REPO, 'dist'));
    const ok = before === after && Date.now() - after > 2000
      && sh([process.execPath, join(dst, 'bin', 'berth.js'), '--version']).status === 0;
    if (ok) {
      berthBin = join(dst, 'bin', 'berth.js');
      snapshotNote = `a copy of the work tree's build (dist/ of ${new Date(after).toISOString().replace(/\.\d+Z$/, 'Z')}) taken at the start of the run`;
      return snapshotNote;
    }
    log('dist/ changed while it was copied (a build is running?); trying again in 5 s');
    sh(['sleep', '5']);
  }
  throw new Error('could not take a stable copy of dist/: is a build running in a loop?');
}

/** `node <berth.js> --root <root>` prefix for any root (workload helpers use it too). */
export function berthNote() { return snapshotNote; }

export function berthBase(root) { return [process.execPath, berthBin, '--root', root]; }

export function berthEngine(dir) {
  const root = mkdirp(join(dir, 'berth-root'));
  const env = { ...process.env };
  delete env.BERTH_ROOT;
  return common({
    name: 'berth', available: existsSync(join(REPO, 'dist', 'cli', 'main.js')),
    missing: 'not built: run npm run build', version: berthVersion(), env, root,
    argv: (args) => [...berthBase(root), ...args],
    display: (args) => ['berth', ...args].join(' '),
    base: berthBase,
    notes: [`\`node bin/berth.js --root <temp>\` (fresh root per group), ${snapshotNote}`],
    async stop() {
      // containers a group left (running ones keep conmon, their processes and mounts): rm -f them
      // on this root, then anything still naming the root (a conmon whose container is gone)
      if (!existsSync(join(root, 'containers')) || readdirSync(join(root, 'containers')).length === 0) return;
      const ids = (await shAsync([...berthBase(root), 'ps', '-aq', '--no-trunc'], { env })).stdout.split('\n').filter(Boolean);
      if (ids.length) await shAsync([...berthBase(root), 'rm', '-f', ...ids], { env });
      // the killed containers' exit commands (`berth container cleanup`) finish on their own
      for (let i = 0; i < 100 && pidsMentioning(root).length; i++) await sleep(100);
      for (const pid of pidsMentioning(root)) { log(`berth: stopping left-over pid ${pid}`); await stopPid(pid, 5000); }
    },
  });
}

export function berthVersion() {
  let v = '?';
  try { v = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).version; } catch { /* keep ? */ }
  const rev = sh(['git', '-C', REPO, 'rev-parse', '--short', 'HEAD']).stdout.trim();
  const dirty = sh(['git', '-C', REPO, 'status', '--porcelain', '--untracked-files=no']).stdout.trim() ? '+dirty' : '';
  return `berth ${v}${rev ? ` (${rev}${dirty})` : ''}`;
}

// ---------------------------------------------------------------- podman

/**
 * podman on an isolated root: --root/--runroot in the group's temp dir, and temp
 * containers.conf / storage.conf / registries.conf through CONTAINERS_CONF,
 * CONTAINERS_STORAGE_CONF and CONTAINERS_REGISTRIES_CONF, so the host's configuration and
 * storage are neither read nor written. Fair set-up per shared/bench/PEERS.md: default_ulimits
 * (root lacks CAP_SYS_RESOURCE here) and --runtime runc (crun fails on hybrid cgroups).
 */
export function podmanEngine(dir) {
  const bin = process.env.BENCH_PODMAN ?? 'podman';
  if (!which(bin)) return missingEngine('podman', `not installed: ${INSTALL.podman}`);
  const d = mkdirp(join(dir, 'podman'));
  const root = mkdirp(join(d, 'root'));
  const runroot = mkdirp(join(d, 'runroot'));
  for (const sub of ['tmp', 'volumes', 'networks', 'conf']) mkdirp(join(d, sub));
  const conf = join(d, 'conf', 'containers.conf');
  writeFileSync(conf, `# written by berth's bench harness: an isolated, fair podman
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
events_logfile_path = "${d}/events.log"
tmp_dir = "${d}/tmp"
volume_path = "${d}/volumes"
# shm locks would share /dev/shm/libpod_lock (and its lock slots) with the host's podman
lock_type = "file"

[network]
network_config_dir = "${d}/networks"
`);
  const storage = join(d, 'conf', 'storage.conf');
  writeFileSync(storage, `[storage]\ndriver = "overlay"\ngraphroot = "${root}"\nrunroot = "${runroot}"\n`);
  const registries = join(d, 'conf', 'registries.conf');
  writeFileSync(registries, `unqualified-search-registries = ["docker.io"]\nshort-name-mode = "permissive"\n`);
  const env = { ...process.env, CONTAINERS_CONF: conf, CONTAINERS_STORAGE_CONF: storage, CONTAINERS_REGISTRIES_CONF: registries };
  // rootful netavark keeps its run dir at /run/containers/networks whatever the config says
  const untrack = trackHostDirs(['/run/containers', '/run/containers/networks']);
  const prefix = [bin, '--root', root, '--runroot', runroot, '--runtime', 'runc'];
  return common({
    name: 'podman', available: true, version: versionOf([bin, '--version']), env, root,
    argv: (args) => [...prefix, ...args],
    display: (args) => ['podman', ...args].join(' '),
    notes: [
      '`podman --root <temp> --runroot <temp> --runtime runc` with temp CONTAINERS_CONF (default_ulimits nofile/nproc, cgroupfs, file events, file locks), CONTAINERS_STORAGE_CONF (overlay) and CONTAINERS_REGISTRIES_CONF',
    ],
    async stop() {
      // containers a group left running would outlive the temp root: remove them first
      if (existsSync(join(root, 'overlay-containers'))) {
        await shAsync([...prefix, 'rm', '--all', '--force', '--time', '0'], { env });
        for (let i = 0; i < 100 && pidsMentioning(d).length; i++) await sleep(100); // exit commands finishing
      }
      // podman has no daemon; only mounts (overlay's private bind) may be left: removeTree unmounts
      for (const pid of pidsMentioning(d)) { log(`podman: stopping left-over pid ${pid}`); await stopPid(pid, 5000); }
      removeTree(d);
      untrack();
    },
  });
}

// ---------------------------------------------------------------- docker

/**
 * A private dockerd (only when `dockerd` is installed): its own --data-root, --exec-root,
 * socket, pidfile and config file in the group's temp dir, and --iptables=false
 * --ip-masq=false --bridge=none so it leaves no host network state. Stopped by PID.
 * The CLI is `docker` on PATH (or BENCH_DOCKER_CLI) with DOCKER_HOST at the private socket and
 * DOCKER_CONFIG in the temp dir.
 */
export async function dockerEngine(dir) {
  const cli = process.env.BENCH_DOCKER_CLI ?? 'docker';
  const dockerd = process.env.BENCH_DOCKERD ?? 'dockerd';
  const cliPath = which(cli);
  if (!which(dockerd)) {
    return missingEngine('docker', `not installed${cliPath ? ` (docker CLI at ${cliPath}, but no dockerd)` : ''}: ${INSTALL.docker}`);
  }
  if (!cliPath) return missingEngine('docker', `docker CLI not installed: ${INSTALL.docker}`);
  const d = mkdirp(join(dir, 'docker'));
  const sock = join(d, 'docker.sock');
  const cfg = join(d, 'daemon.json');
  // 20.10 writes a trust key to /etc/docker/key.json unless its config names another path
  const keyCfg = JSON.stringify({ 'deprecated-key-path': join(d, 'key.json') }) + '\n';
  mkdirp(join(d, 'cli'));
  const env = { ...process.env, DOCKER_HOST: `unix://${sock}`, DOCKER_CONFIG: join(d, 'cli'), DOCKER_CLI_HINTS: 'false' };
  delete env.DOCKER_CONTEXT;
  const base = [
    '--data-root', mkdirp(join(d, 'data')), '--exec-root', mkdirp(join(d, 'exec')), '-H', `unix://${sock}`,
    '--pidfile', join(d, 'dockerd.pid'), '--config-file', cfg,
    '--iptables=false', '--ip-masq=false', '--bridge=none',
  ];
  const logPath = join(d, 'dockerd.log');
  // dockerd makes /run/docker/plugins whatever its --exec-root
  const untrack = trackHostDirs(['/run/docker', '/run/docker/plugins']);
  let child;
  let lastErr = '';
  // 23+ dropped the trust key and rejects the setting: then an empty config
  for (const config of [keyCfg, '{}\n']) {
    writeFileSync(cfg, config);
    const fd = openSync(logPath, 'w');
    child = spawn(which(dockerd), base, { stdio: ['ignore', fd, fd], env: process.env });
    closeSync(fd);
    let exited = false;
    child.on('exit', () => { exited = true; });
    const until = Date.now() + 60_000;
    let ready = false;
    while (Date.now() < until && !exited) {
      await sleep(250);
      if (existsSync(sock) && sh([cli, 'version', '--format', '{{.Server.Version}}'], { env, timeout: 10_000 }).status === 0) { ready = true; break; }
    }
    if (ready) break;
    lastErr = readFileSync(logPath, 'utf8').trim().split('\n').slice(-5).join(' | ');
    if (!exited) await stopPid(child.pid);
    child = undefined;
    if (!/deprecated-key-path/.test(lastErr)) break;
  }
  const stop = async () => {
    if (child && alive(child.pid)) {
      // dockerd stops running containers on shutdown, but removing them first is quicker and sure
      const ids = sh([cli, 'ps', '-aq'], { env, timeout: 30_000 }).stdout.split('\n').filter(Boolean);
      if (ids.length) await shAsync([cli, 'rm', '-f', ...ids], { env });
      await stopPid(child.pid, 20_000);
    }
    // a supervised containerd (and shims) it started, if dockerd died before stopping them
    for (const pid of pidsMentioning(d)) { log(`docker: stopping left-over pid ${pid}`); await stopPid(pid, 5000); }
    removeTree(d);
    untrack();
  };
  if (!child) {
    await stop();
    return missingEngine('docker', `private dockerd did not start: ${lastErr}`, null);
  }
  const server = sh([cli, 'version', '--format', '{{.Server.Version}}'], { env }).stdout.trim();
  const client = sh([cli, 'version', '--format', '{{.Client.Version}}'], { env }).stdout.trim();
  return common({
    name: 'docker', available: true, version: `docker CLI ${client} (${cliPath}), dockerd ${server}`, env, pid: child.pid,
    argv: (args) => [cli, ...args],
    display: (args) => ['docker', ...args].join(' '),
    notes: [`private \`dockerd ${base.join(' ').replaceAll(d, '<temp>')}\`, CLI with DOCKER_HOST=unix://<temp>/docker.sock`],
    stop,
  });
}

/** Every engine for one group, each on fresh state in dir. `want` limits which peers start. */
export async function createEngines(dir, want = { podman: true, docker: true }) {
  const engines = { berth: berthEngine(dir) };
  engines.podman = want.podman ? podmanEngine(dir) : missingEngine('podman', 'not wanted by this group', null);
  engines.docker = want.docker ? await dockerEngine(dir) : missingEngine('docker', 'not wanted by this group', null);
  return engines;
}

/** Peer detection without starting anything (for the machine section and --install-peers). */
export function detectPeers() {
  return {
    podman: which(process.env.BENCH_PODMAN ?? 'podman'),
    dockerd: which(process.env.BENCH_DOCKERD ?? 'dockerd'),
    docker: which(process.env.BENCH_DOCKER_CLI ?? 'docker'),
  };
}

/** `--install-peers`: Debian's podman and docker.io (services are not started by apt here). */
export function installPeers() {
  const have = detectPeers();
  const pkgs = [];
  if (!have.podman) pkgs.push('podman');
  if (!have.dockerd) pkgs.push('docker.io');
  if (pkgs.length === 0) { log('peers already installed'); return; }
  log(`installing ${pkgs.join(' ')} with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  mustSh(['apt-get', 'update', '-qq'], { env, timeout: 900_000 });
  mustSh(['apt-get', 'install', '-y', '-qq', ...pkgs], { env, timeout: 1_800_000 });
}
