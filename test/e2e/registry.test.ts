/**
 * Registry verbs through the CLI against Debian's docker-registry on 127.0.0.1 (TEST_TARGET=docker
 * runs the same cases against docker, which treats 127.0.0.0/8 as insecure too): push → rmi → pull
 * keeps the image ID; run pulls a missing image; login/logout with an htpasswd registry and
 * docker's config file; docker's lines and errors for bad references and unreachable registries.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pty from 'node-pty';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BERTH, TARGET, berth, ok } from '../helpers/cli.js';
import { containerRoot, until, type ContainerRoot } from '../helpers/containers.js';
import { HAVE_REGISTRY, type Registry, freePort, startRegistry } from '../helpers/registry.js';

const ID = '[a-f0-9]{12}';

describe.skipIf(!HAVE_REGISTRY)('registry verbs', () => {
  let open: Registry;
  let secure: Registry;
  let a: ContainerRoot;
  let cfg: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    open = await startRegistry();
    secure = await startRegistry({ htpasswd: { user: 'alice', password: 'secret' } });
  });
  afterAll(async () => { await Promise.allSettled([open?.stop(), secure?.stop()]); });
  beforeEach(async () => {
    a = await containerRoot('berth-reg-');
    cfg = mkdtempSync(join(tmpdir(), 'berth-dockercfg-'));
    env = { DOCKER_CONFIG: cfg };
  });
  afterEach(async () => { await a.cleanup(); rmSync(cfg, { recursive: true, force: true }); });

  const run = (args: string[], input?: string) => berth(a.root, args, { env, input });

  it('push → rmi → pull gives the same image ID, with docker\'s lines', async () => {
    const name = `${open.host}/project/app`;
    await ok(a.root, ['tag', 'busybox', `${name}:1.0`]);
    const id = (await ok(a.root, ['inspect', '-f', '{{.Id}}', `${name}:1.0`])).trim();
    const push = await run(['push', `${name}:1.0`]);
    expect(push.stderr).toBe('');
    expect(push.code).toBe(0);
    const lines = push.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`The push refers to repository [${name}]`);
    expect(lines.slice(1, -1).every((l) => new RegExp(`^${ID}: (Preparing|Waiting|Pushed|Layer already exists)$`).test(l))).toBe(true);
    expect(lines.filter((l) => l.endsWith(': Pushed')).length).toBeGreaterThan(0);
    const last = /^1\.0: digest: (sha256:[a-f0-9]{64}) size: (\d+)$/.exec(lines.at(-1)!);
    expect(last).not.toBeNull();

    expect((await run(['push', `${name}:1.0`])).stdout).toMatch(new RegExp(`^The push refers to repository \\[.*\\]\\n(${ID}: Preparing\\n)+(${ID}: Layer already exists\\n)+1\\.0: digest: ${last![1]} size: ${last![2]}\\n$`));
    expect((await run(['push', '-q', `${name}:1.0`])).stdout).toBe(`${name}:1.0\n`);

    await ok(a.root, ['rmi', `${name}:1.0`]);
    const notag = await run(['pull', name]);
    expect(notag.code).toBe(1);
    expect(notag.stderr).toBe(`Error response from daemon: manifest for ${name}:latest not found: manifest unknown: manifest unknown\n`);
    expect(notag.stdout).toBe('Using default tag: latest\n');

    if (TARGET === 'berth') await ok(a.root, ['rmi', 'busybox']); // the image itself must come back
    const got = await run(['pull', `${name}:1.0`]);
    expect(got.code).toBe(0);
    expect(got.stdout).toMatch(new RegExp(
      `^1\\.0: Pulling from ${name.replace(/\./g, '\\.')}\\n`
      + `(${ID}: (Pulling fs layer|Waiting|Verifying Checksum|Download complete|Pull complete|Already exists)\\n)+`
      + `Digest: ${last![1]}\\nStatus: Downloaded newer image for ${name.replace(/\./g, '\\.')}:1\\.0\\n${name.replace(/\./g, '\\.')}:1\\.0\\n$`,
    ));
    expect((await ok(a.root, ['inspect', '-f', '{{.Id}}', `${name}:1.0`])).trim()).toBe(id);
    expect((await ok(a.root, ['inspect', '-f', '{{json .RepoDigests}}', `${name}:1.0`])).trim()).toBe(JSON.stringify([`${name}@${last![1]}`]));
    expect((await run(['pull', '-q', `${name}:1.0`])).stdout).toBe(`${name}:1.0\n`);
    expect((await run(['pull', `${name}:1.0`])).stdout).toContain(`Status: Image is up to date for ${name}:1.0\n`);
  });

  it('run pulls a missing image ("Unable to find image … locally"); --pull never and always', async () => {
    const name = `${open.host}/project/run`;
    await ok(a.root, ['tag', 'busybox', `${name}:1.0`]);
    await ok(a.root, ['push', `${name}:1.0`]);
    const b = await containerRoot('berth-reg-b-');
    try {
      const never = await berth(b.root, ['run', '--rm', '--pull', 'never', `${name}:1.0`, 'true']);
      expect(never.code).toBe(125);
      expect(never.stderr).not.toContain('Unable to find image');
      const res = await berth(b.root, ['run', '--rm', `${name}:1.0`, 'echo', 'pulled and ran']);
      expect(res.code).toBe(0);
      expect(res.stdout).toBe('pulled and ran\n');
      expect(res.stderr).toMatch(new RegExp(`^Unable to find image '${name}:1\\.0' locally\\n1\\.0: Pulling from ${name}\\n`));
      expect(res.stderr).toMatch(/\nStatus: Downloaded newer image for .*:1\.0\n$/);
      const always = await berth(b.root, ['run', '--rm', '--pull', 'always', `${name}:1.0`, 'true']);
      expect(always.code).toBe(0);
      expect(always.stderr).toContain(`Status: Image is up to date for ${name}:1.0\n`);
      const quiet = await berth(b.root, ['create', '-q', '--pull', 'always', `${name}:1.0`]);
      expect(quiet.stderr).toBe('');
      expect(quiet.stdout).toMatch(/^[a-f0-9]{64}\n$/);
    } finally {
      await b.cleanup();
    }
  });

  it('a build whose FROM is only in the registry pulls it', async () => {
    const base = `${open.host}/project/base:1.0`;
    await ok(a.root, ['tag', 'busybox', base]);
    await ok(a.root, ['push', base]);
    const b = await containerRoot('berth-reg-build-');
    const ctx = mkdtempSync(join(tmpdir(), 'berth-reg-ctx-'));
    try {
      writeFileSync(join(ctx, 'Dockerfile'), `FROM ${base}\nRUN echo built from the registry > /built\n`);
      const res = await berth(b.root, ['build', '-t', 'built:1', ctx], { env: { DOCKER_BUILDKIT: '0' } });
      expect(res.code, res.stderr).toBe(0);
      expect(res.stdout).toContain(`Status: Downloaded newer image for ${base}`);
      expect(await ok(b.root, ['run', '--rm', 'built:1', 'cat', '/built'])).toBe('built from the registry\n');
      expect((await ok(b.root, ['inspect', '-f', '{{json .RepoDigests}}', base])).trim()).toMatch(new RegExp(`^\\["${open.host}/project/base@sha256:[a-f0-9]{64}"\\]$`));
    } finally {
      rmSync(ctx, { recursive: true, force: true });
      await b.cleanup();
    }
  });

  it('login: wrong password fails as docker says; the right one is stored 0600; push/pull work; logout removes it', async () => {
    const name = `${secure.host}/secure/app`;
    await ok(a.root, ['tag', 'busybox', `${name}:1.0`]);
    const wrong = await run(['login', '-u', 'alice', '-p', 'nope', secure.host]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toBe(`WARNING! Using --password via the CLI is insecure. Use --password-stdin.\nError response from daemon: login attempt to http://${secure.host}/v2/ failed with status: 401 Unauthorized\n`);

    const good = await run(['login', '-u', 'alice', '--password-stdin', secure.host], 'secret\n');
    expect(good.code).toBe(0);
    expect(good.stdout).toBe('Login Succeeded\n');
    expect(good.stderr).toBe(`\nWARNING! Your credentials are stored unencrypted in '${join(cfg, 'config.json')}'.\nConfigure a credential helper to remove this warning. See\nhttps://docs.docker.com/go/credential-store/\n\n`);
    expect(statSync(join(cfg, 'config.json')).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(join(cfg, 'config.json'), 'utf8'))).toEqual({ auths: { [secure.host]: { auth: Buffer.from('alice:secret').toString('base64') } } });

    expect((await run(['push', `${name}:1.0`])).code).toBe(0);
    await ok(a.root, ['rmi', `${name}:1.0`]);
    expect((await run(['pull', `${name}:1.0`])).code).toBe(0);

    const again = await run(['login', secure.host]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('Authenticating with existing credentials... [Username: alice]\n');

    expect(await run(['logout', secure.host])).toMatchObject({ code: 0, stdout: `Removing login credentials for ${secure.host}\n` });
    expect(JSON.parse(readFileSync(join(cfg, 'config.json'), 'utf8'))).toEqual({ auths: {} });
    const anon = await run(['pull', `${name}:1.0`]);
    expect(anon.code).toBe(1);
    expect(anon.stderr).toBe(`Error response from daemon: Head "http://${secure.host}/v2/secure/app/manifests/1.0": no basic auth credentials\n`);

    const tty = await run(['login', secure.host]);
    expect(tty).toMatchObject({ code: 1, stderr: 'Error: Cannot perform an interactive login from a non TTY device\n' });
    expect((await run(['login', '--password-stdin', secure.host])).stderr).toBe('the --password-stdin option requires --username to be set\n');
  });

  /** The CLI on a pseudo-terminal: its output so far, keystrokes, and its exit code. */
  function term(args: string[], cols = 120) {
    const [file, argv] = TARGET === 'docker' ? ['docker', args] : [process.execPath, [BERTH, ...args]];
    const t = pty.spawn(file, argv, { cols, rows: 30, name: 'xterm', env: { ...process.env, BERTH_ROOT: a.root, ...env } as Record<string, string> });
    let out = '';
    let exit: number | undefined;
    t.onData((d) => { out += d; });
    t.onExit(({ exitCode }) => { exit = exitCode; });
    return {
      wait: (re: RegExp) => until(() => re.test(out), 15_000, `${re} in ${JSON.stringify(out)}`),
      send: (s: string) => t.write(s),
      exited: () => until(() => exit !== undefined && { code: exit }, 15_000, 'exit').then((e) => e.code),
      get out() { return out; },
    };
  }

  it('on a terminal: login prompts (the password unechoed) and pull redraws layer lines in place', async () => {
    const login = term(['login', secure.host]);
    await login.wait(/Username: $/);
    login.send('alice\r');
    await login.wait(/Password: $/);
    login.send('secret\r');
    expect(await login.exited()).toBe(0);
    expect(login.out).toContain('Login Succeeded');
    expect(login.out).not.toContain('secret');

    const name = `${secure.host}/tty/app:1.0`;
    await ok(a.root, ['tag', 'busybox', name]);
    expect((await run(['push', name])).code).toBe(0);
    if (TARGET === 'berth') await ok(a.root, ['rmi', name, 'busybox']);
    const pull = term(['pull', name]);
    expect(await pull.exited()).toBe(0);
    expect(pull.out).toMatch(/\x1b\[1A\x1b\[2K\r[a-f0-9]{12}: Downloading \[=+>\s*\]\s+[\d.]+[kM]B\/[\d.]+[kM]B\r\x1b\[1B/);
    expect(pull.out).toMatch(/[a-f0-9]{12}: Pull complete \r/);
  });

  it('bad references and unreachable registries fail as docker fails', async () => {
    const upper = await run(['push', 'Busybox']);
    expect(upper).toMatchObject({ code: 1, stdout: '', stderr: 'invalid reference format: repository name (library/Busybox) must be lowercase\n' });
    expect((await run(['pull', 'project/busyBox:1'])).stderr).toBe('invalid reference format: repository name (project/busyBox) must be lowercase\n');
    expect((await run(['pull', '-a', `${open.host}/x/y:1`])).stderr).toBe("tag can't be used with --all-tags/-a\n");

    const missing = await run(['push', `${open.host}/nothing/here:1`]);
    expect(missing).toMatchObject({ code: 1, stdout: `The push refers to repository [${open.host}/nothing/here]\n`, stderr: `An image does not exist locally with the tag: ${open.host}/nothing/here\n` });

    // a name without a registry goes to Docker Hub, as docker's does
    const hub = await run(['push', 'busybox'], undefined);
    expect(hub.code).toBe(1);
    expect(hub.stdout.split('\n').slice(0, 2)).toEqual(['Using default tag: latest', 'The push refers to repository [docker.io/library/busybox]']);

    const port = await freePort();
    const down = await run(['pull', `127.0.0.1:${port}/project/app:1.0`]);
    expect(down).toMatchObject({ code: 1, stdout: '', stderr: `Error response from daemon: Get "http://127.0.0.1:${port}/v2/": dial tcp 127.0.0.1:${port}: connect: connection refused\n` });
    await ok(a.root, ['tag', 'busybox', `127.0.0.1:${port}/project/app:1.0`]);
    const downPush = await run(['push', `127.0.0.1:${port}/project/app:1.0`]);
    expect(downPush).toMatchObject({ code: 1, stdout: `The push refers to repository [127.0.0.1:${port}/project/app]\n`, stderr: `Get "http://127.0.0.1:${port}/v2/": dial tcp 127.0.0.1:${port}: connect: connection refused\n` });
  });
});
