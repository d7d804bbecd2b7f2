import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { createArgs } from '../../../src/runtime/monitor/conmon-args.js';
import { parseSyncLine, SyncReader } from '../../../src/runtime/monitor/sync-pipe.js';
import { classifyRuncError, runcErrorMessage } from '../../../src/runtime/runc/runc-errors.js';
import { isEngineError } from '../../../src/lib/errors.js';

const base = { id: 'c1', bundleDir: '/b', runtimeRoot: '/r', exitDir: '/x', persistDir: '/p', logPath: '/b/ctr.log' };

describe('createArgs', () => {
  it('builds podman-style argv', () => {
    expect(createArgs({ ...base, stdin: true, logSizeMax: 1024, exitCommand: { path: '/bin/berth', args: ['cleanup', 'c1'], delay: 2 } })).toEqual([
      '--api-version', '1', '-c', 'c1', '-u', 'c1', '-r', '/usr/sbin/runc', '-b', '/b', '-p', '/b/pidfile', '-n', 'c1',
      '--exit-dir', '/x', '--persist-dir', '/p', '--full-attach', '-l', 'k8s-file:/b/ctr.log', '--log-size-max', '1024',
      '--log-level', 'error', '-i', '--exit-command', '/bin/berth', '--exit-command-arg', 'cleanup', '--exit-command-arg', 'c1',
      '--exit-delay', '2', '--runtime-arg', '--log-format=json', '--runtime-arg', '--root', '--runtime-arg', '/r',
      '--conmon-pidfile', '/b/conmon.pid',
    ]);
  });

  it('never combines -t with -i', () => {
    const a = createArgs({ ...base, terminal: true, stdin: true });
    expect(a).toContain('-t');
    expect(a).not.toContain('-i');
    expect(createArgs({ ...base, stdin: true, leaveStdinOpen: true })).toContain('--leave-stdin-open');
  });

  it('refuses a log path conmon would split', () => {
    expect(() => createArgs({ ...base, logPath: '/a:b/log' })).toThrow(/must not contain/);
  });
});

describe('sync pipe', () => {
  it('parses conmon messages', () => {
    expect(parseSyncLine('{"data": 42}')).toEqual({ data: 42 });
    expect(parseSyncLine('{"data": -1, "message": "boom"}')).toEqual({ data: -1, message: 'boom' });
    expect(() => parseSyncLine('{"pid": 1}')).toThrow();
  });

  it('reads messages in order, split across writes, then EOF', async () => {
    const s = new PassThrough();
    const r = new SyncReader(s, 'sync');
    s.write('{"data": 7');
    s.write('}\n{"data": 3}');
    s.end();
    expect(await r.next(1000)).toEqual({ data: 7 });
    expect(await r.next(1000)).toEqual({ data: 3 });
    expect(await r.next(1000)).toBeUndefined();
  });

  it('times out', async () => {
    const err = await new SyncReader(new PassThrough(), 'sync').next(20).catch((e: unknown) => e);
    expect(isEngineError(err, 'DEADLINE_EXCEEDED')).toBe(true);
  });
});

describe('runc errors', () => {
  const json = (msg: string) => `{"level":"warning","msg":"noise","time":"t"}\n{"level":"error","msg":${JSON.stringify(msg)},"time":"t"}\n`;

  it('extracts the error message from json and text logs', () => {
    expect(runcErrorMessage(json('container does not exist'))).toBe('container does not exist');
    expect(runcErrorMessage('time="t" level=error msg="exec: \\"x\\": boom"\n')).toBe('exec: "x": boom');
    expect(runcErrorMessage('plain text\n')).toBe('plain text');
  });

  it('classifies once by message', () => {
    const c = (op: Parameters<typeof classifyRuncError>[0], m: string) => classifyRuncError(op, m);
    expect(c('kill', 'container does not exist').code).toBe('NOT_FOUND');
    expect(c('kill', 'container not running').code).toBe('CONFLICT');
    expect(c('start', 'container with id x is not running').code).toBe('CONFLICT');
    expect(c('exec', 'exec failed: cannot exec in a paused container (use --ignore-paused to override)').code).toBe('CONFLICT');
    expect(c('run', 'runc run failed: container with given ID already exists').code).toBe('ALREADY_EXISTS');
    expect(c('kill', 'unknown signal "FOO"').code).toBe('INVALID_ARGUMENT');
    const nf = c('create', 'runc create failed: unable to start container process: exec: "/x": stat /x: no such file or directory');
    expect([nf.code, nf.detail?.exitCode]).toEqual(['INVALID_ARGUMENT', 127]);
    expect(c('exec', 'exec: "nope": executable file not found in $PATH').detail?.exitCode).toBe(127);
    expect(c('exec', 'exec: "/bin/busybox": permission denied').detail?.exitCode).toBe(126);
    // A missing mount source is not "command not found".
    expect(c('create', 'error mounting "/src" to rootfs at "/dst": no such file or directory').code).toBe('INTERNAL');
    const other = c('delete', 'something odd');
    expect([other.code, other.message]).toEqual(['INTERNAL', 'something odd']);
  });
});
