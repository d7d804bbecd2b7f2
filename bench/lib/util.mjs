// Small helpers shared by the harness and the groups: process spawning, temp dirs that are
// always cleaned up, mount clean-up under a temp dir, and log output.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, rmdirSync, readdirSync, readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export const log = (...a) => process.stderr.write(`bench: ${a.join(' ')}\n`);

/** Absolute path of an executable on PATH, or undefined. */
export function which(name) {
  if (name.includes('/')) return existsSync(name) ? name : undefined;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const p = join(dir, name);
    if (existsSync(p)) return p;
  }
  return undefined;
}

/** spawnSync with sane defaults; returns {status, stdout, stderr}. Never throws. */
export function sh(argv, opts = {}) {
  const r = spawnSync(argv[0], argv.slice(1), {
    encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: opts.timeout ?? 600_000,
    env: opts.env ?? process.env, input: opts.input, cwd: opts.cwd,
    stdio: opts.stdio,
  });
  return { status: r.status ?? (r.error ? 127 : 1), stdout: r.stdout ?? '', stderr: (r.stderr ?? '') + (r.error ? String(r.error) : '') };
}

/** Children started by shAsync that are still running (stopped by PID on a signal). */
export const running = new Set();

/**
 * Async sh: the event loop keeps turning, so Ctrl-C / SIGTERM are handled at once (the harness
 * stops the child by its PID). Prefer it for anything long (loading workloads, timing).
 */
export function shAsync(argv, opts = {}) {
  return new Promise((resolve) => {
    const child = spawn(argv[0], argv.slice(1), { env: opts.env ?? process.env, cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    const out = [];
    const err = [];
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => err.push(b));
    let spawnErr = '';
    child.on('error', (e) => { spawnErr = String(e); });
    child.on('close', (code, signal) => {
      running.delete(child);
      resolve({ status: code ?? (signal ? 128 : 127), stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') + spawnErr });
    });
  });
}

export async function mustShAsync(argv, opts = {}) {
  const r = await shAsync(argv, opts);
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed (exit ${r.status}): ${r.stderr.trim().slice(-2000)}`);
  return r.stdout;
}

/** Like sh but throws with the command's stderr when it fails. */
export function mustSh(argv, opts = {}) {
  const r = sh(argv, opts);
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed (exit ${r.status}): ${r.stderr.trim().slice(-2000)}`);
  return r.stdout;
}

/** First line of `cmd --version`-like output, or undefined. */
export function versionOf(argv) {
  if (!which(argv[0])) return undefined;
  const r = sh(argv, { timeout: 20_000 });
  if (r.status !== 0) return undefined;
  return (r.stdout || r.stderr).trim().split('\n')[0];
}

/** Quote one argument for hyperfine's shell-words splitting (also valid POSIX sh). */
export function quote(arg) {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}

// ---- temp dirs: everything the harness creates lives under one run dir, removed at exit ----

const cleanups = [];
let cleaned = false;

/** Register a clean-up step; steps run last-registered first, once, at exit or on a signal. */
export function atCleanup(fn) { cleanups.push(fn); }

export async function cleanupAll() {
  if (cleaned) return;
  cleaned = true;
  while (cleanups.length) {
    const fn = cleanups.pop();
    try { await fn(); } catch (err) { log(`clean-up step failed: ${err?.message ?? err}`); }
  }
}

/** A fresh run directory (under --tmp DIR or the OS temp dir) removed, mounts and all, at exit. */
export function makeRunDir(base) {
  const parent = base ?? tmpdir();
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, 'berth-bench-'));
  atCleanup(() => removeTree(dir));
  return dir;
}

export function mkdirp(p) { mkdirSync(p, { recursive: true }); return p; }

/** Mount points at or under dir, deepest first (from /proc/self/mountinfo). */
export function mountsUnder(dir) {
  let text = '';
  try { text = readFileSync('/proc/self/mountinfo', 'utf8'); } catch { return []; }
  const unescape = (s) => s.replace(/\\([0-7]{3})/g, (_, o) => String.fromCharCode(parseInt(o, 8)));
  const out = [];
  for (const line of text.split('\n')) {
    const f = line.split(' ');
    if (f.length < 5) continue;
    const mp = unescape(f[4]);
    if (mp === dir || mp.startsWith(dir + '/')) out.push(mp);
  }
  return [...new Set(out)].sort((a, b) => b.length - a.length);
}

/** Unmount everything under dir (peers' overlay/shm mounts), then delete it. */
export function removeTree(dir) {
  if (!existsSync(dir)) return;
  for (let pass = 0; pass < 3; pass++) {
    const mps = mountsUnder(dir);
    if (mps.length === 0) break;
    for (const mp of mps) {
      if (sh(['umount', mp]).status !== 0) sh(['umount', '-l', mp]);
    }
  }
  try { rmSync(dir, { recursive: true, force: true, maxRetries: 3 }); } catch (err) {
    // overlay work dirs sometimes hold d--------- entries; a second try after chmod helps
    sh(['chmod', '-R', 'u+rwx', dir]);
    try { rmSync(dir, { recursive: true, force: true }); } catch { log(`could not remove ${dir}: ${err.message}`); }
  }
}

/** PIDs of processes whose command line or cwd mentions dir (children a peer daemon left behind). */
export function pidsMentioning(dir) {
  const pids = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' ');
      let cwd = '';
      try { cwd = readlinkSync(`/proc/${name}/cwd`); } catch { /* gone or not ours */ }
      if (cmd.includes(dir) || cwd.startsWith(dir)) pids.push(Number(name));
    } catch { /* exited */ }
  }
  return pids;
}

export function alive(pid) {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Send SIGTERM to pid, wait up to ms, then SIGKILL. */
export async function stopPid(pid, ms = 15_000) {
  if (!alive(pid)) return;
  try { process.kill(pid, 'SIGTERM'); } catch { return; }
  const until = Date.now() + ms;
  while (Date.now() < until && alive(pid)) await sleep(100);
  if (alive(pid)) { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } }
  while (alive(pid) && Date.now() < until + 5000) await sleep(50);
}

/**
 * Some peers create host paths whatever their flags say (dockerd: /run/docker/plugins; rootful
 * netavark: /run/containers/networks). Call before starting the peer; the returned function
 * removes those of paths (given parent first) that did not exist before and are empty now.
 */
export function trackHostDirs(paths) {
  const absent = paths.filter((p) => !existsSync(p));
  return () => {
    for (const p of [...absent].reverse()) {
      try { if (existsSync(p) && readdirSync(p).length === 0) rmdirSync(p); } catch { /* in use: leave it */ }
    }
  };
}
