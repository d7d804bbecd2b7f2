/** -v, --mount, --tmpfs and -p as the docker CLI turns them into a create request (shapes from engine-anchors §1.8). */
import { describe, expect, it } from 'vitest';
import { mountFlag, tmpfsFlags, volumeFlags } from '../../../src/cli/commands/container/mount-flags.js';
import { publishFlags } from '../../../src/cli/commands/container/publish-flags.js';
import { naturalCompare } from '../../../src/cli/commands/volume/ls.js';

describe('-v', () => {
  it('binds and named volumes go to Binds, a bare path to Config.Volumes (the verified create body)', () => {
    expect(volumeFlags(['/tmp:/data:ro', 'named:/n', '/anon'])).toEqual({ binds: ['/tmp:/data:ro', 'named:/n'], volumes: { '/anon': {} } });
  });

  it('a "." source is made absolute against the working directory; other relative names are left to the engine', () => {
    expect(volumeFlags(['./src:/app', '../x:/y', 'rel/path:/z'], '/home/u/proj').binds).toEqual(['/home/u/proj/src:/app', '/home/u/x:/y', 'rel/path:/z']);
  });

  it('compose parser errors', () => {
    expect(() => volumeFlags(['a::b'])).toThrow('invalid spec: a::b: empty section between colons');
    expect(() => volumeFlags(['/a:/b:ro:x'])).toThrow('invalid spec: /a:/b:ro:x: too many colons');
    expect(() => volumeFlags([''])).toThrow('invalid empty volume spec');
  });
});

describe('--mount', () => {
  it('CSV fields into HostConfig.Mounts', () => {
    expect(mountFlag('type=bind,src=/h,dst=/c,readonly,bind-propagation=rslave')).toEqual({ Type: 'bind', Source: '/h', Target: '/c', ReadOnly: true, BindOptions: { Propagation: 'rslave' } });
    expect(mountFlag('source=data,target=/d,volume-nocopy,volume-label=a=b,volume-opt=type=tmpfs')).toEqual({
      Type: 'volume', Source: 'data', Target: '/d', VolumeOptions: { NoCopy: true, Labels: { a: 'b' }, DriverConfig: { Options: { type: 'tmpfs' } } },
    });
    expect(mountFlag('type=tmpfs,dst=/t,tmpfs-size=10m,tmpfs-mode=1770')).toEqual({ Type: 'tmpfs', Target: '/t', TmpfsOptions: { SizeBytes: 10 * 2 ** 20, Mode: 0o1770 } });
    expect(mountFlag('type=bind,src=./x,dst=/c', '/w').Source).toBe('/w/x');
    expect(mountFlag('"type=bind","src=/a,b",dst=/c').Source).toBe('/a,b');
  });

  it('docker\'s errors', () => {
    expect(() => mountFlag('type=bind,dst')).toThrow("invalid field 'dst' must be a key=value pair");
    expect(() => mountFlag('type=bind,src=/a')).toThrow('target is required');
    expect(() => mountFlag('type=bind,foo=1,dst=/a')).toThrow("unexpected key 'foo' in 'foo=1'");
    expect(() => mountFlag('type=tmpfs,dst=/a,volume-nocopy')).toThrow("cannot mix 'volume-*' options with mount type 'tmpfs'");
    expect(() => mountFlag('type=bind,dst=/a,readonly=maybe')).toThrow('invalid value for readonly: maybe');
    expect(() => mountFlag('type=tmpfs,dst=/a,tmpfs-size=lots')).toThrow('invalid value for tmpfs-size: lots');
  });

  it('--tmpfs splits at the first colon', () => {
    expect(tmpfsFlags(['/run', '/tmp:rw,size=64m,mode=1777'])).toEqual({ '/run': '', '/tmp': 'rw,size=64m,mode=1777' });
  });
});

describe('-p', () => {
  it('the verified create body: ExposedPorts and PortBindings', () => {
    expect(publishFlags(['8080:80', '127.0.0.1:5353:53/udp'])).toEqual({
      exposed: { '80/tcp': {}, '53/udp': {} },
      bindings: { '80/tcp': [{ HostIp: '', HostPort: '8080' }], '53/udp': [{ HostIp: '127.0.0.1', HostPort: '5353' }] },
    });
  });

  it('random host port, ranges, a host range to pick from, long syntax, IPv6 brackets', () => {
    expect(publishFlags(['80']).bindings).toEqual({ '80/tcp': [{ HostIp: '', HostPort: '' }] });
    expect(publishFlags(['127.0.0.1::80']).bindings).toEqual({ '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] });
    expect(publishFlags(['8000-8001:80-81']).bindings).toEqual({ '80/tcp': [{ HostIp: '', HostPort: '8000' }], '81/tcp': [{ HostIp: '', HostPort: '8001' }] });
    expect(publishFlags(['8000-8010:80']).bindings).toEqual({ '80/tcp': [{ HostIp: '', HostPort: '8000-8010' }] });
    expect(publishFlags(['published=8080,target=80,protocol=udp']).bindings).toEqual({ '80/udp': [{ HostIp: '', HostPort: '8080' }] });
    expect(publishFlags(['[::1]:8080:80']).bindings).toEqual({ '80/tcp': [{ HostIp: '::1', HostPort: '8080' }] });
    expect(publishFlags(['8080:80', '8081:80']).bindings['80/tcp']).toHaveLength(2);
  });

  it('docker\'s errors', () => {
    expect(() => publishFlags(['99999:80'])).toThrow('invalid hostPort: 99999');
    expect(() => publishFlags(['abc'])).toThrow('invalid containerPort: abc');
    expect(() => publishFlags(['8080:80/xyz'])).toThrow('invalid proto: xyz');
    expect(() => publishFlags(['1.2.3:8080:80'])).toThrow('invalid IP address: 1.2.3');
    expect(() => publishFlags(['8080-8081:80-83'])).toThrow('invalid ranges specified for container and host Ports: 80-83 and 8080-8081');
    expect(() => publishFlags(['8080:'])).toThrow('no port specified: 8080:<empty>');
    expect(() => publishFlags(['published=8080,target'])).toThrow("invalid publish opts format (should be name=value but got 'target')");
  });
});

describe('natural order (volume ls, port)', () => {
  it('digit runs compare as numbers', () => {
    expect(['v10', 'v9', 'a', 'v1'].sort(naturalCompare)).toEqual(['a', 'v1', 'v9', 'v10']);
  });
});
