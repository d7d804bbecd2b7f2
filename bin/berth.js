#!/usr/bin/env node
// Tiny shim: the compiled CLI lives in dist/ (npm run build). The TUI is a separate front end the
// CLI may not import; it is wired in here and loaded only when `berth` / `berth tui` opens it.
// The TUI opens only on a real terminal; Ink would otherwise see CI=true (set by CI systems and
// inherited by shells they start) and stop redrawing, so it is cleared before Ink loads.
const openTui = (launch) => {
  for (const k of ['CI', 'CONTINUOUS_INTEGRATION']) delete process.env[k];
  // React's development build (the default without NODE_ENV) times and traces every render:
  // several times the CPU and garbage per frame (bench/groups/tui.mjs). Set before React loads.
  process.env.NODE_ENV ??= 'production';
  governHeap();
  return import('../dist/tui/main.js').then((t) => t.runTui(launch));
};
// A TUI following a container that prints 10,000 lines/s allocates fast enough that V8 keeps
// growing the heap (live data stays ~40 MB; RSS climbed past 200 MiB). The heap limit cannot be
// lowered once Node runs, but a full collection whenever the heap passes 64 MiB holds it there:
// at most one every few seconds under a log flood, and never when the shell is quiet.
const governHeap = async () => {
  const [{ default: v8 }, { default: vm }] = await Promise.all([import('node:v8'), import('node:vm')]);
  try { v8.setFlagsFromString('--expose-gc'); } catch { return; }
  const gc = vm.runInNewContext('gc');
  if (typeof gc !== 'function') return;
  const LIMIT = 64 * 1024 * 1024;
  setInterval(() => { if (process.memoryUsage().heapTotal > LIMIT) gc(); }, 1000).unref();
};
// `berth serve`: the API server is another front end, wired in here like the TUI.
const openServer = (engine, opts) => import('../dist/api/server/index.js').then((s) => s.serve(engine, opts));
// `--host` / DOCKER_HOST: the remote engine client (src/api/client), loaded only when used.
const connectEngine = (host, opts) => import('../dist/api/client/index.js').then((c) => c.connectEngine(host, opts));
// dist/bundle is the same CLI bundled into one module (scripts/bundle.mjs): much faster to start.
import('../dist/bundle/main.js').catch((e) => (e && e.code === 'ERR_MODULE_NOT_FOUND' ? import('../dist/cli/main.js') : Promise.reject(e))).then((m) => m.main(process.argv.slice(2), { openTui, openServer, connectEngine })).catch((err) => {
  process.stderr.write(`berth: ${err && err.message ? err.message : err}\n`);
  process.exitCode = 125;
});
