// Issue "registry" (#8): push and pull of busybox + a 50 MiB random layer (shared/bench/PEERS.md)
// to/from Debian's docker-registry on 127.0.0.1, against `skopeo copy` timed in the same
// interleaved rounds. Each cell is that engine's median ÷ skopeo's median (so berth, podman and
// docker are each set against the same skopeo command); the seconds are in the notes.
//
// Cold and warm need work between runs that is no engine command (emptying the registry,
// deleting a store), which the harness's `prepare` cannot express, so these cases time
// themselves (collect): prepare untimed, then the command, alternating engine/skopeo order.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { atCleanup, mkdirp, mustShAsync, removeTree, shAsync, stopPid, which } from '../lib/util.mjs';

const SKOPEO = which('skopeo');
const REGISTRY = existsSync('/usr/bin/docker-registry') ? '/usr/bin/docker-registry' : which('docker-registry');
const MiB = 1 << 20;

const median = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor((s.length - 1) / 2)]; };
const p90 = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.ceil(0.9 * s.length) - 1)]; };
const sec = (s) => `${s.toFixed(2)} s`;

async function timeOnce(step) {
  if (step.prepare) await step.prepare();
  const t0 = process.hrtime.bigint();
  const r = await shAsync(step.argv, { env: step.env });
  const dt = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${step.display}: exit ${r.status}: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' ')}`);
  return dt;
}

/** `mine` and skopeo in alternating order, 1 warm-up each; value = median ratio. */
async function versusSkopeo(ctx, mine, skopeo) {
  const runs = Math.min(ctx.runs, ctx.quick ? 3 : 9);
  const a = [];
  const b = [];
  for (let i = 0; i < runs + 1; i++) {
    const order = i % 2 ? [[mine, a], [skopeo, b]] : [[skopeo, b], [mine, a]];
    for (const [s, out] of order) { const t = await timeOnce(s); if (i > 0) out.push(t); }
  }
  const ma = median(a);
  const mb = median(b);
  return {
    value: ma / mb, unit: '× skopeo', display: mine.display,
    note: `${sec(ma)} (p90 ${sec(p90(a))}) vs skopeo ${sec(mb)} (p90 ${sec(p90(b))}), ${runs} runs each: \`${skopeo.display}\``,
  };
}

/** docker-registry on a free port with its storage in dir; empty() deletes every blob and repo. */
async function freePort() {
  const srv = createServer();
  await new Promise((res) => srv.listen(0, '127.0.0.1', res));
  const { port } = srv.address();
  await new Promise((res) => srv.close(res));
  return port;
}

async function startRegistry(dir) {
  const port = await freePort();
  const data = join(dir, 'data');
  mkdirp(data);
  writeFileSync(join(dir, 'config.yml'), `version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: ${data}\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:${port}\n`);
  const child = spawn(REGISTRY, ['serve', join(dir, 'config.yml')], { stdio: 'ignore' });
  const stop = () => stopPid(child.pid, 5000);
  atCleanup(stop);
  for (let i = 0; i < 100; i++) {
    const r = await shAsync(['curl', '-s', '-o', '/dev/null', `http://127.0.0.1:${port}/v2/`]);
    if (r.status === 0) break;
    await new Promise((res) => setTimeout(res, 50));
  }
  return { host: `127.0.0.1:${port}`, stop, empty: () => removeTree(join(data, 'docker')) };
}

export default {
  name: 'registry',
  order: 40,
  title: 'push / pull of busybox + 50 MiB random layer (local docker-registry)',
  issue: 'registry (#8)',
  goal: { max: 1.0, unit: '× skopeo' },
  describe: (ctx) => [
    'Workload (shared/bench/PEERS.md): busybox:latest plus a layer holding one 50 MiB random file, built by berth (`COPY`) and saved as a docker-archive loaded into every engine; Debian\'s docker-registry 2.8 on 127.0.0.1 (filesystem storage, no cache).',
    '**Cold push**: the registry\'s storage is deleted before every run. "upload only": berth already holds the gzip blobs (a first push made them, as a pulled image has them); skopeo copies from an OCI layout with gzip layers. "compressing": berth\'s record of those blobs is dropped first, so it compresses again (parallel gzip, level 6); skopeo copies from an OCI layout with plain layers (containers/image gzips them); podman and docker always compress. **Warm push**: everything is in the registry already (HEAD skips). **Cold pull**: the local store is deleted before every run (berth: a fresh `--root`; skopeo: a fresh containers-storage `overlay@root+runroot`; podman `rmi -af`, docker `rmi -f` + `image prune -af`), and the layers are unpacked. **Warm pull**: the image is present.',
    `Each cell is the engine's median ÷ the median of the skopeo command timed alternately with it (${ctx.quick ? 3 : 9} runs + 1 warm-up each); the notes give the seconds.`,
  ].join('\n\n'),

  async setup(ctx) {
    if (!SKOPEO) throw new Error('skopeo is not installed (apt-get install -y skopeo)');
    if (!REGISTRY) throw new Error('docker-registry is not installed (apt-get install -y docker-registry)');
    const berth = ctx.engines.berth;
    ctx.reg = await startRegistry(mkdirp(join(ctx.dir, 'registry')));
    ctx.image = `${ctx.reg.host}/bench/app:1`;
    // the workload: built once with a scratch berth root, saved as a docker-archive
    const bb = ctx.workloads.busyboxArchive(ctx.work, berth);
    const archive = join(ctx.work, 'registry-app.tar');
    if (!existsSync(archive)) {
      const scratch = join(ctx.dir, 'build-root');
      const c = mkdirp(join(ctx.dir, 'build-ctx'));
      writeFileSync(join(c, 'random.bin'), randomBytes(50 * MiB));
      writeFileSync(join(c, 'Dockerfile'), 'FROM busybox:latest\nCOPY random.bin /random.bin\n');
      await mustShAsync([...berth.base(scratch), 'load', '-i', bb.path]);
      await mustShAsync([...berth.base(scratch), 'build', '-q', '-t', 'bench/app:1', c]);
      await mustShAsync([...berth.base(scratch), 'save', '-o', archive, 'bench/app:1']);
      removeTree(scratch);
      removeTree(c);
    }
    await ctx.each(async (e) => {
      await e.mustExec(['load', '-i', archive]);
      await e.mustExec(['tag', 'bench/app:1', ctx.image]);
    });
    // skopeo's sources: OCI layouts with plain and with gzip layers
    ctx.ociPlain = join(ctx.dir, 'oci-plain');
    ctx.ociGzip = join(ctx.dir, 'oci-gzip');
    await mustShAsync([SKOPEO, 'copy', `docker-archive:${archive}`, `oci:${ctx.ociPlain}:app`]);
    await mustShAsync([SKOPEO, 'copy', '--dest-compress', `docker-archive:${archive}`, `oci:${ctx.ociGzip}:app`]);
    // berth's first push makes its gzip blobs; the pulls then read what berth pushed
    await berth.mustExec(['push', ctx.image]);
    ctx.storage = (name) => `containers-storage:[overlay@${join(ctx.dir, `cs-${name}`, 'root')}+${join(ctx.dir, `cs-${name}`, 'runroot')}]${ctx.image}`;
    ctx.pullRoot = join(ctx.dir, 'berth-pull-root');
  },

  cases: (ctx) => {
    const push = (src) => ({ argv: [SKOPEO, 'copy', '-q', '--dest-tls-verify=false', `oci:${src}:app`, `docker://${ctx.image}`], display: `skopeo copy --dest-tls-verify=false oci:${src === ctx.ociGzip ? 'gzip' : 'plain'}-layout docker://…` });
    const skopeoPull = (name, cold) => ({
      argv: [SKOPEO, 'copy', '-q', '--src-tls-verify=false', `docker://${ctx.image}`, ctx.storage(name)],
      display: 'skopeo copy --src-tls-verify=false docker://… containers-storage:[overlay@…]…',
      prepare: cold ? async () => removeTree(join(ctx.dir, `cs-${name}`)) : undefined,
    });
    const step = (e, args, prepare) => ({ argv: e.argv(args), env: e.env, display: e.display(args), prepare });
    const pushArgs = (e) => (e.name === 'podman' ? ['push', '--tls-verify=false', ctx.image] : ['push', ctx.image]);
    const pullArgs = (e) => (e.name === 'podman' ? ['pull', '--tls-verify=false', ctx.image] : ['pull', ctx.image]);
    const empty = async () => ctx.reg.empty();
    const coldLocal = async (e) => {
      if (e.name === 'berth') { removeTree(ctx.pullRoot); return; }
      if (e.name === 'podman') { await e.mustExec(['rmi', '-af']); return; }
      await e.exec(['rmi', '-f', ctx.image, 'bench/app:1']);
      await e.exec(['image', 'prune', '-af']);
    };
    const berthPull = (e, prepare) => ({ argv: [...ctx.berthBase(ctx.pullRoot), 'pull', ctx.image], env: e.env, display: e.display(['pull', ctx.image]), prepare });
    return [
      {
        name: 'push, cold registry, upload only',
        goal: { max: 1.0, unit: '× skopeo' },
        peers: { podman: null, docker: null },
        collect: (e) => versusSkopeo(ctx, step(e, pushArgs(e), empty), { ...push(ctx.ociGzip), prepare: empty }),
      },
      {
        name: 'push, cold registry, compressing',
        goal: { max: 1.5, unit: '× skopeo' },
        collect: (e) => versusSkopeo(ctx, step(e, pushArgs(e), async () => {
          await empty();
          // forget the gzip twins: the next push compresses the plain layers again
          if (e.name === 'berth') removeTree(join(e.root, 'meta', 'distribution'));
        }), { ...push(ctx.ociPlain), prepare: empty }),
      },
      {
        name: 'push, warm registry (HEAD skips)',
        goal: { max: 1.0, unit: '× skopeo' },
        collect: (e) => versusSkopeo(ctx, step(e, pushArgs(e)), push(ctx.ociGzip)),
      },
      {
        name: 'pull + unpack, cold store',
        goal: { max: 1.0, unit: '× skopeo' },
        collect: async (e) => {
          await ctx.engines.berth.mustExec(['push', ctx.image]); // the registry holds berth's push
          const mine = e.name === 'berth' ? berthPull(e, () => coldLocal(e)) : step(e, pullArgs(e), () => coldLocal(e));
          return versusSkopeo(ctx, mine, skopeoPull(e.name, true));
        },
      },
      {
        name: 'pull, warm store (image present)',
        goal: { max: 1.0, unit: '× skopeo' },
        collect: async (e) => {
          const mine = e.name === 'berth' ? berthPull(e) : step(e, pullArgs(e));
          return versusSkopeo(ctx, mine, skopeoPull(`${e.name}-warm`, false));
        },
      },
    ];
  },

  async teardown(ctx) {
    await ctx.reg?.stop();
    removeTree(ctx.pullRoot ?? join(ctx.dir, 'none'));
    for (const n of ['berth', 'podman', 'docker', 'berth-warm', 'podman-warm', 'docker-warm']) removeTree(join(ctx.dir, `cs-${n}`));
  },
};
