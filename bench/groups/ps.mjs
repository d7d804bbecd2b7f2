// Issue "containers": `ps -a` with 200 exited containers. Goal: berth ≤ 0.5× podman ps -a;
// docker beside (its Go CLI starts in a few ms where Node needs ~40 ms before any berth code runs:
// the report shows the gap as measured).
const N = Number(process.env.BENCH_PS_CONTAINERS ?? 200); // fewer only to try the group quickly
const PARALLEL = 4;

/** Run `count` jobs with at most `width` at a time. */
async function pool(count, width, job) {
  let next = 0;
  const worker = async () => { while (next < count) { const i = next++; await job(i); } };
  await Promise.all(Array.from({ length: Math.min(width, count) }, worker));
}

const exitedRows = (out) => out.split('\n').filter((l) => /bench-ps-\d+/.test(l) && /Exited \(0\)/.test(l)).length;

export default {
  name: 'ps',
  order: 22,
  title: `${N} exited containers: ps -a`,
  issue: 'containers (run/create/ps)',
  goal: { peer: 'podman', max: 0.5 },
  describe: () => [
    `Workload: ${N} containers \`bench-ps-1…${N}\` made in every engine with \`run -d --network none --name bench-ps-N busybox true\` (${PARALLEL} at a time), all exited with code 0 before timing; then \`ps -a\` (default table) is timed and checked to list all ${N} as \`Exited (0)\`.`,
    'docker\'s `ps` is a Go CLI asking a resident daemon that holds every container in memory; berth and podman read their state from disk on every call, and berth pays Node\'s start-up (the `node -e 0` column) before its first line of code.',
  ].join('\n\n'),

  async setup(ctx) {
    const bb = ctx.workloads.busyboxArchive(ctx.work, ctx.engines.berth);
    await ctx.each(async (e) => {
      await e.mustExec(['load', '-i', bb.path]);
      ctx.log(`${e.name}: starting ${N} containers that exit at once`);
      const t0 = Date.now();
      await pool(N, PARALLEL, (i) => e.mustExec(['run', '-d', '--network', 'none', '--name', `bench-ps-${i + 1}`, 'busybox', 'true']));
      // -d returns once started: wait until every exit is recorded (exit commands, shims)
      const until = Date.now() + 180_000;
      let rows = 0;
      while (Date.now() < until) {
        rows = exitedRows(await e.mustExec(['ps', '-a']));
        if (rows === N) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      if (rows !== N) throw new Error(`only ${rows} of ${N} containers show Exited (0)`);
      ctx.log(`${e.name}: ${N} exited containers in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    });
  },

  cases: () => [
    {
      name: `ps -a (${N} exited)`,
      args: ['ps', '-a'],
      check: (out) => {
        const rows = exitedRows(out);
        return rows === N ? undefined : `listed ${rows} exited bench containers, expected ${N}`;
      },
    },
  ],
};
