// Issue "foundation", second workload: one image carrying 200 tags. docker and podman list
// one row per tag, so this is a "200 rows" listing with a single image record behind it.
const N = 200;

export default {
  name: 'image-tags',
  order: 11,
  title: `one image with ${N} tags: images`,
  issue: 'foundation (image service)',
  goal: { peer: 'podman', max: 0.5 },
  describe: () => `Workload (secondary): one tiny image tagged \`bench/tag-1…${N}:latest\` (one docker-archive entry with ${N} RepoTags, loaded with \`load -i\`); \`images\` prints ${N} rows.`,

  async setup(ctx) {
    const w = ctx.workloads.taggedImage(ctx.work, N);
    await ctx.each(async (e) => {
      ctx.log(`loading one image with ${N} tags into ${e.name}`);
      await e.mustExec(['load', '-i', w.path]);
    });
  },

  cases: () => [
    {
      name: `images (${N} tags)`,
      args: ['images'],
      check: (out) => {
        const rows = out.split('\n').filter((l) => /bench\/tag-\d+/.test(l)).length;
        return rows === N ? undefined : `listed ${rows} rows, expected ${N}`;
      },
    },
  ],
};
