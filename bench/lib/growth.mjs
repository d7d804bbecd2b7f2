// How listing cost grows (issue "prove it holds"): `ps -a` and `images` with N created containers
// and N distinct images, for N = 10, 100, 1,000 — one group per N (groups/growth-*.mjs), each on
// fresh engines, so every row is measured side by side with the peers in the same run.
const PARALLEL = 4;

async function pool(count, width, job) {
  let next = 0;
  const worker = async () => { while (next < count) { const i = next++; await job(i); } };
  await Promise.all(Array.from({ length: Math.min(width, count) }, worker));
}

const rows = (out, re) => out.split('\n').filter((l) => re.test(l)).length;

export function growthGroup(n, order) {
  return {
    name: `growth-${n}`,
    order,
    title: `growth: ps -a and images at ${n} containers / images`,
    issue: 'prove it holds (benchmark report: how cost grows)',
    goal: { peer: 'podman', max: 0.5 },
    describe: () => `Workload: ${n} distinct images (one tiny layer each, loaded from one docker-archive) and ${n} containers made with \`create --network none --name grow-N busybox true\` (${PARALLEL} at a time, never started). The goals are the listing goals of the foundation and containers issues (≤ 0.5× podman); the three growth groups together show how each engine's cost grows from 10 to 1,000.`,
    async setup(ctx) {
      const imgs = ctx.workloads.distinctImages(ctx.work, n);
      const bb = ctx.workloads.busyboxArchive(ctx.work, ctx.engines.berth);
      await ctx.each(async (e) => {
        await e.mustExec(['load', '-i', bb.path]);
        await e.mustExec(['load', '-i', imgs.path]);
        const t0 = Date.now();
        await pool(n, PARALLEL, (i) => e.mustExec(['create', '--network', 'none', '--name', `grow-${i + 1}`, 'busybox', 'true']));
        ctx.log(`${e.name}: ${n} containers created in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      });
    },
    cases: () => [
      {
        name: `ps -a (${n} containers)`,
        args: ['ps', '-a'],
        check: (out) => (rows(out, /grow-\d+/) === n ? undefined : `listed ${rows(out, /grow-\d+/)} containers, expected ${n}`),
      },
      {
        name: `images (${n} images)`,
        args: ['images'],
        check: (out) => (rows(out, /bench\/img-\d+/) === n ? undefined : `listed ${rows(out, /bench\/img-\d+/)} images, expected ${n}`),
      },
    ],
  };
}
