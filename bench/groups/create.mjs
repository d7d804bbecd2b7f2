// Issue "containers": `create busybox true` — the record, name, rootfs plan and spec inputs,
// without starting anything. Goal: berth ≤ 1.0× podman create; docker beside.
//
// Fairness: the created containers are left in place, so every engine's container count grows
// by exactly one per run (the checked dry run, the warm-ups and the timed runs: the same number
// for each engine, interleaved). Removing them between runs would time `rm` work in the prepare
// step of some engines and not others; the 200-container listing cost is the `ps` group's job.
const CREATE = ['create', '--network', 'none', 'busybox', 'true'];

export default {
  name: 'create',
  order: 21,
  title: 'create busybox true',
  issue: 'containers (run/create/ps)',
  goal: { peer: 'podman', max: 1.0 },
  describe: (ctx) => [
    'Workload: busybox:latest (the same docker-archive loaded into every engine), then `create --network none busybox true` timed; it prints the new container\'s ID.',
    `The containers are not removed between runs: each engine's count grows by one per run, equally for all (1 checked dry run + ${ctx.warmup} warm-up + ${ctx.runs} timed runs = ${1 + ctx.warmup + ctx.runs} containers each at the end${ctx.counts ? `; counted afterwards: ${ctx.counts}` : ''}).`,
  ].join('\n\n'),

  async setup(ctx) {
    const bb = ctx.workloads.busyboxArchive(ctx.work, ctx.engines.berth);
    await ctx.each((e) => e.mustExec(['load', '-i', bb.path]));
  },

  cases: () => [
    {
      name: 'create busybox true',
      args: CREATE,
      check: (out) => (/^[0-9a-f]{64}$/.test(out.trim()) ? undefined : `expected a 64-hex container ID, got: ${out.trim().slice(0, 200)}`),
    },
  ],

  async teardown(ctx) {
    const counts = [];
    for (const name of ['berth', 'podman', 'docker']) {
      const e = ctx.engines[name];
      if (!e.available || e.setupError) continue;
      const n = (await e.mustExec(['ps', '-aq'])).trim().split('\n').filter(Boolean).length;
      counts.push(`${name} ${n}`);
    }
    ctx.counts = counts.join(', ');
    ctx.log(`containers created per engine: ${ctx.counts}`);
  },
};
