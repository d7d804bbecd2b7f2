/**
 * conmon 2.1.6 command lines, as podman builds them (libpod/oci_conmon_common.go sharedConmonArgs).
 * Pure functions so the exact argv is unit-testable.
 *
 * Notes on the choices:
 * - `--full-attach` puts the attach socket at `<bundle>/attach` (conmon then ignores
 *   `--socket-dir-path`); conmon binds it through /proc/self/fd/<dirfd>/attach and our client
 *   connects through an O_PATH fd the same way, so long bundle paths never hit the 107-byte limit.
 * - `-t` and `-i` are exclusive, as in podman: with `-t` conmon's stdin *is* the pty master, and
 *   `-i` would make conmon close it when the first attach client leaves (breaking re-attach).
 * - No `-s`: this host uses the cgroupfs driver.
 * - `--runtime-arg --log-format=json` makes runc's error text (relayed in the sync pipe) parseable.
 */
import { join } from 'node:path';
import { invalid } from '../../lib/errors.js';

export const DEFAULT_CONMON = '/usr/bin/conmon';
export const DEFAULT_RUNTIME = '/usr/sbin/runc';

export interface ExitCommand {
  path: string;
  args?: string[];
  /** Seconds conmon waits before running it (--exit-delay). */
  delay?: number;
}

/** What conmon needs for one container (or one exec session, see exec-args.ts). */
export interface ConmonCommon {
  /** Container id (runc's id; also the exit file's name in exitDir). */
  id: string;
  /** conmon's -u; defaults to id. */
  uuid?: string;
  /** Container name (-n); defaults to id. */
  name?: string;
  /** Bundle dir (config.json for a container; the session dir for exec): attach, ctl, winsz live here. */
  bundleDir: string;
  /** `runc --root`. */
  runtimeRoot: string;
  runtimePath?: string;
  exitDir: string;
  persistDir: string;
  terminal?: boolean;
  stdin?: boolean;
  /** Keep the container's stdin open when an attach client leaves (docker: !StdinOnce). */
  leaveStdinOpen?: boolean;
  exitCommand?: ExitCommand;
  /** @default 'error' */
  logLevel?: 'error' | 'warn' | 'info' | 'debug' | 'trace';
  /** Container pid file; @default <bundleDir>/pidfile */
  pidFile?: string;
  /** conmon's own pid file; @default <bundleDir>/conmon.pid */
  conmonPidFile?: string;
}

export interface ConmonCreateOptions extends ConmonCommon {
  /** k8s-file log path. */
  logPath: string;
  /** Bytes; conmon truncates (rename of a fresh file) past it. */
  logSizeMax?: number;
}

export function pidFileOf(o: ConmonCommon): string { return o.pidFile ?? join(o.bundleDir, 'pidfile'); }
export function conmonPidFileOf(o: ConmonCommon): string { return o.conmonPidFile ?? join(o.bundleDir, 'conmon.pid'); }

/** Arguments shared by create and exec (podman's sharedConmonArgs), minus logging. */
export function commonArgs(o: ConmonCommon): string[] {
  const args = [
    '--api-version', '1',
    '-c', o.id,
    '-u', o.uuid ?? o.id,
    '-r', o.runtimePath ?? DEFAULT_RUNTIME,
    '-b', o.bundleDir,
    '-p', pidFileOf(o),
    '-n', o.name ?? o.id,
    '--exit-dir', o.exitDir,
    '--persist-dir', o.persistDir,
    '--full-attach',
  ];
  return args;
}

/** Flags after logging: stdio mode, exit command, runtime args, conmon pid file. */
export function tailArgs(o: ConmonCommon): string[] {
  const args = ['--log-level', o.logLevel ?? 'error'];
  if (o.terminal) args.push('-t');
  else if (o.stdin) args.push('-i');
  if (o.stdin && o.leaveStdinOpen) args.push('--leave-stdin-open');
  if (o.exitCommand) {
    args.push('--exit-command', o.exitCommand.path);
    for (const a of o.exitCommand.args ?? []) args.push('--exit-command-arg', a);
    if (o.exitCommand.delay !== undefined) args.push('--exit-delay', String(o.exitCommand.delay));
  }
  args.push('--runtime-arg', '--log-format=json', '--runtime-arg', '--root', '--runtime-arg', o.runtimeRoot);
  args.push('--conmon-pidfile', conmonPidFileOf(o));
  return args;
}

/** argv for a container's monitor: conmon runs `runc create` and stays as its parent. */
export function createArgs(o: ConmonCreateOptions): string[] {
  // conmon splits `-l driver:path` on every ':' (strtok), so such a path would be cut short.
  if (o.logPath.includes(':')) throw invalid(`log path must not contain ':': ${o.logPath}`);
  const args = [...commonArgs(o), '-l', `k8s-file:${o.logPath}`];
  if (o.logSizeMax !== undefined && o.logSizeMax > 0) args.push('--log-size-max', String(o.logSizeMax));
  return [...args, ...tailArgs(o)];
}
