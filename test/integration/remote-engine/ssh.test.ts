/**
 * ssh://[user@]host[:port]: connectEngine runs `ssh … -- host docker system dial-stdio` per
 * connection, as the docker CLI does. A stand-in `ssh` first on PATH records its argv and runs the
 * stock docker CLI's dial-stdio locally against the berth serve socket.
 */
import { spawn } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectEngine } from '../../../src/api/client/index.js';
import { BERTH } from '../../helpers/cli.js';
import { DOCKER, skipServe, startServe, type Served } from '../../helpers/serve.js';
import { Collect, codeOf, needsDist } from './support.js';

const FAKE_SSH = `#!/bin/sh
echo "$*" >> "$FAKE_SSH_LOG"
while [ $# -gt 0 ]; do
  if [ "$1" = "--" ]; then shift; break; fi
  shift
done
host=$1; shift
if [ "$host" = "down.example" ]; then echo "ssh: connect to host $host port 22: Connection refused" >&2; exit 255; fi
[ "$*" = "docker system dial-stdio" ] || { echo "unexpected remote command: $*" >&2; exit 2; }
DOCKER_HOST="unix://$FAKE_SSH_SOCK" exec ${DOCKER} system dial-stdio
`;

describe.skipIf(skipServe || !!needsDist)(`remote engine over ssh:// (docker system dial-stdio)${needsDist}`, () => {
  let s: Served;
  let log: string;
  const saved = { PATH: process.env.PATH, sock: process.env.FAKE_SSH_SOCK, log: process.env.FAKE_SSH_LOG };

  beforeAll(async () => {
    s = await startServe('berth-remote-ssh-');
    writeFileSync(join(s.root, 'ssh'), FAKE_SSH);
    chmodSync(join(s.root, 'ssh'), 0o755);
    log = join(s.root, 'ssh.log');
    writeFileSync(log, '');
    process.env.PATH = `${s.root}:${process.env.PATH}`;
    process.env.FAKE_SSH_SOCK = s.sock;
    process.env.FAKE_SSH_LOG = log;
  });
  afterAll(async () => {
    process.env.PATH = saved.PATH;
    if (saved.sock === undefined) delete process.env.FAKE_SSH_SOCK; else process.env.FAKE_SSH_SOCK = saved.sock;
    if (saved.log === undefined) delete process.env.FAKE_SSH_LOG; else process.env.FAKE_SSH_LOG = saved.log;
    await s?.stop();
  });

  it('speaks the API through ssh children, one per connection, and attaches through them', async () => {
    const engine = await connectEngine('ssh://alice@remote.example:2222');
    try {
      expect(engine.description).toBe('ssh://alice@remote.example:2222');
      expect((await engine.version()).ApiVersion).toBe('1.50');
      const { Id } = await engine.createContainer({
        config: { Image: 'busybox', Cmd: ['sh', '-c', 'echo over-ssh; echo e >&2; exit 4'], AttachStdout: true, AttachStderr: true },
        hostConfig: { NetworkMode: 'none' },
      });
      const out = new Collect();
      const err = new Collect();
      const r = await engine.startContainer(Id, { attach: { stdout: out, stderr: err } });
      expect(await r.attach!.done).toBe('eof');
      expect((await engine.waitContainer(Id, 'not-running')).StatusCode).toBe(4);
      expect([out.text, err.text]).toEqual(['over-ssh\n', 'e\n']);
      expect((await engine.listContainers({ all: true })).map((c) => c.Id)).toContain(Id);
      await engine.removeContainer(Id);
    } finally {
      await engine.close();
    }
    const calls = readFileSync(log, 'utf8').trim().split('\n');
    // ping, version, create, inspect, attach, start, wait, list, rm: a fresh ssh each time
    expect(calls.length).toBeGreaterThanOrEqual(8);
    expect(new Set(calls)).toEqual(new Set(['-o ConnectTimeout=30 -T -l alice -p 2222 -- remote.example docker system dial-stdio']));
  });

  it('reports an ssh that cannot connect as UNAVAILABLE with its message', async () => {
    const engine = await connectEngine('ssh://down.example');
    await expect(engine.listContainers()).rejects.toMatchObject({ code: 'UNAVAILABLE', message: expect.stringContaining('Connection refused') });
    expect(await codeOf(engine.info())).toBe('UNAVAILABLE');
    await engine.close();
  });

  it('berth -H ssh://… runs a verb remotely', async () => {
    const r = await new Promise<{ code: number | null; stdout: string; stderr: string }>((res) => {
      const { BERTH_ROOT: _r, ...env } = process.env;
      const child = spawn(process.execPath, [BERTH, '-H', 'ssh://remote.example', 'run', '--rm', '--network', 'none', 'busybox', 'echo', 'cli-over-ssh'], { env });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (code) => res({ code, stdout, stderr }));
    });
    expect(r).toEqual({ code: 0, stdout: 'cli-over-ssh\n', stderr: '' });
    expect(readFileSync(log, 'utf8')).toContain('-o ConnectTimeout=30 -T -- remote.example docker system dial-stdio');
  });
});
