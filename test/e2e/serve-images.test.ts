/**
 * The image side of `berth serve`, the same cases run twice: by berth's own CLI (real docker under
 * TEST_TARGET=docker) and by the stock docker CLI (v28, DOCKER_BUILDKIT=0) through `berth serve`.
 * import, images, save → rmi → load, build (multi-stage, .dockerignore, -t, --build-arg, --target,
 * -q, -f outside the context, a failing RUN's exit code), tag, commit, history, image prune, and
 * push/pull/login against Debian's docker-registry (open, then htpasswd). Then, on one root, the
 * two CLIs must print the same images table, history and inspect fields.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { berth, type RunResult } from '../helpers/cli.js';
import { containerRoot } from '../helpers/containers.js';
import { HAVE_REGISTRY, startRegistry, type Registry } from '../helpers/registry.js';
import { skipServe, startServe, type Served } from '../helpers/serve.js';

type Run = (args: string[], input?: string | Buffer) => Promise<RunResult>;
interface Driver { run: Run; root: string; stop(): Promise<void> }

const DRIVERS: { name: string; skip: boolean; start(): Promise<Driver> }[] = [
  {
    name: 'berth CLI', skip: false,
    start: async () => {
      const ctx = await containerRoot('berth-simg-cli-');
      const env = { DOCKER_CONFIG: join(ctx.root, '.docker') };
      return { root: ctx.root, run: (args, input) => berth(ctx.root, args, { input, env, timeoutMs: 120_000 }), stop: ctx.cleanup };
    },
  },
  {
    name: 'docker CLI through berth serve', skip: skipServe,
    start: async () => {
      const s: Served = await startServe('berth-simg-serve-');
      return { root: s.root, run: (args, input) => s.docker(args, input), stop: s.stop };
    },
  },
];

const work = mkdtempSync(join(tmpdir(), 'berth-simg-work-'));
const ctxDir = join(work, 'ctx');
const rootfsTar = join(work, 'rootfs.tar');
afterAll(() => rmSync(work, { recursive: true, force: true }));

beforeAll(() => {
  mkdirSync(join(work, 'rootfs', 'etc'), { recursive: true });
  writeFileSync(join(work, 'rootfs', 'etc', 'hello.txt'), 'hello\n');
  execFileSync('tar', ['-C', join(work, 'rootfs'), '-cf', rootfsTar, '.']);
  mkdirSync(ctxDir);
  writeFileSync(join(ctxDir, 'keep.txt'), 'keep\n');
  writeFileSync(join(ctxDir, 'secret.txt'), 'secret\n');
  writeFileSync(join(ctxDir, '.dockerignore'), 'secret.txt\n');
  writeFileSync(join(ctxDir, 'Dockerfile'), [
    'FROM busybox AS builder', 'ARG MSG=default', 'RUN echo "$MSG" > /built.txt && echo builder-only > /builder-only.txt',
    'FROM busybox AS final', 'COPY --from=builder /built.txt /built.txt', 'COPY . /ctx/', 'CMD ["cat", "/built.txt"]', '',
  ].join('\n'));
  writeFileSync(join(ctxDir, 'Dockerfile.bad'), 'FROM busybox\nRUN echo failing; exit 3\n');
  mkdirSync(join(work, 'outside'));
  writeFileSync(join(work, 'outside', 'Dockerfile'), 'FROM busybox\nCOPY . /c/\nCMD ["ls", "-a", "/c"]\n');
});

const ID = /^sha256:[0-9a-f]{64}\n$/;
const good = (r: RunResult) => { expect(r.code, r.stderr).toBe(0); return r.stdout; };

for (const d of DRIVERS) {
  describe.skipIf(d.skip)(`image verbs: ${d.name}`, () => {
    let drv: Driver;
    let run: Run;
    const idOf = async (ref: string) => good(await run(['image', 'inspect', '-f', '{{.Id}}', ref])).trim();
    beforeAll(async () => { drv = await d.start(); run = drv.run; }, 120_000);
    afterAll(async () => { await drv?.stop(); }, 120_000);

    it('import from stdin, images, save -o → rmi → load -i keeps the image ID', async () => {
      const id = good(await run(['import', '-m', 'imported', '-', 'imp:1'], readFileSync(rootfsTar)));
      expect(id).toMatch(ID);
      expect(good(await run(['images', '--format', '{{.Repository}}:{{.Tag}} {{.ID}}']))).toContain(`imp:1 ${id.slice(7, 19)}\n`);
      const file = join(work, `${d.name.replace(/\W+/g, '-')}.tar`);
      good(await run(['save', '-o', file, 'imp:1']));
      expect(good(await run(['rmi', 'imp:1']))).toMatch(/^Untagged: imp:1\nDeleted: sha256:/);
      expect((await run(['image', 'inspect', 'imp:1'])).code).toBe(1);
      expect(good(await run(['load', '-i', file]))).toBe('Loaded image: imp:1\n');
      expect(await idOf('imp:1')).toBe(id.trim());
      // several names (GET /images/get?names=…&names=…), and a missing one fails before any byte
      good(await run(['save', '-o', file, 'imp:1', 'busybox']));
      const both = good(await run(['load', '-i', file]));
      expect(both.split('\n').sort().join('\n')).toBe('\nLoaded image: busybox:latest\nLoaded image: imp:1');
      const missing = await run(['save', '-o', `${file}.x`, 'imp:1', 'nosuch:9']);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('No such image: nosuch:9');
      rmSync(file, { force: true });
    }, 120_000);

    it('build: multi-stage, .dockerignore, -t, --build-arg; --target with -q; a failing RUN exits with its code', async () => {
      const out = good(await run(['build', '-t', 'mb:1', '-t', 'mb:2', '--build-arg', 'MSG=hello', ctxDir]));
      expect(out).toContain('Step 1/7 : FROM busybox AS builder\n');
      expect(out).toContain('Step 6/7 : COPY . /ctx/\n');
      expect(out).toMatch(/ ---> Running in [0-9a-f]{12}\n/);
      const built = /Successfully built ([0-9a-f]{12})\n/.exec(out)?.[1];
      expect(out).toContain('Successfully tagged mb:1\nSuccessfully tagged mb:2\n');
      expect((await idOf('mb:2')).slice(7, 19)).toBe(built);
      expect(good(await run(['run', '--rm', 'mb:1']))).toBe('hello\n');
      const check = 'test -f /ctx/keep.txt && test ! -e /ctx/secret.txt && test ! -e /builder-only.txt && echo clean';
      expect(good(await run(['run', '--rm', 'mb:1', 'sh', '-c', check]))).toBe('clean\n');
      const q = good(await run(['build', '-q', '--target', 'builder', '-t', 'mb:builder', ctxDir]));
      expect(q).toMatch(ID);
      expect(await idOf('mb:builder')).toBe(q.trim());
      expect(good(await run(['run', '--rm', 'mb:builder', 'cat', '/builder-only.txt', '/built.txt']))).toBe('builder-only\ndefault\n');
      // the cache serves a rebuild; --no-cache and --label (labels=JSON) reach the builder
      expect(good(await run(['build', '--build-arg', 'MSG=hello', ctxDir]))).toContain(' ---> Using cache\n');
      const nc = good(await run(['build', '--no-cache', '--label', 'team=images', '-t', 'mb:nc', ctxDir]));
      expect(nc).not.toContain('Using cache');
      expect(good(await run(['image', 'inspect', '-f', '{{index .Config.Labels "team"}}', 'mb:nc']))).toBe('images\n');
      // -f outside the context: the docker CLI injects it into the context tar under a random name
      good(await run(['build', '-q', '-f', join(work, 'outside', 'Dockerfile'), '-t', 'outside:1', ctxDir]));
      expect(good(await run(['run', '--rm', 'outside:1']))).toBe('.\n..\n.dockerignore\nDockerfile\nDockerfile.bad\nkeep.txt\n');
      const bad = await run(['build', '-f', join(ctxDir, 'Dockerfile.bad'), ctxDir]);
      expect(bad.code).toBe(3);
      expect(bad.stdout).toContain('failing\n');
      expect(bad.stderr).toContain("The command '/bin/sh -c echo failing; exit 3' returned a non-zero code: 3");
    }, 300_000);

    it('tag, commit of a container change (-m, -a, -c), history', async () => {
      good(await run(['tag', 'busybox', 'bb:tagged']));
      expect(await idOf('bb:tagged')).toBe(await idOf('busybox'));
      good(await run(['run', '--name', 'cm', 'busybox', 'sh', '-c', 'echo changed > /new.txt']));
      const id = good(await run(['commit', '-m', 'a message', '-a', 'me', '-c', 'CMD ["cat","/new.txt"]', 'cm', 'committed:1']));
      expect(id).toMatch(ID);
      expect(good(await run(['run', '--rm', 'committed:1']))).toBe('changed\n');
      expect(good(await run(['image', 'inspect', '-f', '{{json .Config.Cmd}} {{.Author}} {{.Comment}}', 'committed:1']))).toBe('["cat","/new.txt"] me a message\n');
      const hist = good(await run(['history', '--format', '{{.ID}}|{{.CreatedBy}}|{{.Comment}}', 'committed:1'])).split('\n');
      expect(hist[0]).toBe(`${id.slice(7, 19)}|sh -c echo changed > /new.txt|a message`);
      good(await run(['rm', 'cm']));
    }, 120_000);

    it('image prune removes a dangling image and reports it', async () => {
      const first = good(await run(['import', '-', 'dang:1'], readFileSync(rootfsTar))).trim();
      const second = good(await run(['import', '-c', 'CMD ["sh"]', '-', 'dang:1'], readFileSync(rootfsTar))).trim();
      expect(second).not.toBe(first);
      const out = good(await run(['image', 'prune', '-f']));
      expect(out).toMatch(/^Deleted Images:\n/);
      expect(out).toContain(`deleted: ${first}\n`);
      expect(out).toMatch(/\nTotal reclaimed space: [\d.]+[kMG]?B\n$/);
      expect(good(await run(['images', '-q', '--no-trunc']))).not.toContain(first);
      expect(await idOf('dang:1')).toBe(second);
    }, 120_000);

    describe.skipIf(!HAVE_REGISTRY)('registries', () => {
      let open: Registry;
      let secure: Registry;
      beforeAll(async () => {
        open = await startRegistry();
        secure = await startRegistry({ htpasswd: { user: 'alice', password: 'secret' } });
      }, 60_000);
      afterAll(async () => { await open?.stop(); await secure?.stop(); });

      it('open registry: push → rmi → pull gives the same image ID', async () => {
        const ref = `${open.host}/proj/reg:1`;
        const id = good(await run(['import', '-', ref], readFileSync(rootfsTar))).trim();
        const push = good(await run(['push', ref]));
        expect(push).toContain(`The push refers to repository [${open.host}/proj/reg]\n`);
        expect(push).toMatch(/\n1: digest: sha256:[0-9a-f]{64} size: \d+\n$/);
        expect(good(await run(['rmi', ref]))).toContain(`Deleted: ${id}`);
        const pull = good(await run(['pull', ref]));
        expect(pull).toContain(`Status: Downloaded newer image for ${ref}\n`);
        expect(pull.endsWith(`${ref}\n`)).toBe(true);
        expect(await idOf(ref)).toBe(id);
        // by digest (the CLI sends it as `tag`), and push -a (no tag: every local tag)
        const digest = /1: digest: (sha256:[0-9a-f]{64})/.exec(push)![1]!;
        expect(good(await run(['pull', `${open.host}/proj/reg@${digest}`]))).toContain(`Digest: ${digest}\n`);
        good(await run(['tag', ref, `${open.host}/proj/reg:2`]));
        const all = good(await run(['push', '-a', `${open.host}/proj/reg`]));
        expect(all).toMatch(/\n1: digest: sha256:[0-9a-f]{64} size: \d+\n/);
        expect(all).toMatch(/\n2: digest: sha256:[0-9a-f]{64} size: \d+\n/);
        // run of a missing image pulls it (create 404 → POST /images/create → create)
        const bb = `${open.host}/proj/bb:1`;
        good(await run(['tag', 'busybox', bb]));
        good(await run(['push', bb]));
        good(await run(['rmi', bb]));
        const ran = await run(['run', '--rm', bb, 'echo', 'pulled and ran']);
        expect(ran.code, ran.stderr).toBe(0);
        expect(ran.stdout).toBe('pulled and ran\n');
        expect(ran.stderr).toContain(`Unable to find image '${bb}' locally`);
        const missing = await run(['pull', `${open.host}/proj/nosuch:1`]);
        expect(missing.code).toBe(1);
        expect(missing.stderr).toContain(`Error response from daemon: manifest for ${open.host}/proj/nosuch:1 not found`);
      }, 120_000);

      it('htpasswd registry: login wrong → docker message, right → push/pull work, logout', async () => {
        const ref = `${secure.host}/team/app:v1`;
        const id = good(await run(['import', '-', ref], readFileSync(rootfsTar))).trim();
        const anon = await run(['push', ref]);
        expect(anon.code).toBe(1);
        expect(anon.stderr).toMatch(/no basic auth credentials/);
        const wrong = await run(['login', '-u', 'alice', '--password-stdin', secure.host], 'nope\n');
        expect(wrong.code).toBe(1);
        expect(wrong.stderr).toContain(`Error response from daemon: login attempt to http://${secure.host}/v2/ failed with status: 401 Unauthorized\n`);
        const right = await run(['login', '-u', 'alice', '--password-stdin', secure.host], 'secret\n');
        expect(right.stdout).toContain('Login Succeeded\n');
        expect(right.code, right.stderr).toBe(0);
        good(await run(['push', ref]));
        good(await run(['rmi', ref]));
        good(await run(['pull', ref]));
        expect(await idOf(ref)).toBe(id);
        expect(good(await run(['logout', secure.host]))).toBe(`Removing login credentials for ${secure.host}\n`);
        good(await run(['rmi', ref]));
        const after = await run(['pull', ref]);
        expect(after.code).toBe(1);
        expect(after.stderr).toMatch(/no basic auth credentials/);
      }, 180_000);
    });
  });
}

/** The two surfaces on one root: docker through berth serve and berth's CLI print the same. */
describe.skipIf(skipServe)('docker through berth serve prints what berth prints', () => {
  let s: Served;
  const both = async (args: string[]) => {
    // CREATED columns are relative times: run both at once, again when a second boundary fell between them
    for (let i = 0; ; i++) {
      const [a, b] = (await Promise.all([s.docker(args), berth(s.root, args)])).map(good);
      if (a === b || i === 5) return [a!, b!];
    }
  };
  beforeAll(async () => {
    s = await startServe('berth-simg-same-');
    good(await s.docker(['import', '-m', 'same', '-c', 'CMD ["sh"]', '-', 'same:1'], readFileSync(rootfsTar)));
    good(await s.docker(['build', '-t', 'same:built', ctxDir]));
  }, 300_000);
  afterAll(async () => { await s?.stop(); }, 120_000);

  it('images table (also -a), history (with --no-trunc), inspect fields', async () => {
    for (const args of [['images'], ['images', '-a'], ['history', 'same:built'], ['history', '--no-trunc', 'same:1'], ['history', '--format', '{{.ID}} {{.CreatedAt}} {{.Size}}', 'busybox']]) {
      const [viaDocker, viaBerth] = await both(args);
      expect(viaDocker, args.join(' ')).toBe(viaBerth);
    }
    const inspect = async (r: Promise<RunResult>) => (JSON.parse(good(await r)) as Record<string, unknown>[])[0]!;
    for (const ref of ['same:1', 'same:built', 'busybox']) {
      const a = await inspect(s.docker(['image', 'inspect', ref]));
      const b = await inspect(berth(s.root, ['image', 'inspect', ref]));
      for (const k of ['Id', 'RepoTags', 'RepoDigests', 'Parent', 'Comment', 'Created', 'Author', 'Architecture', 'Os', 'Size', 'Config', 'RootFS']) {
        expect(a[k], `${ref} ${k}`).toEqual(b[k]);
      }
    }
  }, 120_000);
});
