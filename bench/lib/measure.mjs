// Timing of one command line. Two runners, same statistics:
//  - hyperfine (default when installed): `hyperfine -N --warmup W --runs R --export-json F`;
//    -N runs the command without a shell, so no shell start-up is measured or subtracted.
//  - node (fallback, or --runner node): spawnSync per run, wall time with process.hrtime,
//    output discarded; W untimed warm-up runs first.
// Both discard the command's output and fail when any run exits non-zero.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { quote, shAsync, which } from './util.mjs';

export function defaultRunner() { return which('hyperfine') ? 'hyperfine' : 'node'; }

export function stats(times) {
  const s = [...times].sort((a, b) => a - b);
  const n = s.length;
  const median = n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  const p90 = s[Math.min(n - 1, Math.max(0, Math.ceil(0.9 * n) - 1))];
  const mean = s.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(s.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, n - 1));
  return { n, median, p90, mean, sd, min: s[0], max: s[n - 1] };
}

/**
 * Time argv: { argv, env, runs, warmup, runner, scratch (dir for hyperfine's JSON), prepare?: argv }.
 * Returns stats in seconds plus the raw times.
 */
export async function measure({ argv, env = process.env, runs, warmup, runner = defaultRunner(), scratch, prepare }) {
  if (runner === 'hyperfine') {
    const json = join(scratch, `hyperfine-${process.pid}-${Date.now()}.json`);
    const args = ['-N', '--style', 'none', '--warmup', String(warmup), '--runs', String(runs), '--export-json', json];
    if (prepare) args.push('--prepare', prepare.map(quote).join(' '));
    args.push(argv.map(quote).join(' '));
    const r = await shAsync(['hyperfine', ...args], { env });
    if (r.status !== 0) {
      // hyperfine does not show the command's own error: run it once more to say why
      const again = await shAsync(argv, { env });
      const why = again.status !== 0 ? `; a re-run exited ${again.status}: ${again.stderr.trim().slice(-600)}` : '; a re-run succeeded (intermittent)';
      throw new Error(`hyperfine failed (exit ${r.status}) for ${argv.join(' ')}: ${r.stderr.trim().split('\n')[0].slice(0, 300)}${why}`);
    }
    const out = JSON.parse(readFileSync(json, 'utf8'));
    rmSync(json, { force: true });
    const times = out.results[0].times;
    return { ...stats(times), times, runner: 'hyperfine' };
  }
  const once = (cmd) => {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(cmd[0], cmd.slice(1), { env, stdio: 'ignore' });
    const t = Number(process.hrtime.bigint() - t0) / 1e9;
    if (r.status !== 0) throw new Error(`${cmd.join(' ')} exited ${r.status ?? r.signal ?? r.error}`);
    return t;
  };
  // spawnSync keeps the timing free of event-loop noise; yield between runs so signals are seen
  const turn = () => new Promise((r) => setImmediate(r));
  for (let i = 0; i < warmup; i++) { if (prepare) once(prepare); once(argv); await turn(); }
  const times = [];
  for (let i = 0; i < runs; i++) { if (prepare) once(prepare); times.push(once(argv)); await turn(); }
  return { ...stats(times), times, runner: 'node' };
}

/**
 * Time several command lines side by side: items = [{ key, argv, env, prepare? }]. The runs are
 * cut into rounds of `chunk` runs; each round times every item in turn (the order rotating), so
 * load from elsewhere on the machine drifts over all of them alike instead of biasing the ratio.
 * Warm-ups happen in each item's first round. Returns { [key]: stats | { error } }.
 */
export async function measureInterleaved(items, { runs, warmup, runner, scratch, chunk = 5 }) {
  const times = Object.fromEntries(items.map((i) => [i.key, []]));
  const out = {};
  const rounds = Math.ceil(runs / chunk);
  for (let k = 0; k < rounds; k++) {
    const n = Math.min(chunk, runs - k * chunk);
    const order = items.map((_, i) => items[(i + k) % items.length]);
    for (const it of order) {
      if (out[it.key]?.error) continue;
      try {
        const s = await measure({ argv: it.argv, env: it.env, runs: n, warmup: k === 0 ? warmup : 0, runner, scratch, prepare: it.prepare });
        times[it.key].push(...s.times);
      } catch (err) {
        out[it.key] = { error: err.message };
      }
    }
  }
  for (const it of items) if (!out[it.key]) out[it.key] = { ...stats(times[it.key]), times: times[it.key], runner };
  return out;
}
