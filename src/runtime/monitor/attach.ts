/**
 * Attach client for conmon's attach socket (SOCK_SEQPACKET). Each packet from conmon is one
 * read of the container's output with a 1-byte prefix: 2 = stdout, 3 = stderr (a tty has only
 * stdout). We write raw stdin packets. Protocol facts (conmon src/conn_sock.c, podman
 * oci_conmon_attach_common.go):
 * - stdin EOF = shutdown(SHUT_WR) on our socket (SeqpacketSocket.end()). conmon sees EOF and,
 *   when started with `-i` and without `--leave-stdin-open`, closes the container's stdin; it
 *   keeps writing output to us until the container exits, then closes every client (`end`).
 *   Any client leaving has the same effect on a `-i` container, as in podman.
 * - conmon reads stdin packets into a 32 KiB buffer and silently truncates larger ones, so we
 *   split writes at MAX_PACKET.
 * - Detach keys are matched client-side; a detach just closes our socket (conmon keeps running).
 */
import type { Readable, Writable } from 'node:stream';
import type { SeqpacketSocket } from 'node-unix-socket';
import { DetachKeyMatcher } from './detach-keys.js';
import { connectSeqpacket, destroyLater } from './seqpacket.js';

const STDOUT = 2;
const STDERR = 3;
/** conmon's CONN_SOCK_BUF_SIZE (32768) minus the byte it reserves. */
export const MAX_PACKET = 32767;
/** Unacknowledged packets before we pause stdin (the socket has no other backpressure signal). */
const HIGH_WATER = 64;

export interface AttachOptions {
  stdin?: Readable;
  stdout?: Writable;
  stderr?: Writable;
  /** Parsed detach keys (parseDetachKeys), matched on stdin; docker's CLI uses them with a tty. */
  detachKeys?: Buffer;
  onDetach?: () => void;
  /** Half-close when stdin ends, so conmon closes the container's stdin. @default true */
  closeStdinOnEnd?: boolean;
}

/** eof: conmon closed the session (the process exited or the monitor died). */
export type AttachEnd = 'eof' | 'detached' | 'closed';

export interface AttachSession {
  /** Settles when the session ends; never rejects. */
  done: Promise<AttachEnd>;
  /** End the session from our side (no detach keys involved). */
  close(): void;
}

export async function attach(socketPath: string, opts: AttachOptions): Promise<AttachSession> {
  const sock = await connectSeqpacket(socketPath);
  let settle!: (end: AttachEnd) => void;
  const done = new Promise<AttachEnd>((resolve) => { settle = resolve; });
  let finished = false;
  const stdin = opts.stdin;
  const matcher = new DetachKeyMatcher(opts.detachKeys ?? Buffer.alloc(0));
  const sender = packetSender(sock, stdin);

  const finish = (end: AttachEnd) => {
    if (finished) return;
    finished = true;
    sender.stop();
    if (stdin) {
      stdin.off('data', onStdin);
      stdin.off('end', onStdinEnd);
      stdin.pause();
    }
    destroyLater(sock);
    settle(end);
  };

  sock.on('data', (pkt: Buffer) => {
    if (pkt.length < 2) return;
    // Copy: the payload may sit in a stream buffer after this native callback returns.
    const payload = Buffer.from(pkt.subarray(1));
    if (pkt[0] === STDOUT) opts.stdout?.write(payload);
    else if (pkt[0] === STDERR) opts.stderr?.write(payload);
  });
  sock.on('end', () => setImmediate(() => finish('eof')));
  sock.on('close', () => setImmediate(() => finish('eof')));
  sock.on('error', () => setImmediate(() => finish('closed')));

  const onStdin = (chunk: Buffer | string) => {
    if (finished) return;
    const { forward, detached } = matcher.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    sender.send(forward);
    if (detached) {
      opts.onDetach?.();
      finish('detached');
    }
  };
  const onStdinEnd = () => {
    if (finished) return;
    sender.send(matcher.flush());
    if (opts.closeStdinOnEnd ?? true) {
      try { sock.end(); } catch { /* already closed by conmon */ }
    }
  };
  if (stdin) {
    stdin.on('data', onStdin);
    stdin.on('end', onStdinEnd);
    if (stdin.readableEnded) setImmediate(onStdinEnd);
    else stdin.resume();
  }
  return { done, close: () => finish('closed') };
}

/** Splits stdin into conmon-sized packets and pauses `stdin` while too many are in flight. */
function packetSender(sock: SeqpacketSocket, stdin: Readable | undefined) {
  let inflight = 0;
  let stopped = false;
  const written = () => {
    inflight--;
    if (!stopped && inflight < HIGH_WATER / 2 && stdin?.isPaused()) stdin.resume();
  };
  return {
    send(buf: Buffer) {
      try {
        for (let off = 0; off < buf.length; off += MAX_PACKET) {
          const len = Math.min(MAX_PACKET, buf.length - off);
          inflight++;
          sock.write(buf.subarray(off, off + len), 0, len, written);
        }
      } catch {
        // The socket closed under us (conmon ended the session); `end`/`close` finish the session.
        stopped = true;
      }
      if (inflight >= HIGH_WATER) stdin?.pause();
    },
    stop() { stopped = true; },
  };
}
