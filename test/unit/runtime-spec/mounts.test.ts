import { describe, expect, it } from 'vitest';
import { bareSpec, generateSpec, sortMounts, withInit, withArgs, withMounts, type Mount } from './helpers.js';

const bind = (destination: string, source = `/host${destination}`): Mount =>
  ({ destination, type: 'bind', source, options: ['rbind', 'rprivate'] });

describe('sortMounts / withMounts', () => {
  it('sorts by destination depth, stable within a depth', () => {
    const sorted = sortMounts([bind('/data/a/b'), bind('/data'), bind('/z'), bind('/data/a'), bind('/a')]);
    expect(sorted.map((m) => m.destination)).toEqual(['/data', '/z', '/a', '/data/a', '/data/a/b']);
  });

  it('appends user mounts after the defaults, parent before nested (the longer path wins)', () => {
    const s = generateSpec(withMounts([bind('/srv/app/cache'), bind('/srv/app')]), withMounts([bind('/srv')]));
    const dests = s.mounts!.map((m) => m.destination);
    expect(dests.slice(0, 7)).toEqual(['/proc', '/dev', '/dev/pts', '/sys', '/sys/fs/cgroup', '/dev/mqueue', '/dev/shm']);
    expect(dests.slice(7)).toEqual(['/srv', '/srv/app', '/srv/app/cache']);
  });

  it('a user mount replaces the default at the same destination; a user /dev drops defaults under /dev', () => {
    const s = generateSpec(withMounts([{ destination: '/dev/shm/', type: 'bind', source: '/host/shm' }]));
    const shm = s.mounts!.filter((m) => m.destination === '/dev/shm');
    expect(shm).toEqual([{ destination: '/dev/shm', type: 'bind', source: '/host/shm' }]);
    const d = generateSpec(withMounts([bind('/dev')]));
    expect(d.mounts!.map((m) => m.destination)).toEqual(['/proc', '/sys', '/sys/fs/cgroup', '/dev']);
  });

  it('rejects two mounts at one destination', () => {
    expect(() => withMounts([bind('/a'), bind('/a/')])(bareSpec())).toThrow('Duplicate mount point: /a');
  });

  it('keeps the init mount last when applied after the user mounts', () => {
    const s = generateSpec(withArgs(['sh']), withMounts([bind('/v')]), withInit('/opt/tini'));
    expect(s.mounts!.at(-1)).toMatchObject({ destination: '/sbin/docker-init', source: '/opt/tini' });
  });
});
