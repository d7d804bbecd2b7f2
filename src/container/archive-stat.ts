/**
 * docker's PathStat from an lstat: Go's os.FileMode bits (the API sends them as a uint32),
 * RFC 3339 mtime with nanoseconds, and a symlink's target resolved inside the container.
 */
import { constants, type BigIntStats, type Stats } from 'node:fs';
import type { PathStat } from '../types/container.js';
import { goBase } from './cp-paths.js';

/** Go's io/fs type bits. Numbers, not bit operations: ModeDir (2^31) does not fit an int32. */
export const GoMode = {
  Dir: 2 ** 31,
  Symlink: 2 ** 27,
  Device: 2 ** 26,
  NamedPipe: 2 ** 25,
  Socket: 2 ** 24,
  Setuid: 2 ** 23,
  Setgid: 2 ** 22,
  CharDevice: 2 ** 21,
  Sticky: 2 ** 20,
} as const;

/** Unix st_mode → Go FileMode (os.fillFileStatFromSys). */
export function goFileMode(mode: number): number {
  let m = mode & 0o777;
  switch (mode & constants.S_IFMT) {
    case constants.S_IFDIR: m += GoMode.Dir; break;
    case constants.S_IFLNK: m += GoMode.Symlink; break;
    case constants.S_IFBLK: m += GoMode.Device; break;
    case constants.S_IFCHR: m += GoMode.Device + GoMode.CharDevice; break;
    case constants.S_IFIFO: m += GoMode.NamedPipe; break;
    case constants.S_IFSOCK: m += GoMode.Socket; break;
  }
  if (mode & 0o4000) m += GoMode.Setuid;
  if (mode & 0o2000) m += GoMode.Setgid;
  if (mode & 0o1000) m += GoMode.Sticky;
  return m;
}

export const isGoDir = (mode: number) => mode >= GoMode.Dir;
export const isGoSymlink = (mode: number) => Math.floor(mode / GoMode.Symlink) % 2 === 1;

/** Go's time.Time JSON form in UTC: RFC 3339 with the fraction's trailing zeros trimmed. */
export function rfc3339Nano(ns: bigint): string {
  const secs = ns / 1_000_000_000n;
  const frac = ns % 1_000_000_000n;
  const base = new Date(Number(secs) * 1000).toISOString().slice(0, 19);
  const f = frac === 0n ? '' : '.' + frac.toString().padStart(9, '0').replace(/0+$/, '');
  return `${base}${f}Z`;
}

/**
 * `name` is filepath.Base of the path as asked ("/etc/" → "etc", "/etc/." → "."), as dockerd names
 * it; `linkTarget` is set only for symlinks.
 */
export function pathStat(asked: string, st: Stats | BigIntStats, linkTarget = ''): PathStat {
  const big = typeof st.mode === 'bigint';
  const mtimeNs = big ? (st as BigIntStats).mtimeNs : BigInt(Math.round((st as Stats).mtimeMs * 1e6));
  return {
    name: goBase(asked),
    size: Number(st.size),
    mode: goFileMode(Number(st.mode)),
    mtime: rfc3339Nano(mtimeNs),
    linkTarget,
  };
}
