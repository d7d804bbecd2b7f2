/**
 * Config instructions and RUN semantics as docker's legacy builder has them: the image config
 * each one leaves, the `#(nop)` created_by strings, build args in RUN's key (`|1 V=2 …`),
 * ENTRYPOINT resetting an inherited CMD, ONBUILD triggers, USER by name, SHELL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BuildFixture } from './fixture.js';

describe('instructions', () => {
  const f = new BuildFixture();
  beforeAll(() => f.setup(), 120_000);
  afterAll(() => f.cleanup());

  const build = (dockerfile: string, opts: Record<string, unknown> = {}) => f.build({ context: f.context({ Dockerfile: dockerfile }), ...opts });
  const history = async (ref: string) => (await f.engine.imageHistory(ref)).map((h) => h.CreatedBy).reverse();

  it('leaves docker\'s image config and history', async () => {
    await build(`FROM busybox
ARG V=1
ENV A=1 B="two words"
LABEL com.example.x="y z" other=1
USER daemon
VOLUME /data /logs
EXPOSE 80/udp 8000-8001
STOPSIGNAL SIGKILL
HEALTHCHECK --interval=30s --timeout=3s --retries=2 CMD wget -q localhost || exit 1
SHELL ["/bin/sh", "-ec"]
ENTRYPOINT ["/bin/echo"]
MAINTAINER me <me@x>
`, { tags: ['cfg:1'], buildArgs: { V: '2' } });
    const img = await f.engine.inspectImage('cfg:1');
    const c = img.Config;
    expect(c.Env).toEqual(['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'A=1', 'B=two words']);
    expect(c.Labels).toEqual({ 'com.example.x': 'y z', other: '1' });
    expect(c.User).toBe('daemon');
    expect(c.Volumes).toEqual({ '/data': {}, '/logs': {} });
    expect(c.ExposedPorts).toEqual({ '80/udp': {}, '8000/tcp': {}, '8001/tcp': {} });
    expect(c.StopSignal).toBe('SIGKILL');
    expect(c.Healthcheck).toEqual({ Test: ['CMD-SHELL', 'wget -q localhost || exit 1'], Interval: 30e9, Timeout: 3e9, Retries: 2 });
    expect(c.Shell).toEqual(['/bin/sh', '-ec']);
    expect(c.Entrypoint).toEqual(['/bin/echo']);
    expect(c.Cmd).toBeUndefined(); // ENTRYPOINT reset the inherited CMD ["sh"]
    expect(img.Author).toBe('me <me@x>');
    expect((await history('cfg:1')).slice(1)).toEqual([
      '/bin/sh -c #(nop)  ARG V=1',
      '/bin/sh -c #(nop)  ENV A=1 B=two words',
      '/bin/sh -c #(nop)  LABEL com.example.x=y z other=1',
      '/bin/sh -c #(nop)  USER daemon',
      '/bin/sh -c #(nop)  VOLUME [/data /logs]',
      '/bin/sh -c #(nop)  EXPOSE 80/udp 8000-8001',
      '/bin/sh -c #(nop)  STOPSIGNAL SIGKILL',
      '/bin/sh -c #(nop)  HEALTHCHECK &{["CMD-SHELL" "wget -q localhost || exit 1"] "30s" "3s" "0s" "0s" \'\\x02\'}',
      '/bin/sh -ec #(nop)  SHELL [/bin/sh -ec]',
      '/bin/sh -ec #(nop)  ENTRYPOINT ["/bin/echo"]',
      '/bin/sh -ec #(nop)  MAINTAINER me <me@x>',
    ]);
  });

  it('keeps a CMD set in the same stage when ENTRYPOINT follows; last CMD wins; CMD overridable at run', async () => {
    await build('FROM busybox\nCMD ["echo", "first"]\nCMD ["echo", "second"]\nENTRYPOINT ["/bin/busybox"]\n', { tags: ['ep:1'] });
    const c = (await f.engine.inspectImage('ep:1')).Config;
    expect(c.Cmd).toEqual(['echo', 'second']);
    expect((await f.run('ep:1')).out).toBe('second\n');
    expect((await f.run('ep:1', ['echo', 'override'])).out).toBe('override\n');
  });

  it('RUN sees build args and ENV, records them as docker does, and runs as USER by name', async () => {
    const r = await build('FROM busybox\nARG WHO=nobody\nENV E=env\nUSER daemon\nRUN echo "$WHO $E $(id -u)" > /tmp/out\nUSER root\nCMD ["cat", "/tmp/out"]\n', {
      tags: ['args:1'], buildArgs: { WHO: 'alice' },
    });
    expect(r.text).toContain('Step 5/7 : RUN echo');
    expect((await f.run('args:1')).out).toBe('alice env 1\n');
    expect((await history('args:1'))[4]).toBe('|1 WHO=alice /bin/sh -c echo "$WHO $E $(id -u)" > /tmp/out');
    // a different arg value misses the RUN and says why
    const r2 = await build('FROM busybox\nARG WHO=nobody\nENV E=env\nUSER daemon\nRUN echo "$WHO $E $(id -u)" > /tmp/out\nUSER root\nCMD ["cat", "/tmp/out"]\n', {
      buildArgs: { WHO: 'bob' },
    });
    expect(r2.text).toMatch(/Step 5\/7 : RUN[^\n]*\n ---> Cache miss: build arg WHO changed\n/);
    expect(r2.text).toMatch(/Step 4\/7 : USER daemon\n ---> Using cache\n/);
  });

  it('runs ONBUILD triggers of the base image', async () => {
    await build('FROM busybox\nONBUILD RUN echo triggered > /t\n', { tags: ['onb:1'] });
    expect((await f.engine.inspectImage('onb:1')).Config.OnBuild).toEqual(['RUN echo triggered > /t']);
    const r = await build('FROM onb:1\nCMD ["cat", "/t"]\n', { tags: ['onb:2'] });
    expect(r.text).toContain('# Executing 1 build trigger\n');
    expect((await f.run('onb:2')).out).toBe('triggered\n');
    expect((await f.engine.inspectImage('onb:2')).Config.OnBuild ?? []).toEqual([]);
  });

  it('SHELL changes how shell-form RUN and CMD run', async () => {
    await build('FROM busybox\nSHELL ["/bin/sh", "-xc"]\nRUN true\nCMD echo hi\n', { tags: ['sh:1'] });
    expect((await f.engine.inspectImage('sh:1')).Config.Cmd).toEqual(['/bin/sh', '-xc', 'echo hi']);
    expect((await history('sh:1')).at(-2)).toBe('/bin/sh -xc true');
  });

  it('--label adds LABEL steps to the target stage; --target stops at a stage', async () => {
    const r = await build('FROM busybox AS one\nRUN touch /one\nFROM busybox\nRUN touch /two\n', {
      tags: ['tgt:1'], target: 'one', labels: { 'org.x': 'a b', a: '1' },
    });
    expect(r.text).toMatch(/Step 3\/4 : LABEL a=1\n[\s\S]*Step 4\/4 : LABEL org.x=a b\n/);
    expect((await f.engine.inspectImage('tgt:1')).Config.Labels).toEqual({ a: '1', 'org.x': 'a b' });
    expect((await f.run('tgt:1', ['ls', '/one'])).code).toBe(0);
  });

  it('warns about build args nothing consumed', async () => {
    const r = await build('FROM busybox\nCMD ["true"]\n', { buildArgs: { NOPE: '1', HTTP_PROXY: 'x' } });
    expect(r.text).toContain('[Warning] One or more build-args [NOPE] were not consumed\n');
  });
});
