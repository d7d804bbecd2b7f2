/**
 * Connecting to conmon's SOCK_SEQPACKET attach socket with node-unix-socket.
 *
 * Path length: sun_path holds 107 bytes. Like podman (oci_conmon_attach_linux.go openUnixSocket)
 * we open the socket file with O_PATH and connect to `/proc/self/fd/<fd>`, which the kernel
 * resolves to the same inode, so the bundle may live at any depth. conmon binds the same way.
 *
 * node-unix-socket is a native addon, loaded on first use so importing this module is free.
 */
import { closeSync, openSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { SeqpacketSocket } from 'node-unix-socket';
import { EngineError, errnoCode, toEngineError } from '../../lib/errors.js';

/** open(2) O_PATH: not in fs.constants; the same value on x86_64 and arm64. */
const O_PATH = 0o10000000;

let ctor: (new () => SeqpacketSocket) | undefined;
function socketClass(): new () => SeqpacketSocket {
  if (!ctor) {
    const require = createRequire(import.meta.url);
    ctor = (require('node-unix-socket') as { SeqpacketSocket: new () => SeqpacketSocket }).SeqpacketSocket;
  }
  return ctor;
}

function notRunning(path: string, cause: unknown): EngineError {
  return new EngineError('CONFLICT', `container monitor is not accepting connections on ${path}`, { cause });
}

/**
 * Destroy on a later tick: node-unix-socket aborts the process if a socket is closed from
 * inside one of its own native callbacks (e.g. a `data` handler).
 */
export function destroyLater(sock: SeqpacketSocket): void {
  setImmediate(() => { try { sock.destroy(); } catch { /* already closed */ } });
}

export async function connectSeqpacket(path: string): Promise<SeqpacketSocket> {
  let fd: number;
  try {
    fd = openSync(path, O_PATH);
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') throw notRunning(path, err);
    throw toEngineError(err);
  }
  const Sock = socketClass();
  const sock = new Sock();
  // node-unix-socket emits errors on a later tick; one arriving before the caller adds its own
  // listener must not become an uncaught exception.
  sock.on('error', () => undefined);
  return new Promise<SeqpacketSocket>((resolve, reject) => {
    let open = true;
    const release = () => { if (open) { open = false; closeSync(fd); } };
    const onError = (err: unknown) => { release(); destroyLater(sock); reject(notRunning(path, err)); };
    sock.once('error', onError);
    try {
      sock.connect(`/proc/self/fd/${fd}`, () => {
        release();
        sock.off('error', onError);
        resolve(sock);
      });
    } catch (err) {
      // A stale socket file (monitor gone) fails synchronously here.
      onError(err);
    }
  });
}
