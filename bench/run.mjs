#!/usr/bin/env node
// berth's benchmark harness: `npm run bench [-- OPTIONS]`. Runs every group in bench/groups/
// (or the --only ones) against berth and its installed peers, and writes bench/RESULTS.md.
// See bench/README.md.
import { readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { berthBase, createEngines, installPeers } from './lib/engines.mjs';
import { describeMachine } from './lib/machine.mjs';
import { defaultRunner, measure } from './lib/measure.mjs';
import { ms, renderReport, verdict } from './lib/report.mjs';
import { atCleanup, cleanupAll, log, makeRunDir, mkdirp } from './lib/util.mjs';
import * as workloads from './lib/workloads.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ENGINES = ['berth', 'podman', 'docker'];

const USAGE = `Usage: node bench/run.mjs [OPTIONS]   (npm run bench -- [OPTIONS])

  --quick            fast sanity run: 3 runs + 1 warm-up per command
  --only G[,G...]    run only these groups (names as listed by --list)
  --list             list the groups and exit
  --runs N           timed runs per command (default 20; quick: 3)
  --warmup N         warm-up runs per command (default 3; quick: 1)
  --runner R         hyperfine (default when installed) or node
  --peers P[,P...]   peers to compare: podman,docker (default both; "none" for berth only)
  --tmp DIR          parent of the run's temp dir (default: the OS temp dir)
  --out FILE         report path (default bench/RESULTS.md)
  --json FILE        also write the raw results as JSON
  --install-peers    apt-get install -y podman docker.io first (only what is missing)
  -h, --help         this text`;

function parseArgs(argv) {
  const o = { quick: false, only: undefined, list: false, runs: undefined, warmup: undefined, runner: undefined, peers: ['podman', 'docker'], tmp: undefined, out: join(HERE, 'RESULTS.md'), json: undefined, installPeers: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => { const v = argv[++i]; if (v === undefined) throw new Error(`${a} needs a value`); return v; };
    switch (a) {
      case '--quick': o.quick = true; break;
      case '--only': o.only = val().split(',').filter(Boolean); break;
      case '--list': o.list = true; break;
      case '--runs': o.runs = Number(val()); break;
      case '--warmup': o.warmup = Number(val()); break;
      case '--runner': o.runner = val(); break;
      case '--peers': { const v = val(); o.peers = v === 'none' ? [] : v.split(',').filter(Boolean); break; }
      case '--tmp': o.tmp = resolve(val()); break;
      case '--out': o.out = resolve(val()); break;
      case '--json': o.json = resolve(val()); break;
      case '--install-peers': o.installPeers = true; break;
      case '-h': case '--help': console.log(USAGE); process.exit(0); break;
      default: throw new Error(`unknown option ${a}\n${USAGE}`);
    }
  }
  o.runs ??= o.quick ? 3 : 20;
  o.warmup ??= o.quick ? 1 : 3;
  o.runner ??= defaultRunner();
  if (!['hyperfine', 'node'].includes(o.runner)) throw new Error(`--runner must be hyperfine or node`);
  if (!(o.runs >= 1) || !(o.warmup >= 0)) throw new Error('--runs must be ≥ 1 and --warmup ≥ 0');
  return o;
}

/** Group modules: every bench/groups/*.mjs, ordered by their `order` (then name). */
async function loadGroups() {
  const dir = join(HERE, 'groups');
  const mods = [];
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.mjs')).sort()) {
    const m = (await import(pathToFileURL(join(dir, f)).href)).default;
    if (!m?.name || typeof m.cases !== 'function') throw new Error(`bench/groups/${f}: default export needs name and cases()`);
    mods.push(m);
  }
  return mods.sort((a, b) => (a.order ?? 100) - (b.order ?? 100) || a.name.localeCompare(b.name));
}

/** Run one command for one engine: a checked dry run, then the timing. */
function timeCase(ctx, engine, args, c) {
  const display = engine.display(args);
  const r = engine.run(args);
  if (r.status !== 0) return { display, error: `exit ${r.status}: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' ')}` };
  const bad = c.check?.(r.stdout, engine.name, ctx);
  if (bad) return { display, error: `output check failed: ${bad}` };
  try {
    const prepare = c.prepare ? engine.argv(typeof c.prepare === 'function' ? c.prepare(engine.name) : c.prepare) : undefined;
    const s = measure({ argv: engine.argv(args), env: engine.env, runs: ctx.runs, warmup: ctx.warmup, runner: ctx.runner, scratch: ctx.dir, prepare });
    return { display, ...s };
  } catch (err) {
    return { display, error: err.message };
  }
}

async function runGroup(group, opts, runDir, shared, peersSeen) {
  const dir = mkdirp(join(runDir, group.name));
  const want = Object.fromEntries(['podman', 'docker'].map((p) => [p, opts.peers.includes(p) && (group.peers ?? ['podman', 'docker']).includes(p)]));
  const result = { name: group.name, title: group.title, issue: group.issue, goal: group.goal, cases: [] };
  let engines;
  const started = Date.now();
  try {
    log(`[${group.name}] starting engines`);
    engines = await createEngines(dir, want);
    // also on SIGINT: stop the private dockerd and unmount peers' state before the run dir goes
    for (const name of ENGINES) { const e = engines[name]; atCleanup(() => e.stop()); }
    for (const p of ['podman', 'docker']) {
      const e = engines[p];
      if (!peersSeen[p]?.available) peersSeen[p] = { available: e.available, version: e.version, notes: e.notes, missing: e.missing };
      log(`[${group.name}] ${p}: ${e.available ? e.version : e.missing}`);
    }
    const ctx = { name: group.name, dir, work: shared, engines, quick: opts.quick, runs: opts.runs, warmup: opts.warmup, runner: opts.runner, log: (...a) => log(`[${group.name}]`, ...a), workloads, berthBase };
    if (group.setup) { log(`[${group.name}] setting up the workload`); await group.setup(ctx); }
    result.description = typeof group.describe === 'function' ? group.describe(ctx) : group.describe;
    log(`[${group.name}] baseline node -e 0`);
    result.baseline = measure({ argv: [process.execPath, '-e', '0'], runs: opts.runs, warmup: opts.warmup, runner: opts.runner, scratch: dir });
    for (const c of group.cases(ctx)) {
      const cr = { name: c.name, goal: c.goal === undefined ? group.goal : c.goal, results: {} };
      for (const name of ENGINES) {
        const e = engines[name];
        if (!e.available) { cr.results[name] = { missing: e.missing, install: e.install }; continue; }
        const args = name === 'berth' ? c.args : (c.peers && name in c.peers ? c.peers[name] : c.args);
        if (args === null) { cr.results[name] = { skipped: true }; continue; }
        cr.results[name] = timeCase(ctx, e, args, c);
        const r = cr.results[name];
        log(`[${group.name}] ${c.name} / ${name}: ${r.error ? `ERROR ${r.error}` : `${ms(r.median)} (p90 ${ms(r.p90)})`}`);
      }
      log(`[${group.name}] ${c.name}: ${verdict(cr).text}`);
      result.cases.push(cr);
    }
    if (group.teardown) await group.teardown(ctx);
  } catch (err) {
    result.error = err?.message ?? String(err);
    log(`[${group.name}] FAILED: ${result.error}`);
  } finally {
    if (engines) for (const name of ENGINES) await engines[name].stop().catch((err) => log(`[${group.name}] stopping ${name}: ${err.message}`));
    log(`[${group.name}] done in ${ms((Date.now() - started) / 1000)}`);
  }
  return result;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const all = await loadGroups();
  if (opts.list) {
    for (const g of all) console.log(`${g.name.padEnd(16)} ${g.title ?? ''}`);
    return;
  }
  const unknown = (opts.only ?? []).filter((n) => !all.some((g) => g.name === n));
  if (unknown.length) throw new Error(`unknown group(s) ${unknown.join(', ')}; groups: ${all.map((g) => g.name).join(', ')}`);
  const groups = opts.only ? all.filter((g) => opts.only.includes(g.name)) : all;
  if (opts.installPeers) installPeers();

  const t0 = Date.now();
  const runDir = makeRunDir(opts.tmp);
  const shared = mkdirp(join(runDir, 'work'));
  log(`run dir ${runDir}; runner ${opts.runner}, ${opts.runs} runs + ${opts.warmup} warm-up(s); groups: ${groups.map((g) => g.name).join(', ')}`);
  const machine = describeMachine(runDir);
  const peersSeen = {};
  const results = [];
  for (const g of groups) results.push(await runGroup(g, opts, runDir, shared, peersSeen));
  for (const p of ['podman', 'docker']) if (!opts.peers.includes(p)) peersSeen[p] = { available: false, missing: 'left out by --peers' };

  const run = {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), argv: process.argv.slice(2), quick: opts.quick,
    runs: opts.runs, warmup: opts.warmup, runner: opts.runner, elapsed: (Date.now() - t0) / 1000,
    machine, peers: peersSeen, groups: results,
  };
  writeFileSync(opts.out, renderReport(run) + '\n');
  log(`wrote ${opts.out}`);
  if (opts.json) { writeFileSync(opts.json, JSON.stringify(run, null, 2) + '\n'); log(`wrote ${opts.json}`); }
  for (const g of results) {
    if (g.error) { console.log(`${g.name}: group failed: ${g.error}`); continue; }
    for (const c of g.cases) {
      const v = verdict(c);
      const peers = ['podman', 'docker'].map((p) => `${p} ${c.results[p]?.median !== undefined ? ms(c.results[p].median) : c.results[p]?.missing ? 'not installed' : c.results[p]?.error ? 'ERROR' : '–'}`).join(', ');
      console.log(`${g.name} / ${c.name}: berth ${c.results.berth?.median !== undefined ? ms(c.results.berth.median) : 'ERROR'} (${peers}) → ${v.text}${v.ratio !== undefined ? ` (${v.ratio.toFixed(2)}×)` : ''}`);
    }
  }
  if (results.some((g) => g.error || g.cases.some((c) => c.results.berth?.error))) process.exitCode = 1;
}

for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => { log(`${sig}: cleaning up`); cleanupAll().finally(() => process.exit(130)); });
}
main()
  .catch((err) => { process.stderr.write(`bench: ${err?.stack ?? err}\n`); process.exitCode = 1; })
  .finally(() => cleanupAll());
