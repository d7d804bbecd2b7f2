// Issue "containers": `run --rm busybox true`, the whole life of a container (create, start,
// attach, wait, remove) in one command. Goals, all measured in the same interleaved rounds:
// berth ≤ 0.5× podman, ≤ 0.33× docker, and berth's own cost (berth − `node -e 0`) ≤ 2× a raw
// `runc run` of a prepared bundle (the floor no engine can go under).
import { join } from 'node:path';
import { mkdirp } from '../lib/util.mjs';

// --network none everywhere: no engine sets up a network, so the comparison is the container
// life cycle itself (docker's private dockerd runs with --bridge=none anyway)
const RUN = ['run', '--rm', '--network', 'none', 'busybox', 'true'];

export default {
  name: 'run',
  order: 20,
  title: 'run --rm busybox true',
  issue: 'containers (run/create/ps)',
  goal: [{ peer: 'podman', max: 0.5 }, { peer: 'docker', max: 0.33 }, { extra: 'runc', label: 'raw runc run', max: 2 }],
  describe: (ctx) => [
    'Workload: busybox:latest (berth\'s demo image from Debian\'s busybox-static, saved once as a docker-archive and loaded with `load -i` into every engine, same image ID), run as `run --rm --network none busybox true`: create, start with stdout/stderr attached, wait for the exit, remove.',
    'podman runs with `--runtime runc` (as berth, conmon + runc); docker is the private dockerd (containerd + runc shim).',
    `**Floor**: \`runc run\` of a prepared bundle (${ctx.floorNote}), timed in the same rounds; "own cost ≤ 2× raw runc run" compares berth − \`node -e 0\` with it.`,
  ].join('\n\n'),

  async setup(ctx) {
    const bb = ctx.workloads.busyboxArchive(ctx.work, ctx.engines.berth);
    await ctx.each(async (e) => {
      await e.mustExec(['load', '-i', bb.path]);
      // the timed command prints nothing: prove once that each engine really runs the container
      const out = await e.mustExec(['run', '--rm', '--network', 'none', 'busybox', 'echo', 'berth-bench-ran']);
      if (out.trim() !== 'berth-bench-ran') throw new Error(`run --rm … echo printed ${JSON.stringify(out.slice(0, 200))}`);
    });
    ctx.floor = ctx.workloads.runcBundle(ctx.dir, bb.path, ['true']);
    ctx.runcRoot = mkdirp(join(ctx.dir, 'runc-state'));
    ctx.floorNote = 'rootfs = the same busybox layer unpacked, config.json from `runc spec` with terminal false and args ["true"]: new pid, network (no interfaces configured), ipc, uts and mount namespaces, runc\'s default capabilities and no seccomp filter; `runc run` creates, starts, waits and deletes in one process';
  },

  cases: (ctx) => [
    {
      name: 'run --rm busybox true',
      args: RUN,
      extras: {
        runc: {
          label: 'raw runc run',
          argv: ['runc', '--root', ctx.runcRoot, 'run', '--bundle', ctx.floor.bundle, 'berth-bench-floor'],
          display: 'runc --root <temp> run --bundle <busybox bundle> berth-bench-floor',
        },
      },
    },
  ],

  async teardown(ctx) {
    // --rm must leave nothing behind: a container left over is a failure of the measured command
    for (const name of ['berth', 'podman', 'docker']) {
      const e = ctx.engines[name];
      if (!e.available || e.setupError) continue;
      const left = (await e.mustExec(['ps', '-aq'])).trim();
      if (left) ctx.log(`${name}: containers left after run --rm: ${left.split('\n').length}`);
    }
  },
};
