import { describe, expect, it } from 'vitest';
import { applyChanges } from '../../../src/image/changes.js';
import { matchReference } from '../../../src/image/ref-filter.js';

describe('applyChanges (--change)', () => {
  it('applies each instruction as docker does', () => {
    const cfg = applyChanges({ Env: ['PATH=/bin'] }, [
      'CMD ["sh", "-c", "echo hi"]', 'ENTRYPOINT /bin/run --x', 'ENV A=1 B="two words"', 'ENV PATH /usr/bin',
      'EXPOSE 80 53/udp', 'LABEL k=v "a b"=c', 'USER nobody', 'VOLUME ["/data"]', 'WORKDIR /app', 'WORKDIR sub', 'STOPSIGNAL SIGINT',
    ]);
    expect(cfg).toEqual({
      Cmd: ['sh', '-c', 'echo hi'], Entrypoint: ['/bin/sh', '-c', '/bin/run --x'],
      Env: ['PATH=/usr/bin', 'A=1', 'B=two words'], ExposedPorts: { '80/tcp': {}, '53/udp': {} },
      Labels: { k: 'v', 'a b': 'c' }, User: 'nobody', Volumes: { '/data': {} }, WorkingDir: '/app/sub', StopSignal: 'SIGINT',
    });
  });

  it('refuses instructions docker does not allow as changes', () => {
    expect(() => applyChanges({}, ['RUN echo'])).toThrow('RUN is not a valid change command');
    expect(() => applyChanges({}, ['EXPOSE abc'])).toThrow('invalid containerPort: abc');
  });

  it('does not modify the base config', () => {
    const base = { Env: ['A=1'] };
    applyChanges(base, ['ENV A=2']);
    expect(base.Env).toEqual(['A=1']);
  });
});

describe('reference filter', () => {
  it.each([
    ['busybox', 'busybox:latest', true],
    ['busy*', 'busybox:latest', true],
    ['busybox:1*', 'busybox:latest', false],
    ['busybox:lat*', 'busybox:latest', true],
    ['*/app', '127.0.0.1:5000/app:1', true],
    ['app', '127.0.0.1:5000/app:1', false],
    ['127.0.0.1:5000/*', '127.0.0.1:5000/app:1', true],
  ])('%s matches %s: %s', (p, t, want) => {
    expect(matchReference(p, t)).toBe(want);
  });
});
