// Issue "containers": what a running container costs while no command runs. Per container, the
// monitor's resident memory (berth and podman: conmon; docker: containerd-shim-runc-v2), goal
// ≤ 3 MiB for berth; and no berth process may stay resident once the CLI has returned.
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const N = 5;
const MiB = 1024 * 1024;

function read(p) { try { return readFileSync(p, 'utf8'); } catch { return ''; } }
const statusField = (pid, f) => Number(new RegExp(`^${f}:\\s+(\\d+)`, 'm').exec(read(`/proc/${pid}/status`))?.[1] ?? NaN);
const pssKiB = (pid) => Number(/^Pss:\s+(\d+)/m.exec(read(`/proc/${pid}/smaps_rollup`))?.[1] ?? NaN);

/** Every process: pid, comm, exe basename, argv. */
function processes() {
  const out = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const argv = read(`/proc/${d}/cmdline`).split('\0').filter(Boolean);
    if (argv.length === 0) continue;
    let exe = '';
    try { exe = basename(readlinkSync(`/proc/${d}/exe`)); } catch { /* gone, or a kernel thread */ }
    out.push({ pid: Number(d), comm: read(`/proc/${d}/comm`).trim(), exe, argv });
  }
  return out;
}

/** berth processes on this root besides conmon: node running berth.js with our --root. */
function residentBerth(root) {
  return processes().filter((p) => p.exe.startsWith('node') && p.argv.some((a) => a.endsWith('berth.js')) && p.argv.includes(root));
}

/** The engine's private dir (everything its resident processes mention). */
function privateDir(e) {
  if (e.name === 'berth') return e.root;
  if (e.name === 'podman') return dirname(e.root);
  return dirname(e.env.DOCKER_HOST.replace(/^unix:\/\//, ''));
}

/** Resident processes of an engine other than the per-container monitors. */
function residentOthers(e) {
  if (e.name === 'berth') return residentBerth(e.root);
  const dir = privateDir(e);
  return processes().filter((p) => p.pid !== process.pid && p.argv.some((a) => a.includes(dir)) && !/^(conmon|containerd-shim)/.test(p.comm));
}

export default {
  name: 'monitor-rss',
  order: 23,
  title: `${N} running containers: monitor memory, resident processes`,
  issue: 'containers (run/create/ps)',
  goal: null,
  describe: () => [
    `Workload: ${N} containers started with \`run -d --network none busybox sleep 60\` in every engine (one after another), measured while all ${N} run.`,
    '**monitor RSS**: the monitor is the parent of the container\'s init process (`inspect --format {{.State.Pid}}`, then `PPid` in `/proc/<pid>/status`): conmon for berth (cross-checked with berth\'s `conmon.pid` in the container dir) and podman, containerd-shim-runc-v2 for docker. The value is the mean `VmRSS` from `/proc/<monitor pid>/status` over the containers (Pss and the range in the details: VmRSS counts shared library pages in full, Pss splits them between the conmons).',
    '**resident engine processes**: processes of the engine left once its CLI returned, besides the monitors. berth: node processes running berth.js with this root (sampled right after every `run -d` returned and again at measurement; the maximum is shown); podman: processes naming its temp root; docker: its daemons (dockerd and containerd, by design) naming the private dir.',
  ].join('\n\n'),

  async setup(ctx) {
    const bb = ctx.workloads.busyboxArchive(ctx.work, ctx.engines.berth);
    ctx.ids = {};
    ctx.residentSeen = 0;
    await ctx.each(async (e) => {
      await e.mustExec(['load', '-i', bb.path]);
      ctx.ids[e.name] = [];
      for (let i = 1; i <= N; i++) {
        const id = (await e.mustExec(['run', '-d', '--network', 'none', '--name', `bench-rss-${i}`, 'busybox', 'sleep', '60'])).trim();
        ctx.ids[e.name].push(id);
        if (e.name === 'berth') ctx.residentSeen = Math.max(ctx.residentSeen, residentBerth(e.root).length);
      }
    });
  },

  cases: (ctx) => [
    {
      name: 'monitor RSS per running container',
      goal: { max: 3, unit: 'MiB' },
      async collect(e) {
        const rows = [];
        for (const id of ctx.ids[e.name] ?? []) {
          const pid = Number((await e.mustExec(['inspect', '--format', '{{.State.Pid}}', id])).trim());
          if (!(pid > 0) || !read(`/proc/${pid}/status`)) throw new Error(`container ${id.slice(0, 12)} is not running (pid ${pid})`);
          const mon = statusField(pid, 'PPid');
          if (e.name === 'berth') {
            const file = Number(read(join(e.root, 'containers', id, 'conmon.pid')).trim());
            if (file !== mon) throw new Error(`conmon.pid says ${file}, the container's parent is ${mon}`);
          }
          rows.push({ comm: read(`/proc/${mon}/comm`).trim(), rss: statusField(mon, 'VmRSS'), pss: pssKiB(mon) });
        }
        if (rows.length === 0) throw new Error('no containers');
        const rss = rows.map((r) => r.rss);
        const mean = (a) => a.reduce((x, y) => x + y, 0) / a.length;
        const comms = [...new Set(rows.map((r) => r.comm))].join(', ');
        return {
          value: (mean(rss) * 1024) / MiB, unit: 'MiB', display: `${e.display(['run', '-d', '--network', 'none', 'busybox', 'sleep', '60'])} ×${N}, then VmRSS of the container's parent`,
          note: `${comms} ×${rows.length}: VmRSS ${(Math.min(...rss) / 1024).toFixed(2)}–${(Math.max(...rss) / 1024).toFixed(2)} MiB, Pss mean ${(mean(rows.map((r) => r.pss)) / 1024).toFixed(2)} MiB`,
        };
      },
    },
    {
      name: 'resident engine processes besides monitors',
      goal: { max: 0, unit: '' },
      async collect(e) {
        const now = residentOthers(e);
        const value = e.name === 'berth' ? Math.max(ctx.residentSeen, now.length) : now.length;
        const names = [...new Set(now.map((p) => p.comm))].join(', ');
        return { value, unit: '', note: value ? `${names || 'sampled after run -d'} (${now.map((p) => p.pid).join(', ') || 'gone by now'})` : 'none' };
      },
    },
  ],
};
