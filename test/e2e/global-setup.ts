// e2e drives the compiled CLI: build once before the tier runs so results match the sources.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

export default function setup() {
  if (process.env.BERTH_SKIP_BUILD) return; // dev: reuse dist/ as built
  execFileSync('npm', ['run', '-s', 'build'], { cwd: resolve(import.meta.dirname, '../..'), stdio: 'inherit' });
}
