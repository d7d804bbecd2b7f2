/**
 * berth's `save` output loads into a real dockerd when one is installed (Debian's docker.io in the
 * optional peer tier). Without dockerd the test is skipped, and the skip says why.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { makeRoot, ok } from '../helpers/cli.js';

const dockerd = ['/usr/bin/dockerd', '/usr/sbin/dockerd'].find((p) => existsSync(p));

it.skipIf(!dockerd)(`docker load accepts berth save output${dockerd ? '' : ' (skipped: dockerd is not installed; apt-get install docker.io)'}`, async () => {
  const { root, cleanup } = makeRoot();
  const dir = mkdtempSync(join(tmpdir(), 'berth-dockerd-'));
  const sock = join(dir, 'd.sock');
  let daemon: ChildProcess | undefined;
  try {
    const id = (await ok(root, ['image', 'demo', '-q'])).trim();
    await ok(root, ['save', '-o', join(dir, 'bb.tar'), 'busybox']);
    daemon = spawn(dockerd!, ['--data-root', join(dir, 'data'), '--exec-root', join(dir, 'exec'), '-H', `unix://${sock}`, '--pidfile', join(dir, 'pid'),
      '--iptables=false', '--ip-masq=false', '--bridge=none'], { stdio: 'ignore' });
    const env = { ...process.env, DOCKER_HOST: `unix://${sock}` };
    for (let i = 0; i < 100 && !existsSync(sock); i++) await new Promise((r) => setTimeout(r, 100));
    const out = execFileSync('docker', ['load', '-i', join(dir, 'bb.tar')], { env, encoding: 'utf8' });
    expect(out).toContain('busybox:latest');
    expect(execFileSync('docker', ['image', 'inspect', '-f', '{{.Id}}', 'busybox'], { env, encoding: 'utf8' }).trim()).toBe(id);
  } finally {
    daemon?.kill('SIGTERM');
    if (daemon) await new Promise((r) => daemon!.on('exit', r));
    rmSync(dir, { recursive: true, force: true });
    cleanup();
  }
}, 120_000);
