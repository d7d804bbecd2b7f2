#!/usr/bin/env node
// berth's benchmark harness: `npm run bench [-- OPTIONS]`. Runs every group in bench/groups/
// (or the --only ones) against berth and its installed peers, and writes bench/RESULTS.md.
// See bench/README.md.
import { readdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { berthBase, berthNote, createEngines, installPeers, snapshotBerth } from './lib/engines.mjs';
import { describeMachine } from './lib/machine.mjs';
import { defaultRunner, measureInterleaved } from './lib/measure.mjs';
import { ms, renderReport, val, verdict } from './lib/report.mjs';
import { atCleanup, cleanupAll, log, makeRunDir, mkdirp, running, shAsync, stopPid } from './lib/util.mjs';
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
  --chunk N          runs per engine per round of the interleaving (default 5)
  --peers P[,P...]   peers to compare: podman,docker (default both; "none" for berth only)
  --tmp DIR          parent of the run's temp dir (default: the OS temp dir)
  --out FILE         report path (default bench/RESULTS.md; with --only, RESULTS.md in the run dir)
  --json FILE        also write the raw results as JSON
  --install-peers    apt-get install -y podman docker.io first (only what is missing)
  --in-place         time bin/berth.js of the work tree instead of a copy of its build
  -h, --help         this text`;

function parseArgs(argv) {
  const o = { chunk: 5, quick: false, only: undefined, list: false, runs: undefined, warmup: undefined, runner: undefined, peers: ['podman', 'docker'], tmp: undefined, out: join(HERE, 'RESULTS.md'), json: undefined, installPeers: false };
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
      case '--chunk': o.chunk = Number(val()); break;
      case '--peers': { const v = val(); o.peers = v === 'none' ? [] : v.split(',').filter(Boolean); break; }
      case '--tmp': o.tmp = resolve(val()); break;
      case '--out': o.out = resolve(val()); break;
      case '--json': o.json = resolve(val()); break;
      case '--install-peers': o.installPeers = true; break;
      case '--in-place': o.inPlace = true; break;
      case '-h': case '--help': console.log(USAGE); process.exit(0); break;
      default: throw new Error(`unknown option ${a}\n${USAGE}`);
    }
  }
  o.runs ??= o.quick ? 3 : 20;
  o.warmup ??= o.quick ? 1 : 3;
  o.runner ??= defaultRunner();
  if (!['hyperfine', 'node'].includes(o.runner)) throw new Error(`--runner must be hyperfine or node`);
  if (!(o.runs >= 1) || !(o.warmup >= 0) || !(o.chunk >= 1)) throw new Error('--runs and --chunk must be ≥ 1, --warmup ≥ 0');
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

let interrupted = false;
const turn = () => new Promise((r) => setImmediate(r));
async function checkpoint() {
  await turn();
  if (interrupted) throw new Error('interrupted');
}

/** A checked dry run of one engine's command: undefined when fine, else an error text. */
async function dryRun(ctx, engine, args, c) {
  const r = await engine.exec(args);
  if (r.status !== 0) return `exit ${r.status}: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' ')}`;
  const bad = c.check?.(r.stdout, engine.name, ctx);
  return bad ? `output check failed: ${bad}` : undefined;
}

/** One case: each engine's command checked, then all of them and `node -e 0` timed interleaved. */
async function runCase(ctx, c, engines, opts) {
  if (c.collect) return collectCase(ctx, c, engines);
  const results = {};
  const items = [{ key: 'baseline', argv: [process.execPath, '-e', '0'], env: process.env }];
  for (const name of ENGINES) {
    const e = engines[name];
    if (!e.available) { results[name] = { missing: e.missing, install: e.install }; continue; }
    if (e.setupError) { results[name] = { error: `set-up failed: ${e.setupError}` }; continue; }
    const args = name === 'berth' ? c.args : (c.peers && name in c.peers ? c.peers[name] : c.args);
    if (args === null) { results[name] = { skipped: true }; continue; }
    await checkpoint();
    const display = e.display(args);
    const bad = await dryRun(ctx, e, args, c);
    if (bad) { results[name] = { display, error: bad }; continue; }
    const prepare = c.prepare ? e.argv(typeof c.prepare === 'function' ? c.prepare(name) : c.prepare) : undefined;
    items.push({ key: name, argv: e.argv(args), env: e.env, prepare, display });
  }
  // floors: plain commands (no engine) timed in the same rounds, e.g. a raw `runc run`
  const extras = {};
  for (const [key, x] of Object.entries(c.extras ?? {})) {
    await checkpoint();
    const display = x.display ?? x.argv.join(' ');
    const r = await shAsync(x.argv, { env: x.env ?? process.env });
    if (r.status !== 0) { extras[key] = { label: x.label ?? key, display, error: `exit ${r.status}: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' ')}` }; continue; }
    items.push({ key: `extra:${key}`, argv: x.argv, env: x.env ?? process.env, prepare: x.prepare, display });
  }
  await checkpoint();
  const timed = await measureInterleaved(items, { runs: opts.runs, warmup: opts.warmup, runner: opts.runner, scratch: ctx.dir, chunk: opts.chunk });
  for (const it of items) {
    if (it.key === 'baseline') continue;
    if (it.key.startsWith('extra:')) { const key = it.key.slice(6); extras[key] = { label: c.extras[key].label ?? key, display: it.display, ...timed[it.key] }; continue; }
    results[it.key] = { display: it.display, ...timed[it.key] };
  }
  return { results, baseline: timed.baseline, extras: Object.keys(extras).length ? extras : undefined };
}

/**
 * A case that measures something other than time: `collect(engine, ctx)` runs for every available
 * engine and returns { value, unit, note?, display? } (or throws: that engine's cell reads ERROR).
 */
async function collectCase(ctx, c, engines) {
  const results = {};
  for (const name of ENGINES) {
    const e = engines[name];
    if (!e.available) { results[name] = { missing: e.missing, install: e.install }; continue; }
    if (e.setupError) { results[name] = { error: `set-up failed: ${e.setupError}` }; continue; }
    if (c.peers && name in c.peers && c.peers[name] === null) { results[name] = { skipped: true }; continue; }
    await checkpoint();
    try { results[name] = await c.collect(e, ctx); } catch (err) {
      if (interrupted) throw err;
      results[name] = { error: err?.message ?? String(err) };
    }
  }
  return { results };
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
    // fn(engine) for every available engine; a peer that fails is marked (its cells say ERROR),
    // a berth failure fails the group
    ctx.each = async (fn) => {
      for (const name of ENGINES) {
        const e = engines[name];
        if (!e.available || e.setupError) continue;
        await checkpoint();
        try { await fn(e); } catch (err) {
          if (name === 'berth' || interrupted) throw err;
          e.setupError = err?.message ?? String(err);
          ctx.log(`${name}: set-up failed: ${e.setupError}`);
        }
      }
    };
    if (group.setup) { log(`[${group.name}] setting up the workload`); await group.setup(ctx); }
    result.description = typeof group.describe === 'function' ? group.describe(ctx) : group.describe;
    for (const c of group.cases(ctx)) {
      log(`[${group.name}] timing ${c.name}`);
      const { results, baseline, extras } = await runCase(ctx, c, engines, opts);
      const cr = { name: c.name, goal: c.goal === undefined ? group.goal : c.goal, results, baseline, extras };
      for (const [name, r] of [...ENGINES.map((n) => [n, results[n]]), ...Object.values(extras ?? {}).map((x) => [x.label, x])]) {
        if (r?.error) log(`[${group.name}] ${c.name} / ${name}: ERROR ${r.error}`);
        else if (r?.median !== undefined) log(`[${group.name}] ${c.name} / ${name}: ${ms(r.median)} (p90 ${ms(r.p90)})`);
        else if (r?.value !== undefined) log(`[${group.name}] ${c.name} / ${name}: ${val(r)}${r.note ? ` (${r.note})` : ''}`);
      }
      log(`[${group.name}] ${c.name}: ${verdict(cr).text}`);
      result.cases.push(cr);
    }
    if (group.teardown) {
      await group.teardown(ctx);
      // a description may report what teardown counted
      if (typeof group.describe === 'function') result.description = group.describe(ctx);
    }
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
  if (!opts.inPlace) snapshotBerth(runDir);
  log(`run dir ${runDir}; runner ${opts.runner}, ${opts.runs} runs + ${opts.warmup} warm-up(s); groups: ${groups.map((g) => g.name).join(', ')}`);
  const machine = describeMachine(runDir);
  const loadStart = loadavg()[0];
  const peersSeen = {};
  const results = [];
  for (const g of groups) {
    results.push(await runGroup(g, opts, runDir, shared, peersSeen));
    if (interrupted) return;
  }
  machine.rows.push(['load average (1 min) at start → end', `${loadStart.toFixed(2)} → ${loadavg()[0].toFixed(2)} (${machine.rows.find((r) => r[0] === 'cores')?.[1]} cores; other work on the machine inflates absolute times, interleaving keeps the ratios fair)`]);
  for (const p of ['podman', 'docker']) if (!opts.peers.includes(p)) peersSeen[p] = { available: false, missing: 'left out by --peers' };

  const run = {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), argv: process.argv.slice(2), quick: opts.quick,
    runs: opts.runs, warmup: opts.warmup, chunk: opts.chunk, runner: opts.runner, elapsed: (Date.now() - t0) / 1000,
    machine, peers: peersSeen, groups: results, berth: berthNote(),
  };
  // a partial run (--only) must not replace the full report: it goes to the run dir unless --out says otherwise
  if (opts.only && opts.out === join(HERE, 'RESULTS.md')) opts.out = join(runDir, 'RESULTS.md');
  writeFileSync(opts.out, renderReport(run) + '\n');
  log(`wrote ${opts.out}`);
  if (opts.json) { writeFileSync(opts.json, JSON.stringify(run, null, 2) + '\n'); log(`wrote ${opts.json}`); }
  for (const g of results) {
    if (g.error) { console.log(`${g.name}: group failed: ${g.error}`); continue; }
    for (const c of g.cases) {
      const v = verdict(c);
      const show = (r) => (r?.median !== undefined ? ms(r.median) : r?.value !== undefined ? val(r) : r?.missing ? 'not installed' : r?.error ? 'ERROR' : '–');
      const peers = [...['podman', 'docker'].map((p) => `${p} ${show(c.results[p])}`), ...Object.values(c.extras ?? {}).map((x) => `${x.label} ${show(x)}`)].join(', ');
      const ratios = (v.parts ?? [v]).map((x) => (x.ratio !== undefined ? `${x.ratio.toFixed(2)}×` : x.value !== undefined ? String(x.value) : x.text)).join(', ');
      console.log(`${g.name} / ${c.name}: berth ${show(c.results.berth)} (${peers}) → ${v.text}${ratios && ratios !== v.text ? ` (${ratios})` : ''}`);
    }
  }
  if (results.some((g) => g.error || g.cases.some((c) => c.results.berth?.error))) process.exitCode = 1;
}

for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, async () => {
    if (interrupted) return;
    interrupted = true;
    log(`${sig}: stopping what the harness started, then cleaning up`);
    await Promise.all([...running].map((child) => stopPid(child.pid, 5000)));
    await cleanupAll();
    process.exit(130);
  });
}
main()
  .catch((err) => { process.stderr.write(`bench: ${err?.stack ?? err}\n`); process.exitCode = 1; })
  .finally(() => cleanupAll());
