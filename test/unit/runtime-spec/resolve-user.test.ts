import { describe, expect, it } from 'vitest';
import { isEngineErrorCode, resolveUser } from './helpers.js';

const passwd = [
  'root:x:0:0:root:/root:/bin/sh',
  'daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin',
  'app:x:1000:1000::/home/app:/bin/sh',
  'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin',
].join('\n');
const group = [
  'root:x:0:root',
  'bin:x:1:root,bin,daemon',
  'wheel:x:10:root',
  'app:x:1000:',
  'docker:x:999:app',
  'video:x:44:app,daemon',
  'nogroup:x:65534:',
].join('\n');

describe('resolveUser (docker rules)', () => {
  it('empty spec is root, with root\'s supplementary groups', () => {
    expect(resolveUser('', passwd, group)).toEqual({ uid: 0, gid: 0, additionalGids: [0, 0, 1, 10] });
  });

  it('name → uid, primary gid, supplementary groups from membership', () => {
    expect(resolveUser('app', passwd, group)).toEqual({ uid: 1000, gid: 1000, additionalGids: [1000, 999, 44] });
  });

  it('numeric uid found in passwd behaves like the name', () => {
    expect(resolveUser('1000', passwd, group)).toEqual(resolveUser('app', passwd, group));
  });

  it('numeric uid need not exist; gid then 0 and no supplementary groups', () => {
    expect(resolveUser('4242', passwd, group)).toEqual({ uid: 4242, gid: 0, additionalGids: [0] });
    expect(resolveUser('4242:4343', undefined, undefined)).toEqual({ uid: 4242, gid: 4343, additionalGids: [4343] });
  });

  it('explicit group: name or gid, and no supplementary groups', () => {
    expect(resolveUser('app:video', passwd, group)).toEqual({ uid: 1000, gid: 44, additionalGids: [44] });
    expect(resolveUser('daemon:999', passwd, group)).toEqual({ uid: 1, gid: 999, additionalGids: [999] });
  });

  it('unknown names fail with docker\'s messages', () => {
    expect(() => resolveUser('nosuchuser', passwd, group)).toThrow('unable to find user nosuchuser: no matching entries in passwd file');
    expect(isEngineErrorCode(() => resolveUser('nosuchuser', passwd, group))).toBe('INVALID_ARGUMENT');
    expect(() => resolveUser('app', undefined, group)).toThrow('unable to find user app: no matching entries in passwd file');
    expect(() => resolveUser('app:nosuchgroup', passwd, group)).toThrow('unable to find group nosuchgroup: no matching entries in group file');
    expect(() => resolveUser('-1', passwd, group)).toThrow('uids and gids must be in range 0-2147483647');
  });

  it('--group-add: names must exist, numbers need not', () => {
    expect(resolveUser('app', passwd, group, ['wheel', '5000', 'docker'])).toEqual({ uid: 1000, gid: 1000, additionalGids: [1000, 999, 44, 10, 5000, 999] });
    expect(() => resolveUser('app', passwd, group, ['ghosts'])).toThrow('Unable to find group ghosts: no matching entries in group file');
  });
});
