/**
 * The offline demo image: busybox:latest made from the host's Debian busybox-static
 * (/bin/busybox plus a symlink per applet, /etc/passwd, /etc/group), as docker's busybox image
 * lays it out. No network: this is what the README's first command and the tests run.
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import tar, { type Header } from 'tar-stream';
import { notFound } from '../lib/errors.js';

const PASSWD = `root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
bin:x:2:2:bin:/bin:/bin/false
sys:x:3:3:sys:/dev:/bin/false
sync:x:4:100:sync:/bin:/bin/sync
mail:x:8:8:mail:/var/spool/mail:/bin/false
www-data:x:33:33:www-data:/var/www:/bin/false
operator:x:37:37:Operator:/var:/bin/false
nobody:x:65534:65534:nobody:/home:/bin/false
`;

const GROUP = `root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
adm:x:4:
tty:x:5:
disk:x:6:
wheel:x:10:root
mail:x:8:
www-data:x:33:
operator:x:37:
staff:x:50:
users:x:100:
nogroup:x:65534:
`;

const DIRS: [string, number][] = [
  ['bin', 0o755], ['dev', 0o755], ['etc', 0o755], ['home', 0o755], ['proc', 0o755], ['root', 0o700],
  ['sbin', 0o755], ['sys', 0o755], ['tmp', 0o1777], ['usr', 0o755], ['usr/bin', 0o755], ['usr/sbin', 0o755],
  ['var', 0o755], ['var/spool', 0o755], ['var/spool/mail', 0o755], ['var/www', 0o755],
];

export const BUSYBOX_PATH = '/bin/busybox';

/** A rootfs tar stream for the demo image; NOT_FOUND when busybox-static is not installed. */
export function busyboxRootfs(busybox = BUSYBOX_PATH): Readable {
  let st;
  try { st = statSync(busybox); } catch { throw notFound(`${busybox} not found: install Debian's busybox-static`); }
  const applets = execFileSync(busybox, ['--list-full'], { encoding: 'utf8' }).split('\n').filter(Boolean);
  const mtime = st.mtime;
  const pack = tar.pack();
  const add = async () => {
    const entry = (h: Partial<Header> & { name: string }, body = '') => new Promise<void>((res, rej) => pack.entry({ uid: 0, gid: 0, mtime, ...h }, body, (e) => (e ? rej(e) : res())));
    for (const [name, mode] of DIRS) await entry({ name: `${name}/`, type: 'directory', mode });
    await new Promise<void>((res, rej) => {
      const w = pack.entry({ name: 'bin/busybox', size: st.size, mode: 0o755, uid: 0, gid: 0, mtime }, (e) => (e ? rej(e) : res()));
      createReadStream(busybox).pipe(w);
    });
    for (const a of applets) if (a !== 'bin/busybox') await entry({ name: a, type: 'symlink', linkname: '/bin/busybox', mode: 0o777 });
    await entry({ name: 'etc/passwd', mode: 0o644 }, PASSWD);
    await entry({ name: 'etc/group', mode: 0o644 }, GROUP);
    await entry({ name: 'etc/hostname', mode: 0o644 }, '');
    pack.finalize();
  };
  add().catch((e) => pack.destroy(e));
  return pack as unknown as Readable;
}

export const DEMO_CHANGES = ['CMD ["sh"]'];
