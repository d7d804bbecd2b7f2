// Issue "builds": `build` of the standard node context (shared/bench/make-node-context.sh, written
// here by the same recipe) cold, fully cached, and after a one-file change; and the cached rebuild
// of a plain COPY of a 2,000- and a 20,000-file context. Peers: `podman build --layers` and
// BuildKit (the private dockerd 20.10 has BuildKit built in; the v28 CLI on PATH has no buildx
// plugin, so BuildKit builds go through Debian's docker 20.10 CLI with DOCKER_BUILDKIT=1).
// Goals: cold ≤ 1.0× podman; cached, one-file change and the 20,000-file context ≤ 1.0× BuildKit.
// Offline: every Dockerfile is FROM busybox:latest (berth's demo image, loaded into each peer)
// and its RUN needs no network; all builds run with --network none.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const BUILDKIT_CLI = process.env.BENCH_BUILDKIT_CLI ?? '/usr/bin/docker';
// a case's `prepare` is an engine command; this sentinel makes it a shell line instead
const SHELL = '--bench-shell';

const NODE_DOCKERFILE = `FROM busybox
WORKDIR /app
COPY package.json /app/
RUN mkdir -p node_modules/dep && for i in $(seq 1 50); do echo "module.exports = $i;" > node_modules/dep/f$i.js; done && echo built > /app/.build-stamp
COPY . /app
EXPOSE 80
CMD ["node","server.js"]
`;

/** make-node-context.sh's files (20 dirs × 100 modules, package.json, server.js), our Dockerfile. */
function nodeContext(dir, dirs = 20) {
  for (let d = 0; d < dirs; d++) {
    const dd = String(d).padStart(2, '0');
    mkdirSync(join(dir, 'src', `d${dd}`), { recursive: true });
    for (let f = 0; f < 100; f++) {
      const ff = String(f).padStart(2, '0');
      writeFileSync(join(dir, 'src', `d${dd}`, `f${ff}.js`),
        `// module d${dd}/f${ff}\n"use strict";\nexports.name = "d${dd}-f${ff}";\nexports.value = ${d * 100 + f};\nexports.fn = function (x) { return x * ${f + 1} + ${d}; };\n`);
    }
  }
  writeFileSync(join(dir, 'package.json'), '{ "name": "bench-app", "version": "1.0.0", "main": "server.js", "license": "MIT",\n  "dependencies": {} }\n');
  writeFileSync(join(dir, 'server.js'), "const http = require('http');\nconst port = Number(process.env.PORT || 80);\nconst mods = require('fs').readdirSync(__dirname + '/src').length;\nhttp.createServer((req, res) => res.end(`hello from server.js (${mods} src dirs)\\n`))\n  .listen(port, () => console.log('listening on', port));\n");
}

function copyContext(dir, files) {
  nodeContext(dir, files / 100);
  writeFileSync(join(dir, 'Dockerfile'), 'FROM busybox\nCOPY . /data\n');
}

const build = (ctxDir, tag, extra = []) => ['build', ...extra, '--network', 'none', '-t', tag, ctxDir];
// podman's layer cache is off unless asked; --layers is the fair comparison (PEERS.md)
const podmanBuild = (ctxDir, tag, extra = []) => ['build', '--layers', ...extra, '--network', 'none', '-t', tag, ctxDir];

export default {
  name: 'build',
  order: 30,
  title: 'build: node app cold / cached / one-file change; cached rebuild of 2,000 and 20,000 files',
  issue: 'builds',
  goal: { peer: 'docker', max: 1 },
  peers: ['podman', 'docker'],
  describe: (ctx) => [
    `Workload: the standard node context of \`shared/bench/make-node-context.sh\` (2,003 files: 20 dirs × 100 small modules, package.json, server.js) with its Dockerfile \`FROM busybox\` instead of \`FROM node\` (offline: berth's demo busybox image, saved once and loaded into every engine): WORKDIR, COPY package.json, a RUN writing 50 files, COPY ., EXPOSE, CMD. Every build runs with \`--network none\` and \`-t\`.`,
    '**cold** = `--no-cache` (base image present); **cached** = the same context again; **one-file change** = an untimed prepare appends a line to `src/d07/f042.js` before every timed run (the RUN stays cached, the last COPY re-runs). **2,000 / 20,000 files** = `FROM busybox` + `COPY . /data` of 20 / 200 dirs × 100 modules, rebuilt fully cached (podman is left out of the 20,000-file case: about 46 s a run here, against a BuildKit goal).',
    `podman: \`podman build --layers\`. docker = BuildKit: ${ctx.buildkitNote ?? 'not set up'}.`,
    'Set-up check: after a first build every engine\'s image holds /app/.build-stamp and 2,000 files under /app/src.',
  ].join('\n\n'),

  async setup(ctx) {
    const bb = ctx.workloads.busyboxArchive(ctx.work, ctx.engines.berth);
    ctx.nodeCtx = join(ctx.dir, 'node-context');
    ctx.midCtx = join(ctx.dir, 'copy-2000');
    ctx.bigCtx = join(ctx.dir, 'copy-20000');
    if (!existsSync(ctx.nodeCtx)) {
      nodeContext(ctx.nodeCtx);
      writeFileSync(join(ctx.nodeCtx, 'Dockerfile'), NODE_DOCKERFILE);
      copyContext(ctx.midCtx, 2000);
      copyContext(ctx.bigCtx, 20000);
    }
    for (const e of Object.values(ctx.engines)) {
      if (!e.available) continue;
      const argv = e.argv;
      e.argv = (args) => (args[0] === SHELL ? ['sh', '-c', args[1]] : argv(args));
    }
    const docker = ctx.engines.docker;
    if (docker.available) {
      if (!existsSync(BUILDKIT_CLI)) {
        docker.setupError = `BuildKit not possible: the docker CLI on PATH has no buildx plugin and ${BUILDKIT_CLI} (docker 20.10 CLI, built-in BuildKit client) is missing`;
      } else {
        const argv = docker.argv;
        docker.argv = (args) => (args[0] === SHELL ? argv(args) : [BUILDKIT_CLI, ...args]);
        docker.display = (args) => ['DOCKER_BUILDKIT=1 docker', ...args].join(' ');
        docker.env = { ...docker.env, DOCKER_BUILDKIT: '1' };
        ctx.buildkitNote = `\`DOCKER_BUILDKIT=1 ${BUILDKIT_CLI} build\` (docker 20.10 CLI) against the private dockerd (${docker.version})`;
        docker.notes.push(`group build: every docker command runs as \`DOCKER_BUILDKIT=1 ${BUILDKIT_CLI}\` (the 20.10 CLI's built-in BuildKit client; the v28 CLI has no buildx plugin)`);
      }
    }
    await ctx.each(async (e) => {
      await e.mustExec(['load', '-i', bb.path]);
      const args = e.name === 'podman' ? podmanBuild(ctx.nodeCtx, 'bench/app:latest') : build(ctx.nodeCtx, 'bench/app:latest');
      await e.mustExec(args);
      const out = await e.mustExec(['run', '--rm', '--network', 'none', 'bench/app:latest', 'sh', '-c', 'cat /app/.build-stamp; find /app/src -type f | wc -l']);
      if (out.trim().split(/\s+/).join(' ') !== 'built 2000') throw new Error(`the built image is not what the Dockerfile makes: ${JSON.stringify(out.slice(0, 200))}`);
    });
  },

  cases: (ctx) => {
    const both = (ctxDir, tag, extra) => ({ args: build(ctxDir, tag, extra), peers: { podman: podmanBuild(ctxDir, tag, extra) } });
    const change = `echo "// change $(date +%s%N)" >> ${join(ctx.nodeCtx, 'src', 'd07', 'f042.js')}`;
    return [
      { name: 'cold build (node context, --no-cache)', ...both(ctx.nodeCtx, 'bench/app:latest', ['--no-cache']), goal: { peer: 'podman', max: 1 } },
      { name: 'fully cached rebuild (node context)', ...both(ctx.nodeCtx, 'bench/app:latest') },
      { name: 'one-file-change rebuild (node context)', ...both(ctx.nodeCtx, 'bench/app:latest'), prepare: [SHELL, change] },
      { name: 'cached rebuild, COPY of 2,000 files', ...both(ctx.midCtx, 'bench/copy2k:latest') },
      // podman re-reads the whole context on a cached build (46 s a run in a quick run here): left
      // out so the group stays within minutes; the goal is BuildKit's
      { name: 'cached rebuild, COPY of 20,000 files', args: build(ctx.bigCtx, 'bench/copy20k:latest'), peers: { podman: null } },
    ];
  },
};
