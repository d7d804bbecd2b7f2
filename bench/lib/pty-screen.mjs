// A program in a pseudo-terminal of fixed size whose screen is kept by a headless xterm, for
// timing what a person sees: `waitFor(pred)` resolves with the arrival time of the output chunk
// after which the parsed screen first satisfies pred. Times are performance.now() milliseconds.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'package.json'));
const pty = require('node-pty');
const { Terminal } = require('@xterm/headless');

/**
 * spawnScreen(file, args, { cols, rows, env, cwd }) → {
 *   pid, t0 (spawn time), text() (the screen as lines joined by \n), write(data) → time written,
 *   waitFor(pred, { timeoutMs, what }) → arrival time, changed(since), exited, kill(signal), dispose()
 * }
 */
export function spawnScreen(file, args, { cols = 120, rows = 40, env = process.env, cwd = process.cwd() } = {}) {
  const term = new Terminal({ cols, rows, allowProposedApi: true, scrollback: 0 });
  const t0 = performance.now();
  const p = pty.spawn(file, args, { name: 'xterm-256color', cols, rows, env, cwd });
  let waiters = [];
  let lastArrival = t0;
  let exit;
  let output = 0;
  let frames = 0;
  const exited = new Promise((res) => p.onExit((e) => { exit = e; res(e); for (const w of waiters) w.check(); }));
  const text = () => {
    const b = term.buffer.active;
    const out = [];
    for (let y = 0; y < rows; y++) out.push(b.getLine(b.viewportY + y)?.translateToString(true) ?? '');
    return out.join('\n');
  };
  p.onData((data) => {
    const at = performance.now();
    output += data.length;
    // Ink wraps each frame in a synchronized update (DEC mode 2026) on terminals
    for (let i = data.indexOf('\x1b[?2026h'); i >= 0; i = data.indexOf('\x1b[?2026h', i + 1)) frames++;
    // the screen is checked once xterm has parsed the chunk; the chunk's arrival is the time
    term.write(data, () => {
      lastArrival = at;
      for (const w of [...waiters]) w.check(at);
    });
  });
  const waitFor = (pred, { timeoutMs = 30_000, what = 'the screen' } = {}) => new Promise((resolve, reject) => {
    const w = {
      check(at) {
        let ok = false;
        try { ok = pred(text()); } catch { ok = false; }
        if (ok) { done(); resolve(at ?? lastArrival); return; }
        if (exit) { done(); reject(new Error(`exited (${exit.exitCode}) waiting for ${what}; screen:\n${text()}`)); }
      },
    };
    const timer = setTimeout(() => { done(); reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; screen:\n${text()}`)); }, timeoutMs);
    const done = () => { clearTimeout(timer); waiters = waiters.filter((x) => x !== w); };
    waiters.push(w);
    w.check(undefined);
  });
  return {
    pid: p.pid, t0, text, waitFor,
    get output() { return output; },
    get frames() { return frames; },
    write(data) { const t = performance.now(); p.write(data); return t; },
    exited,
    kill(signal = 'SIGTERM') { if (!exit) try { p.kill(signal); } catch { /* gone */ } },
    dispose() { term.dispose(); },
  };
}

/** p-th percentile (nearest rank) of a list of numbers. */
export function percentile(values, p) {
  const s = [...values].sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

export const median = (values) => percentile(values, 50);
