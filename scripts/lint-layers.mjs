#!/usr/bin/env node
// Layering rule (docs/architecture.md §Layers): a module may import only from its own layer or
// lower ones; ink/react only inside src/tui; no flag parser or HTTP server below layer 5.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, dirname, resolve } from 'node:path';

const LAYERS = {
  lib: 1, oci: 1, mount: 1, config: 1, types: 1,
  container: 3,
  store: 2, registry: 2, runtime: 2,
  image: 3, build: 3, volumes: 3, network: 3,
  engine: 4,
  cli: 5, tui: 5, api: 5,
};
const root = resolve(process.argv[2] ?? 'src');
const problems = [];

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (/\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name)) check(p);
  }
}

const area = (file) => relative(root, file).split('/')[0];

function check(file) {
  const src = readFileSync(file, 'utf8');
  const from = area(file);
  const fromLayer = LAYERS[from];
  if (fromLayer === undefined) problems.push(`${file}: folder src/${from} has no layer in scripts/lint-layers.mjs`);
  const re = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const m of src.matchAll(re)) {
    const spec = m[1] ?? m[2];
    const line = src.slice(0, m.index).split('\n').length;
    if (/^(ink|react|ink-text-input|react\/.*)$/.test(spec) && from !== 'tui') {
      problems.push(`${file}:${line}: imports ${spec}; ink/react belong only in src/tui`);
    }
    if (/^node:http$|^node:https$/.test(spec) && fromLayer < 5 && from !== 'registry') {
      problems.push(`${file}:${line}: imports ${spec} below layer 5`);
    }
    if (!spec.startsWith('.')) continue;
    const target = resolve(dirname(file), spec);
    const to = area(target);
    const toLayer = LAYERS[to];
    if (toLayer === undefined) continue;
    if (toLayer > fromLayer) problems.push(`${file}:${line}: layer ${fromLayer} (${from}) imports layer ${toLayer} (${to})`);
    if (fromLayer === 5 && to !== from && toLayer === 5) problems.push(`${file}:${line}: ${from} imports ${to}; front ends stay independent`);
    if (from === 'tui' && /^(node:fs|node:child_process)/.test(spec)) problems.push(`${file}:${line}: the TUI goes through the engine`);
  }
  for (const m of src.matchAll(/from\s+['"](node:fs|node:child_process|fs|child_process)['"]/g)) {
    if (from === 'tui') problems.push(`${file}: imports ${m[1]}; the TUI goes through the engine`);
  }
}

walk(root);
if (problems.length) {
  console.error(problems.join('\n'));
  console.error(`lint: ${problems.length} layering problem(s)`);
  process.exit(1);
}
console.log('lint: layering ok');
