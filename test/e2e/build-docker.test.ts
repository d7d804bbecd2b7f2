/**
 * The same contexts built by `DOCKER_BUILDKIT=0 docker build` (a private dockerd on a temp
 * socket, its busybox loaded from berth's `save` of the demo image) and by `berth build` give
 * the same image config (Env, Cmd, Entrypoint, WorkingDir, User, ExposedPorts, Volumes, Labels,
 * StopSignal, Healthcheck, Shell), the same file tree (paths, types, modes, owners, sizes,
 * contents) and, for instructions whose text did not change between dockerd versions, the same
 * history — COPY checksums included. Skipped, saying why, when dockerd is not installed.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRoot, ok } from '../helpers/cli.js';

const dockerd = ['/usr/bin/dockerd', '/usr/sbin/dockerd'].find((p) => existsSync(p));
/** Absent, null and empty are the same setting (inspect shapes differ in how they print "none"). */
const norm = (v: unknown) => (v === undefined || v === '' || (typeof v === 'object' && (v === null || Object.keys(v).length === 0)) ? null : v);
const CONFIG_FIELDS = ['Env', 'Cmd', 'Entrypoint', 'WorkingDir', 'User', 'ExposedPorts', 'Volumes', 'Labels', 'StopSignal', 'Healthcheck', 'Shell'];

/** path → "type mode uid:gid size link sha" of an exported root filesystem, minus runtime artifacts. */
async function tree(tarBytes: Buffer, volumes: string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const skip = (p: string) => p === '' || p === '.dockerenv' || /^(dev|proc|sys)(\/|$)/.test(p)
    || ['etc/hosts', 'etc/hostname', 'etc/resolv.conf', 'etc/mtab'].includes(p) || volumes.includes(p);
  const ex = tar.extract();
  const done = new Promise<void>((res, rej) => { ex.on('finish', res); ex.on('error', rej); });
  ex.on('entry', (h, stream, next) => {
    const hash = createHash('sha256');
    stream.on('data', (d: Buffer) => hash.update(d));
    stream.on('end', () => {
      const p = h.name.replace(/^\.?\//, '').replace(/\/$/, '');
      if (!skip(p)) {
        out[p] = [h.type, ((h.mode ?? 0) & 0o7777).toString(8), `${h.uid}:${h.gid}`, h.type === 'file' ? h.size : 0, h.linkname ?? '',
          h.type === 'file' ? hash.digest('hex').slice(0, 16) : ''].join(' ');
      }
      next();
    });
  });
  Readable.from([tarBytes]).pipe(ex);
  await done;
  return out;
}

function write(dir: string, files: Record<string, string | { content: string; mode: number } | { symlink: string }>): void {
  for (const [rel, spec] of Object.entries(files)) {
    const p = join(dir, rel);
    mkdirSync(dirname(p), { recursive: true });
    if (typeof spec === 'string') writeFileSync(p, spec);
    else if ('symlink' in spec) symlinkSync(spec.symlink, p);
    else { writeFileSync(p, spec.content); chmodSync(p, spec.mode); }
  }
}

const CASES: { name: string; files: Record<string, string | { content: string; mode: number } | { symlink: string }>; history: boolean; buildArgs?: string[]; archive?: boolean }[] = [
  {
    name: 'node app', history: true,
    files: {
      'package.json': '{"name":"app"}\n', 'server.js': 'console.log(1)\n', 'src/lib/a.js': 'a\n', 'src/lib/link.js': { symlink: 'a.js' },
      'logs/x.log': 'l\n', 'node_modules/m/i.js': 'm\n', '.dockerignore': 'node_modules\nlogs\n',
      Dockerfile: 'FROM busybox\nWORKDIR /app\nCOPY package.json ./\nRUN mkdir -p node_modules/dep && echo x > node_modules/dep/i.js\nCOPY . .\nEXPOSE 3000\nCMD ["node", "server.js"]\n',
    },
  },
  {
    name: 'every config instruction', history: false, buildArgs: ['--build-arg', 'V=9'],
    files: {
      'file1': 'hello\n', 'secret': { content: 's\n', mode: 0o600 }, 'dir/sub/b.txt': 'b\n', 'dir/a.sh': { content: 'echo\n', mode: 0o755 },
      Dockerfile: `ARG BASE=busybox
FROM $BASE AS base
ARG V=1
ENV A=1 B="two words"
LABEL com.example.x="y z" other=1
RUN echo $V $A > /v.txt && mkdir -m 700 /private && chown 1:2 /private
USER daemon
WORKDIR /work/dir
USER root
COPY --chown=daemon:bin dir /dest/
COPY --chown=33 file1 secret /f/
COPY dir/a.sh /private/
VOLUME /data /logs
EXPOSE 80/udp 8000-8002
STOPSIGNAL SIGKILL
HEALTHCHECK --interval=30s --timeout=3s --retries=2 CMD wget -q localhost || exit 1
SHELL ["/bin/sh", "-ec"]
RUN echo shell > /shell.txt
ONBUILD RUN echo triggered
ENTRYPOINT ["/bin/sh"]
`,
    },
  },
  {
    // dockerd 20.10 (Debian's docker.io) hashes image files with Go 1.8 type bits in the mode, v28
    // does not: COPY --from checksums differ between them, so history is not compared here
    name: 'multi-stage with ADD archives', history: false, archive: true,
    files: {
      'src/one.txt': '1\n', 'src/sub/two.txt': '22\n',
      Dockerfile: 'FROM busybox AS builder\nWORKDIR /b\nCOPY src ./src\nRUN chown -R 5:6 src && echo tools > /b/builder-only\n\n'
        + 'FROM busybox\nCOPY --from=builder /b/src /copied\nADD src.tar /x/\nADD src.tgz /z\nADD src /added\nCMD ["ls"]\n',
    },
  },
];

describe.skipIf(!dockerd)(`berth build matches DOCKER_BUILDKIT=0 docker build${dockerd ? '' : ' (skipped: dockerd is not installed; apt-get install docker.io)'}`, () => {
  const berthRoot = makeRoot('berth-e2e-dbuild-');
  const dir = mkdtempSync(join(tmpdir(), 'berth-dockerd-build-'));
  const sock = join(dir, 'd.sock');
  const env = { ...process.env, DOCKER_HOST: `unix://${sock}`, DOCKER_BUILDKIT: '0' };
  let daemon: ChildProcess | undefined;
  const docker = (args: string[], input?: Buffer) => execFileSync('docker', args, { env, input, maxBuffer: 256 << 20, stdio: ['pipe', 'pipe', 'pipe'] });

  beforeAll(async () => {
    await ok(berthRoot.root, ['image', 'demo', '-q']);
    await ok(berthRoot.root, ['save', '-o', join(dir, 'bb.tar'), 'busybox']);
    daemon = spawn(dockerd!, ['--data-root', join(dir, 'data'), '--exec-root', join(dir, 'exec'), '-H', `unix://${sock}`, '--pidfile', join(dir, 'pid'),
      '--iptables=false', '--ip-masq=false', '--bridge=none'], { stdio: 'ignore' });
    for (let i = 0; i < 150 && !existsSync(sock); i++) await new Promise((r) => setTimeout(r, 100));
    docker(['load', '-i', join(dir, 'bb.tar')]);
  }, 120_000);

  afterAll(async () => {
    daemon?.kill('SIGTERM');
    if (daemon && daemon.exitCode === null) await new Promise((r) => daemon!.on('exit', r));
    rmSync(dir, { recursive: true, force: true });
    berthRoot.cleanup();
  });

  for (const c of CASES) {
    it(c.name, async () => {
      const ctx = mkdtempSync(join(tmpdir(), 'berth-dctx-'));
      try {
        write(ctx, c.files);
        if (c.archive) {
          execFileSync('tar', ['-C', ctx, '--owner=7', '--group=8', '--mtime=@0', '-cf', join(ctx, 'src.tar'), 'src']);
          execFileSync('tar', ['-C', ctx, '--mtime=@0', '-czf', join(ctx, 'src.tgz'), 'src']);
        }
        const tag = `cmp-${c.name.toLowerCase().replace(/\W+/g, '-')}`;
        docker(['build', '-q', ...(c.buildArgs ?? []), '-t', tag, ctx]);
        await ok(berthRoot.root, ['build', '-q', ...(c.buildArgs ?? []), '-t', tag, ctx]);
        const dConfig = JSON.parse(docker(['image', 'inspect', tag]).toString())[0].Config;
        const bConfig = JSON.parse(await ok(berthRoot.root, ['image', 'inspect', tag]))[0].Config;
        for (const field of CONFIG_FIELDS) expect(norm(bConfig[field]), field).toEqual(norm(dConfig[field]));
        if (c.history) {
          const dh = docker(['history', '--no-trunc', '--format', '{{.CreatedBy}}', tag]).toString();
          expect(await ok(berthRoot.root, ['history', '--no-trunc', '--format', '{{.CreatedBy}}', tag])).toBe(dh);
        }
        const volumes = Object.keys(dConfig.Volumes ?? {}).map((v) => v.replace(/^\//, ''));
        const id = docker(['create', tag]).toString().trim();
        const dTree = await tree(docker(['export', id]), volumes);
        docker(['rm', id]);
        const bid = (await ok(berthRoot.root, ['create', tag])).trim();
        const exported = join(ctx, '..', `${tag}-berth.tar`);
        await ok(berthRoot.root, ['export', '-o', exported, bid]);
        await ok(berthRoot.root, ['rm', bid]);
        const bTree = await tree(Buffer.from(execFileSync('cat', [exported], { maxBuffer: 256 << 20 })), volumes);
        rmSync(exported, { force: true });
        expect(bTree).toEqual(dTree);
      } finally {
        rmSync(ctx, { recursive: true, force: true });
      }
    }, 120_000);
  }
});
