// Issue "foundation": listing and inspecting images must be cheap. 200 distinct images (one
// tiny layer each, one small distinct file per layer) are loaded from one docker-archive into
// every engine; then `images`, `image inspect <one>` and `history <one>` are timed.
// Goal: berth ≤ 0.5× podman.
const N = 200;

export default {
  name: 'images',
  order: 10,
  title: `${N} distinct images: images, image inspect, history`,
  issue: 'foundation (image service)',
  goal: { peer: 'podman', max: 0.5 },
  describe: () => `Workload (primary): ${N} distinct images \`bench/img-1…${N}:latest\`, each one layer holding one small distinct file (\`/bench/img-N.txt\`), written as one docker-archive by \`bench/lib/workloads.mjs\` and loaded with \`load -i\` into each engine's fresh state.`,

  async setup(ctx) {
    const w = ctx.workloads.distinctImages(ctx.work, N);
    ctx.ref = w.refs[Math.floor(N / 2)];
    await ctx.each(async (e) => {
      ctx.log(`loading ${N} images into ${e.name}`);
      await e.mustExec(['load', '-i', w.path]);
    });
  },

  cases: (ctx) => [
    {
      name: `images (${N} images)`,
      args: ['images'],
      check: (out) => {
        const rows = out.split('\n').filter((l) => /bench\/img-\d+/.test(l)).length;
        return rows === N ? undefined : `listed ${rows} bench images, expected ${N}`;
      },
    },
    {
      name: 'image inspect <one>',
      args: ['image', 'inspect', ctx.ref],
      check: (out) => {
        try { const j = JSON.parse(out); return Array.isArray(j) && j.length === 1 && j[0].Id ? undefined : 'not one image'; } catch { return 'not JSON'; }
      },
    },
    {
      name: 'history <one>',
      args: ['history', ctx.ref],
      check: (out) => (out.trim().split('\n').length >= 3 ? undefined : `expected a header and 2 history rows, got: ${out.trim()}`),
    },
  ],
};
