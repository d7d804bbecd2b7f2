#!/usr/bin/env node
// Bundle the compiled CLI into a few ES modules: Node resolves and compiles one file instead of
// ~200, which cuts berth's own start-up cost by more than half. Lazy parts (the TUI, heavy verbs)
// stay in separate chunks through code splitting. Native and UI packages stay external.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

rmSync('dist/bundle', { recursive: true, force: true });
await build({
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
});
