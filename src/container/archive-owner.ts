/**
 * `cp -a`: dockerd chowns what it extracts to the container's configured user (Config.User),
 * looked up in the container's own /etc/passwd and /etc/group (daemon/archive_tarcopyoptions_unix.go
 * getUIDGID). Those files are read through the in-root resolver, with O_NOFOLLOW|O_NONBLOCK and a
 * regular-file check, so a container cannot point them at a host file or a FIFO.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { invalid } from '../lib/errors.js';
import { parseGroup, parsePasswd } from '../runtime/spec/index.js';
import { resolveInRoot } from './archive-resolve.js';

const MAX_ID_FILE = 4 * 1024 * 1024;

/** A regular file of the container as text, or undefined when it is absent or not a regular file. */
export function readInRoot(root: string, path: string): string | undefined {
  const { abs } = resolveInRoot(root, path, true);
  let fd: number;
  try {
    fd = openSync(abs, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || st.size > MAX_ID_FILE) return undefined;
    const buf = Buffer.alloc(st.size);
    let off = 0;
    while (off < buf.length) {
      const n = readSync(fd, buf, off, buf.length - off, off);
      if (n === 0) break;
      off += n;
    }
    return buf.subarray(0, off).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** A uint32 id as Go's ParseUint(…, 10, 32) ≤ MaxInt32 accepts it, else undefined (a name). */
const numericId = (s: string): number | undefined => (/^\d+$/.test(s) && Number(s) <= 2 ** 31 - 1 ? Number(s) : undefined);

export function containerOwner(root: string, user: string): { uid: number; gid: number } {
  const [userPart = '', groupPart = ''] = user.split(/:(.*)/s);
  let uid = 0;
  let gid = 0;
  if (userPart !== '') {
    const users = parsePasswd(readInRoot(root, '/etc/passwd'));
    const id = numericId(userPart);
    if (id === undefined) {
      const u = users.find((x) => x.name === userPart);
      if (!u) throw invalid(`failed to look up user ${JSON.stringify(userPart)} in container: no matching entries in passwd file`);
      [uid, gid] = [u.uid, u.gid];
    } else {
      // as `docker run --user 12345`: a uid without a passwd entry keeps gid 0
      const u = users.find((x) => x.uid === id);
      [uid, gid] = [id, u ? u.gid : 0];
    }
  }
  if (groupPart !== '') {
    const id = numericId(groupPart);
    if (id !== undefined) gid = id;
    else {
      const g = parseGroup(readInRoot(root, '/etc/group')).find((x) => x.name === groupPart);
      if (!g) throw invalid(`failed to look up group ${JSON.stringify(groupPart)} in container: no matching entries in group file`);
      gid = g.gid;
    }
  }
  return { uid, gid };
}
