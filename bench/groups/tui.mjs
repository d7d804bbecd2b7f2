// Issue "berth shell" (TUI) benchmarks, berth alone (no peer has this TUI), measured in a node-pty
// of fixed size whose output a headless xterm parses, so every time is "until the screen shows it":
//  1. start to first full frame with 200 created containers ≤ 2× a bare Ink "hello" app's first
//     frame timed in the same rounds (plus 1,000 containers, the growth figure of issue 10);
//  2. key press to updated frame, p95 ≤ 50 ms, with 1,000 containers (j/k, pane switch, `/` typing);
//  3. following a container that prints ~10,000 lines/s for 60 s (--quick: 15 s) with its Logs
//     tab open: the TUI's RSS every second ≤ 150 MiB and flat, and key presses answered meanwhile.
import { createReadStream, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, percentile, spawnScreen } from '../lib/pty-screen.mjs';
import { shAsync, sleep } from '../lib/util.mjs';

const HELLO = join(dirname(fileURLToPath(import.meta.url)), '..', 'lib', 'ink-hello.mjs');
const COLS = 160;
const ROWS = 48;
const MiB = 1024 * 1024;
const SMALL = 200;
const LARGE = 1000;
const PARALLEL = 4;
// ~10,000 lines/s: 1,000 numbered ~80-column lines, then 0.1 s minus what printing them took
const PRINTER = "awk 'BEGIN { for (;;) { for (i = 0; i < 1000; i++) printf \"line %08d the quick brown fox jumps over the lazy dog 0123456789 ABCDEFGHIJ\\n\", n++; fflush(); system(\"usleep 87000\") } }'";

const fmt = (x) => `${x.toFixed(1)} ms`;
const rssMiB = (pid) => Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;
/** The name on the selected row (after the pointer glyph) of the Containers pane. */
const pointed = (screen) => /▸ (\S+)/.exec(screen)?.[1];

async function pool(count, width, job) {
  let next = 0;
  const worker = async () => { while (next < count) { const i = next++; await job(i); } };
  await Promise.all(Array.from({ length: Math.min(width, count) }, worker));
}

function tuiEnv(root) {
  const env = { ...process.env, LANG: 'C.UTF-8', TERM: 'xterm-256color', BERTH_HISTORY_FILE: join(root, '..', 'tui-history') };
  for (const k of ['BERTH_ROOT', 'NO_COLOR', 'CI']) delete env[k];
  return env;
}

/** Launch berth's TUI on `root`; resolves once the status bar and the first rows are drawn. */
async function launchTui(ctx, root, count, opts = {}) {
  const [file, ...args] = ctx.berthBase(root);
  const s = spawnScreen(file, args, { cols: COLS, rows: ROWS, env: tuiEnv(root) });
  try {
    const at = await s.waitFor((x) => x.includes(`/${count} running`) && x.includes(`Containers (${count})`) && /▸ \S/.test(x),
      { timeoutMs: opts.timeoutMs ?? 60_000, what: `the full frame with ${count} containers` });
    return { s, firstFrame: at - s.t0 };
  } catch (err) { await quit(s); throw err; }
}

async function quit(s) {
  s.write('q');
  const t = setTimeout(() => s.kill('SIGKILL'), 10_000);
  await s.exited;
  clearTimeout(t);
  s.dispose();
}

/** First-frame times of berth's TUI (count containers) and the Ink hello, in alternating rounds. */
async function firstFrames(ctx, root, count, runs, withHello) {
  const berth = [];
  const hello = [];
  for (let i = 0; i < runs + 1; i++) {
    const order = i % 2 ? ['berth', 'hello'] : ['hello', 'berth'];
    for (const which of order) {
      if (which === 'hello' && !withHello) continue;
      let t;
      if (which === 'berth') {
        const { s, firstFrame } = await launchTui(ctx, root, count);
        t = firstFrame;
        await quit(s);
      } else {
        // the same React build berth's TUI runs (bin/berth.js sets NODE_ENV=production for it)
        const s = spawnScreen(process.execPath, [HELLO], { cols: COLS, rows: ROWS, env: { ...process.env, NODE_ENV: 'production' } });
        t = (await s.waitFor((x) => x.includes('hello from ink'), { what: 'hello from ink' })) - s.t0;
        await quit(s);
      }
      if (i > 0) (which === 'berth' ? berth : hello).push(t); // the first round warms the caches
    }
  }
  return { berth, hello };
}

// A person's key presses are tens of ms apart at the fastest (key repeat ~30/s); pressing the
// next key the instant a frame lands would time Ink's frame throttle instead of the TUI.
const GAP_MS = 50;

/** Press `key` and time until the screen satisfies pred; then a pause of GAP_MS. */
async function press(s, key, pred, what) {
  const t = s.write(key);
  const dt = (await s.waitFor(pred, { timeoutMs: 15_000, what })) - t;
  await sleep(GAP_MS);
  return dt;
}

/** j/k, pane switches and `/` typing with 1,000 containers; returns { all, byKind }. */
async function keyLatencies(ctx, s) {
  const n = ctx.quick ? 30 : 150;
  const byKind = { 'j/k': [], 'pane switch': [], 'filter typing': [] };
  for (const key of ['j', 'k']) {
    for (let i = 0; i < n; i++) {
      const before = pointed(s.text());
      byKind['j/k'].push(await press(s, key, (x) => { const p = pointed(x); return p !== undefined && p !== before; }, `${key} to move from ${before}`));
    }
  }
  for (let i = 0; i < (ctx.quick ? 5 : 25); i++) {
    byKind['pane switch'].push(await press(s, '2', (x) => x.includes('─ Layers'), 'Images focused (Layers tab)'));
    byKind['pane switch'].push(await press(s, '1', (x) => x.includes('─ Logs'), 'Containers focused (Logs tab)'));
  }
  const word = 'bench-tui-7';
  for (let r = 0; r < (ctx.quick ? 1 : 4); r++) {
    byKind['filter typing'].push(await press(s, '/', (x) => x.includes('filter /'), 'the filter line'));
    for (let i = 1; i <= word.length; i++) {
      const title = new RegExp(`Containers \\((\\d+/)?${LARGE}\\) /${word.slice(0, i)}(?=[ ─])`);
      byKind['filter typing'].push(await press(s, word[i - 1], (x) => title.test(x), `the filter /${word.slice(0, i)} in the title`));
    }
    byKind['filter typing'].push(await press(s, '\x1b', (x) => !x.includes(' /bench') && !x.includes('filter /'), 'the filter cleared'));
    await sleep(100); // esc waits for a possible escape sequence; let it settle
  }
  return { all: Object.values(byKind).flat(), byKind };
}

/** Count the lines of a container's log through `berth logs` (streamed, not buffered). */
async function countLogLines(ctx, root, id) {
  const path = join(ctx.dir, 'logs-count.txt');
  await shAsync(['sh', '-c', `"$@" > ${path}`, 'sh', ...ctx.berthBase(root), 'logs', id], {});
  let n = 0;
  for await (const chunk of createReadStream(path)) for (const b of chunk) if (b === 10) n++;
  await shAsync(['rm', '-f', path], {});
  return n;
}

export default {
  name: 'tui',
  order: 55,
  title: `berth shell (TUI) in a ${COLS}×${ROWS} pty: first frame, key latency, following a busy log`,
  issue: 'berth shell (TUI)',
  goal: null,
  peers: [],
  describe: (ctx) => [
    `Berth alone (no peer has this TUI). Each measurement launches \`berth --root <temp>\` (no arguments: the TUI) in a node-pty of ${COLS}×${ROWS} (TERM=xterm-256color, LANG=C.UTF-8) whose output is parsed by @xterm/headless; a time ends at the arrival of the output chunk after which the parsed screen first shows what is awaited.`,
    `**first frame**: from spawn until the status bar shows \`0/N running\`, the Containers title \`(N)\` and a selected row; the floor is a bare Ink app (\`bench/lib/ink-hello.mjs\`: same Node, Ink and React, alternate screen, one \`<Text>\`) until it shows its line, launched alternately with berth in the same rounds (${ctx.quick ? 3 : 10} runs each after one warm-up round). Containers are made with \`create --name bench-tui-N busybox true\` (${PARALLEL} at a time): ${SMALL}, then ${LARGE - SMALL} more for the ${LARGE} figure.`,
    `**key → frame** (${LARGE} containers): j then k ${ctx.quick ? 30 : 150} times each (until the pointer shows another row), \`2\`/\`1\` pane switches (until the main area shows the Images or Containers tabs), and \`/bench-tui-7\` typed one key at a time then esc (until the Containers title shows the filter so far); each from the write to the pty until the screen shows the change, one key at a time, the next ${GAP_MS} ms after the previous frame landed.`,
    `**busy log**: a fresh root with one container running \`${PRINTER.replace(/\|/g, '\\|')}\`, selected with its Logs tab open (following) for ${ctx.quick ? 15 : 60} s; the TUI process's VmRSS is sampled every second and \`t\` (timestamps on/off, focus in the Logs tab) is pressed every second and timed until the status line changes. The line rate is the container's log lines (\`berth logs | wc -l\`) over its run time.${ctx.logsNote ? ` ${ctx.logsNote}` : ''}`,
  ].join('\n\n'),

  async setup(ctx) {
    const e = ctx.engines.berth;
    const bb = ctx.workloads.busyboxArchive(ctx.work, e);
    await e.mustExec(['load', '-i', bb.path]);
    ctx.created = 0;
    ctx.createUpTo = async (n) => {
      const from = ctx.created;
      ctx.log(`creating containers ${from + 1}…${n}`);
      await pool(n - from, PARALLEL, (i) => e.mustExec(['create', '--network', 'none', '--name', `bench-tui-${from + i + 1}`, 'busybox', 'true']));
      ctx.created = n;
    };
    await ctx.createUpTo(SMALL);
  },

  cases: (ctx) => [
    {
      name: `first full frame, ${SMALL} containers ÷ bare Ink hello`,
      goal: { max: 2, unit: '×' },
      async collect(e) {
        const { berth, hello } = await firstFrames(ctx, e.root, SMALL, ctx.quick ? 3 : 10, true);
        ctx.frame200 = median(berth);
        return {
          value: median(berth) / median(hello), unit: '×', display: 'berth --root <temp> (TUI) vs node bench/lib/ink-hello.mjs',
          note: `berth ${fmt(median(berth))} (p90 ${fmt(percentile(berth, 90))}), bare Ink ${fmt(median(hello))} (p90 ${fmt(percentile(hello, 90))}); medians of ${berth.length} runs each`,
        };
      },
    },
    {
      name: `first full frame, ${LARGE} containers`,
      goal: null,
      async collect(e) {
        await ctx.createUpTo(LARGE);
        const { berth } = await firstFrames(ctx, e.root, LARGE, ctx.quick ? 3 : 10, false);
        return {
          value: median(berth), unit: 'ms', display: 'berth --root <temp> (TUI)',
          note: `p90 ${fmt(percentile(berth, 90))}; ${ctx.frame200 ? `${(median(berth) / ctx.frame200).toFixed(2)}× the ${SMALL}-container frame` : ''} (${berth.length} runs)`,
        };
      },
    },
    {
      name: `key press → updated frame p95, ${LARGE} containers`,
      goal: { max: 50, unit: 'ms' },
      async collect(e) {
        if (ctx.created < LARGE) await ctx.createUpTo(LARGE);
        const { s } = await launchTui(ctx, e.root, LARGE);
        try {
          const { all, byKind } = await keyLatencies(ctx, s);
          const parts = Object.entries(byKind).map(([k, v]) => `${k} p95 ${fmt(percentile(v, 95))} (median ${fmt(median(v))}, n ${v.length})`);
          return { value: percentile(all, 95), unit: 'ms', display: 'berth (TUI): j/k, 2/1, / typing', note: `${parts.join('; ')}; max ${fmt(Math.max(...all))}` };
        } finally { await quit(s); }
      },
    },
    ...logsCases(ctx),
  ],
};

/** The busy-log measurement runs once (in the first of its cases) and feeds three rows. */
function logsCases(ctx) {
  const secs = ctx.quick ? 15 : 60;
  let result;
  const run = async (e) => (result ??= await followBusyLog(ctx, e, secs));
  return [
    {
      name: `busy log (${secs} s): peak RSS of the TUI`,
      goal: { max: 150, unit: 'MiB' },
      async collect(e) {
        const r = await run(e);
        return { value: Math.max(...r.rss), unit: 'MiB', display: 'berth (TUI), Logs tab following', note: `${r.rate.toFixed(0)} lines/s reached (${r.lines} lines in ${r.elapsed.toFixed(1)} s); RSS every second: ${r.rss.map((x) => x.toFixed(0)).join(' ')} MiB` };
      },
    },
    {
      name: `busy log (${secs} s): RSS growth, 2nd quarter → last quarter`,
      goal: { max: 15, unit: 'MiB' },
      async collect(e) {
        const r = await run(e);
        const q = Math.max(1, Math.floor(r.rss.length / 4));
        const mean = (a) => a.reduce((x, y) => x + y, 0) / a.length;
        const growth = mean(r.rss.slice(-q)) - mean(r.rss.slice(q, 2 * q));
        return { value: growth, unit: 'MiB', note: `mean of seconds ${q + 1}–${2 * q} vs the last ${q}` };
      },
    },
    {
      name: `busy log (${secs} s): key press → updated frame p95`,
      goal: { max: 100, unit: 'ms' },
      async collect(e) {
        const r = await run(e);
        return { value: percentile(r.keys, 95), unit: 'ms', note: `\`t\` every second: median ${fmt(median(r.keys))}, max ${fmt(Math.max(...r.keys))}, n ${r.keys.length}` };
      },
    },
  ];
}

async function followBusyLog(ctx, e, secs) {
  const root = join(ctx.dir, 'logs-root');
  mkdirSync(root, { recursive: true });
  const base = ctx.berthBase(root);
  const bb = ctx.workloads.busyboxArchive(ctx.work, e);
  const must = async (args) => {
    const r = await shAsync([...base, ...args], { env: e.env });
    if (r.status !== 0) throw new Error(`berth ${args.join(' ')}: ${r.stderr.trim()}`);
    return r.stdout;
  };
  await must(['load', '-i', bb.path]);
  let s;
  try {
    const id = (await must(['run', '-d', '--network', 'none', '--name', 'bench-tui-printer', 'busybox', 'sh', '-c', PRINTER])).trim();
    const started = Date.now();
    ({ s } = await launchTui(ctx, root, 1));
    await s.waitFor((x) => /line \d{8}/.test(x), { what: 'log lines in the Logs tab' });
    s.write('\r'); // focus the Logs tab, so `t` toggles timestamps
    await sleep(300);
    const rss = [];
    const keys = [];
    let shown = false;
    for (let i = 0; i < secs; i++) {
      const tick = Date.now();
      rss.push(rssMiB(s.pid));
      shown = !shown;
      keys.push(await press(s, 't', (x) => (/· timestamps/.test(x)) === shown, `timestamps ${shown ? 'on' : 'off'}`));
      await sleep(Math.max(0, 1000 - (Date.now() - tick)));
    }
    await quit(s);
    s = undefined;
    await must(['stop', '-t', '0', id]);
    const elapsed = (Date.now() - started) / 1000;
    const lines = await countLogLines(ctx, root, id);
    ctx.logsNote = `This run: ${(lines / elapsed).toFixed(0)} lines/s.`;
    return { rss, keys, lines, elapsed, rate: lines / elapsed };
  } finally {
    if (s) await quit(s);
    await shAsync([...base, 'rm', '-f', 'bench-tui-printer'], { env: e.env });
  }
}
