#!/usr/bin/env node
// Bundle the compiled CLI into a few ES modules: Node resolves and compiles one file instead of
// ~200, which cuts berth's own start-up cost by more than half. Lazy parts (the TUI, heavy verbs)
// stay in separate chunks through code splitting. Native and UI packages stay external.
// What a verb loads is decided by dynamic import() in src (LocalEngine's lazy-*.ts and
// container-ops.ts, createEngine): a static import from the CLI into a heavy module pulls that
// module's whole chunk into every start-up (test/e2e/startup-chunks.test.ts guards it).
// BERTH_BUNDLE_META=FILE writes esbuild's metafile (which input went into which chunk).
import { build } from 'esbuild';
import { rmSync, writeFileSync } from 'node:fs';

rmSync('dist/bundle', { recursive: true, force: true });
const result = await build({
  entryPoints: ['dist/cli/main.js'],
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  external: ['koffi', 'node-pty', 'node-unix-socket', 'ink', 'ink-text-input', 'react', 'react/jsx-runtime', '@xterm/headless'],
  // bundled CommonJS dependencies (tar-stream) call require() for builtins
  banner: { js: "import { createRequire as __berthRequire } from 'node:module'; const require = __berthRequire(import.meta.url);" },
  metafile: Boolean(process.env.BERTH_BUNDLE_META),
});
if (process.env.BERTH_BUNDLE_META) writeFileSync(process.env.BERTH_BUNDLE_META, JSON.stringify(result.metafile));
