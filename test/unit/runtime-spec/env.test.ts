import { describe, expect, it } from 'vitest';
import { bareSpec, generateSpec, mergeEnv, replaceOrAppendEnv, withEnv, withHostname, withTty } from './helpers.js';

const PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

describe('environment', () => {
  it('mergeEnv: user -e first, image entries the user did not set after', () => {
    expect(mergeEnv(['PATH=/img', 'A=1', 'B=2'], ['B=user', 'C=3'])).toEqual(['B=user', 'C=3', 'PATH=/img', 'A=1']);
    expect(mergeEnv(['A=1'], [])).toEqual(['A=1']);
    // A bare KEY from -e overrides (and later unsets) the image value.
    expect(mergeEnv(['A=1'], ['A'])).toEqual(['A']);
  });

  it('replaceOrAppendEnv replaces in place, appends, and unsets bare keys', () => {
    expect(replaceOrAppendEnv(['PATH=/x', 'HOSTNAME=h'], ['HOSTNAME=o', 'Z=1', 'PATH'])).toEqual(['HOSTNAME=o', 'Z=1']);
  });

  it('withEnv adds default PATH and HOSTNAME; image PATH wins', () => {
    const s = bareSpec();
    withEnv(['FOO=bar'], { hostname: 'c0ffee' })(s);
    expect(s.process!.env).toEqual([PATH, 'HOSTNAME=c0ffee', 'FOO=bar']);
    withEnv(['PATH=/opt/bin', 'FOO=bar'], { hostname: 'c0ffee' })(s);
    expect(s.process!.env).toEqual(['PATH=/opt/bin', 'HOSTNAME=c0ffee', 'FOO=bar']);
  });

  it('adds TERM=xterm with a tty, unless the config sets TERM', () => {
    const s = generateSpec(withHostname('h1'), withTty({ rows: 24, cols: 80 }), withEnv(mergeEnv(['A=1'], [])));
    expect(s.process!.env).toEqual([PATH, 'HOSTNAME=h1', 'TERM=xterm', 'A=1']);
    const t = generateSpec(withTty(), withEnv(['TERM=vt100'], { hostname: 'h' }));
    expect(t.process!.env).toEqual([PATH, 'HOSTNAME=h', 'TERM=vt100']);
    const u = generateSpec(withEnv([], { hostname: 'h', tty: false }));
    expect(u.process!.env).toEqual([PATH, 'HOSTNAME=h']);
  });
});
