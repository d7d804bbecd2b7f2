// Issue "berth serve": the stock docker CLI talking to `berth serve` against the same CLI talking
// to a private dockerd, measured in the same run. Goals: `docker ps -a` (200 containers) ≤ 1.0×
// dockerd; `docker run --rm busybox true` ≤ 0.5× dockerd; idle server RSS ≤ 60 MiB; 50 concurrent
// API clients listing and creating containers for 30 s without errors (p99 reported).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { stopPid, which } from '../lib/util.mjs';

const N = Number(process.env.BENCH_SERVE_CONTAINERS ?? 200);
const CLIENTS = 50;
const MiB = 1024 * 1024;

async function pool(count, width, job) {
  let next = 0;
  const worker = async () => { while (next < count) { const i = next++; await job(i); } };
  await Promise.all(Array.from({ length: Math.min(width, count) }, worker));
}

/** One API request on a unix socket; resolves with the status once the body is read. */
function call(sock, method, path, body) {
  return new Promise((res, rej) => {
    const data = body ? Buffer.from(JSON.stringify(body)) : undefined;
    const req = http.request({ socketPath: sock, method, path, headers: data ? { 'Content-Type': 'application/json', 'Content-Length': data.length } : {} }, (r) => {
      const chunks = [];
      r.on('data', (c) => chunks.push(c));
      r.on('end', () => res({ status: r.statusCode, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', rej);
    req.setTimeout(60_000, () => req.destroy(new Error('timeout')));
    req.end(data);
  });
}

const rssMiB = (pid) => Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;
const sockOf = (e) => e.env.DOCKER_HOST.replace(/^unix:\/\//, '');

export default {
  name: 'serve',
  order: 50,
  title: `docker CLI through berth serve vs dockerd (${N} containers)`,
  issue: 'berth serve (API server)',
  goal: { peer: 'docker', max: 1.0 },
  peers: ['docker'],
  describe: () => [
    `Both columns run the same docker CLI (\`${which('docker') ?? 'docker'}\`): "berth" with DOCKER_HOST at \`berth serve\` on the group's temp root, "docker" at a private dockerd. Workload: ${N} containers made with \`run -d --network none busybox true\` (4 at a time), all exited before timing.`,
    `**idle RSS**: VmRSS of the server process (berth serve; dockerd for docker) after the workload, 5 s idle. **${CLIENTS} clients**: ${CLIENTS} concurrent loops over the raw API for 30 s (15 s with --quick), each alternating GET /containers/json?all=1 and POST /containers/create + DELETE; errors and the p50/p99 latency of every request.`,
  ].join('\n\n'),

  async setup(ctx) {
    const b = ctx.engines.berth;
    const sock = join(ctx.dir, 'berth-serve.sock');
    const env = { ...b.env, BERTH_ROOT: b.root };
    ctx.server = spawn(process.execPath, [...b.base(b.root).slice(1), 'serve', '-H', `unix://${sock}`], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    ctx.server.stderr.on('data', (d) => (err += d));
    for (let i = 0; i < 200 && !err.includes('API listening on'); i++) await new Promise((r) => setTimeout(r, 100));
    if (!err.includes('API listening on')) throw new Error(`berth serve did not start: ${err}`);
    // the berth column drives the docker CLI at the server; its own CLI stays for the workload
    const docker = which('docker');
    if (!docker) throw new Error('the docker CLI is not installed');
    b.env = { ...b.env, DOCKER_HOST: `unix://${sock}`, DOCKER_CONFIG: join(ctx.dir, 'docker-config') };
    b.argv = (args) => [docker, ...args];
    b.display = (args) => ['docker', ...args, '(berth serve)'].join(' ');
    b.serverPid = ctx.server.pid;
    const bb = ctx.workloads.busyboxArchive(ctx.work, b);
    await ctx.each(async (e) => {
      await e.mustExec(['load', '-i', bb.path]);
      await pool(N, 4, (i) => e.mustExec(['run', '-d', '--network', 'none', '--name', `bench-serve-${i + 1}`, 'busybox', 'true']));
      for (let t = 0; t < 360; t++) {
        const out = await e.mustExec(['ps', '-a', '--filter', 'status=exited', '-q']);
        if (out.split('\n').filter(Boolean).length >= N) break;
        await new Promise((r) => setTimeout(r, 500));
      }
    });
  },

  async teardown(ctx) {
    if (ctx.server?.pid) await stopPid(ctx.server.pid, 10_000);
  },

  cases: (ctx) => [
    {
      name: `docker ps -a (${N} exited)`,
      args: ['ps', '-a'],
      check: (out) => (out.split('\n').filter((l) => /bench-serve-\d+/.test(l)).length === N ? undefined : `expected ${N} bench rows`),
    },
    {
      name: 'docker run --rm busybox true',
      goal: { peer: 'docker', max: 0.5 },
      args: ['run', '--rm', '--network', 'none', 'busybox', 'true'],
    },
    {
      name: 'idle server RSS',
      goal: { max: 60, unit: 'MiB' },
      async collect(e) {
        await new Promise((r) => setTimeout(r, 5000));
        if (e.name === 'berth') return { value: rssMiB(e.serverPid), unit: 'MiB', display: 'VmRSS of berth serve' };
        return { value: rssMiB(e.pid), unit: 'MiB', display: 'VmRSS of dockerd (containerd not counted)' };
      },
    },
    {
      name: `${CLIENTS} concurrent API clients: p99 latency`,
      goal: null,
      async collect(e) {
        const sock = sockOf(e);
        const end = Date.now() + (ctx.quick ? 15_000 : 30_000);
        const lat = [];
        let errors = 0;
        const loop = async (w) => {
          for (let i = 0; Date.now() < end; i++) {
            const t0 = performance.now();
            try {
              if (i % 2 === 0) {
                const r = await call(sock, 'GET', '/v1.41/containers/json?all=1');
                if (r.status !== 200) errors++;
              } else {
                const r = await call(sock, 'POST', '/v1.41/containers/create', { Image: 'busybox', Cmd: ['true'], HostConfig: { NetworkMode: 'none' } });
                if (r.status !== 201) { errors++; continue; }
                const id = JSON.parse(r.body).Id;
                const d = await call(sock, 'DELETE', `/v1.41/containers/${id}?force=1`);
                if (d.status !== 204) errors++;
              }
            } catch { errors++; }
            lat.push(performance.now() - t0);
          }
          void w;
        };
        await Promise.all(Array.from({ length: CLIENTS }, (_, w) => loop(w)));
        lat.sort((a, b) => a - b);
        const p = (q) => lat[Math.min(lat.length - 1, Math.floor(q * lat.length))] ?? NaN;
        return { value: p(0.99), unit: 'ms', note: `${lat.length} requests, ${errors} errors, p50 ${p(0.5).toFixed(0)} ms` };
      },
    },
  ],
};
