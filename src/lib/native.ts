/**
 * The few libc calls Node lacks (flock, mknod, xattrs, mount), through koffi's FFI.
 * Loaded lazily so commands that never need them pay nothing at start-up.
 */
import { createRequire } from 'node:module';

type Fn = (...args: unknown[]) => number;
interface Libc {
  flock: Fn; mknod: Fn; lsetxattr: Fn; lgetxattr: Fn; llistxattr: Fn; lremovexattr: Fn;
  mount: Fn; umount2: Fn; tcgetattr: Fn; tcsetattr: Fn; errno: () => number;
}

let libc: Libc | undefined;

function load(): Libc {
  if (libc) return libc;
  const require = createRequire(import.meta.url);
  const koffi = require('koffi');
  const lib = koffi.load('libc.so.6');
  const errnoLoc = lib.func('int *__errno_location()');
  libc = {
    flock: lib.func('int flock(int, int)'),
    mknod: lib.func('int mknod(const char *, uint32_t, uint64_t)'),
    lsetxattr: lib.func('int lsetxattr(const char *, const char *, const void *, size_t, int)'),
    lgetxattr: lib.func('long lgetxattr(const char *, const char *, void *, size_t)'),
    llistxattr: lib.func('long llistxattr(const char *, void *, size_t)'),
    lremovexattr: lib.func('int lremovexattr(const char *, const char *)'),
    mount: lib.func('int mount(const char *, const char *, const char *, unsigned long, const char *)'),
    umount2: lib.func('int umount2(const char *, int)'),
    tcgetattr: lib.func('int tcgetattr(int, void *)'),
    tcsetattr: lib.func('int tcsetattr(int, int, const void *)'),
    errno: () => koffi.decode(errnoLoc(), 'int') as number,
  };
  return libc;
}

const ERRNO: Record<number, string> = {
  1: 'EPERM', 2: 'ENOENT', 4: 'EINTR', 11: 'EAGAIN', 13: 'EACCES', 16: 'EBUSY', 17: 'EEXIST', 20: 'ENOTDIR',
  22: 'EINVAL', 28: 'ENOSPC', 61: 'ENODATA', 95: 'EOPNOTSUPP',
};

/** A Node-style system error so callers classify it with errnoCode() like any fs error. */
function sysError(call: string, path?: string): NodeJS.ErrnoException {
  const n = load().errno();
  const code = ERRNO[n] ?? `ERRNO${n}`;
  const err = new Error(`${call}${path ? ` ${path}` : ''}: ${code}`) as NodeJS.ErrnoException;
  err.code = code;
  err.errno = -n;
  if (path) err.path = path;
  return err;
}

export const LOCK_SH = 1;
export const LOCK_EX = 2;
export const LOCK_NB = 4;
export const LOCK_UN = 8;

/** flock(2); returns false when LOCK_NB was given and the lock is held elsewhere. */
export function flock(fd: number, op: number): boolean {
  if (load().flock(fd, op) === 0) return true;
  const err = sysError('flock');
  if (err.code === 'EAGAIN') return false;
  throw err;
}

/** mknod(2) for a character device; (0,0) is the overlayfs whiteout. */
export function mknodChar(path: string, mode: number, major: number, minor: number): void {
  const dev = BigInt(((major & 0xfff) << 8) | (minor & 0xff) | ((minor & ~0xff) << 12)) | (BigInt(major & ~0xfff) << 32n);
  if (load().mknod(path, 0o020000 | (mode & 0o7777), dev) !== 0) throw sysError('mknod', path);
}

export function mknodBlock(path: string, mode: number, major: number, minor: number): void {
  const dev = BigInt(((major & 0xfff) << 8) | (minor & 0xff) | ((minor & ~0xff) << 12)) | (BigInt(major & ~0xfff) << 32n);
  if (load().mknod(path, 0o060000 | (mode & 0o7777), dev) !== 0) throw sysError('mknod', path);
}

export function mkfifo(path: string, mode: number): void {
  if (load().mknod(path, 0o010000 | (mode & 0o7777), 0n) !== 0) throw sysError('mknod', path);
}

export function lsetxattr(path: string, name: string, value: Buffer): void {
  if (load().lsetxattr(path, name, value, value.length, 0) !== 0) throw sysError('lsetxattr', path);
}

/** Returns undefined when the attribute is absent. */
// one scratch buffer: lgetxattr runs per file when diffing a layer, so no allocation per call
let xattrBuf: Buffer | undefined;

export function lgetxattr(path: string, name: string): Buffer | undefined {
  const lib = load();
  xattrBuf ??= Buffer.alloc(65536);
  const n = lib.lgetxattr(path, name, xattrBuf, xattrBuf.length);
  if (n >= 0) return Buffer.from(xattrBuf.subarray(0, n));
  const errno = lib.errno();
  if (errno === 61 || errno === 95) return undefined; // ENODATA, EOPNOTSUPP: no such attribute, cheaply
  throw sysError('lgetxattr', path);
}

export function llistxattr(path: string): string[] {
  const buf = Buffer.alloc(65536);
  const n = load().llistxattr(path, buf, buf.length);
  if (n < 0) {
    const err = sysError('llistxattr', path);
    if (err.code === 'EOPNOTSUPP') return [];
    throw err;
  }
  return buf.subarray(0, n).toString('latin1').split('\0').filter(Boolean);
}

export const MS_RDONLY = 1;
export const MS_BIND = 4096;
export const MS_REC = 16384;
export const MNT_DETACH = 2;

export function mount(source: string, target: string, fstype: string | null, flags: number, data: string | null): void {
  if (load().mount(source, target, fstype, flags, data) !== 0) throw sysError('mount', target);
}

export function umount(target: string, flags = 0): void {
  if (load().umount2(target, flags) !== 0) throw sysError('umount', target);
}

/** struct termios on x86_64 glibc: 4 flag words, c_line, c_cc[32], then the speeds (60 bytes). */
const TERMIOS_SIZE = 60;
const OPOST = 1;

/** The terminal's current settings, to restore exactly later (undefined when fd is not a tty). */
export function getTermios(fd: number): Buffer | undefined {
  const saved = Buffer.alloc(TERMIOS_SIZE);
  return load().tcgetattr(fd, saved) === 0 ? saved : undefined;
}

/**
 * Turn output post-processing (OPOST: "\n" → "\r\n") off or on. Node's raw mode keeps it on, so
 * a container's pty output ("\r\n") would arrive as "\r\r\n"; docker's MakeRaw clears it.
 */
export function setOutputProcessing(fd: number, on: boolean): void {
  const t = getTermios(fd);
  if (!t) return;
  const oflag = t.readUInt32LE(4);
  t.writeUInt32LE(on ? oflag | OPOST : oflag & ~OPOST, 4);
  load().tcsetattr(fd, 0, t);
}

export function restoreTermios(fd: number, saved: Buffer): void {
  load().tcsetattr(fd, 0, saved);
}
