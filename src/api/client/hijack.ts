/**
 * An attach or exec session over a hijacked connection: stdin is copied to the socket (with the
 * detach keys matched here, as the docker CLI's escape proxy does), output frames are demuxed
 * into the caller's streams, and the handle settles when the daemon ends the stream.
 */
import type { Duplex, Readable } from 'node:stream';
import type { AttachHandle, AttachStreams } from '../../engine/types.js';
import { DEFAULT_DETACH_KEYS, DetachKeyMatcher, parseDetachKeys } from '../../runtime/monitor/detach-keys.js';
import { FrameReader } from './stdcopy.js';

export interface Hijacked {
  stream: Duplex | Readable;
  head: Buffer;
  contentType: string;
  /** Where stdin goes (the upgraded socket). */
  input?: Duplex;
}

export function hijackHandle(h: Hijacked, streams: AttachStreams, opts: { tty: boolean }): AttachHandle {
  const { stream, input } = h;
  // API < 1.42 labels every hijacked stream raw-stream, so the container's Tty decides.
  const framed = !opts.tty;
  const reader = new FrameReader();
  let settle!: (how: 'eof' | 'detached' | 'closed') => void;
  let settled = false;
  const done = new Promise<'eof' | 'detached' | 'closed'>((resolve) => { settle = resolve; });
  const stdin = streams.stdin;
  const matcher = opts.tty && stdin ? new DetachKeyMatcher(
    streams.detachKeys === '' ? Buffer.alloc(0) : parseDetachKeys(streams.detachKeys ?? DEFAULT_DETACH_KEYS),
  ) : undefined;

  const finish = (how: 'eof' | 'detached' | 'closed') => {
    if (settled) return;
    settled = true;
    if (stdin) {
      stdin.off('data', onInput);
      stdin.off('end', onInputEnd);
      // Leave a terminal's stdin paused so the process can exit once the session is over.
      (stdin as Readable).pause?.();
    }
    if (how === 'detached') streams.onDetach?.();
    // after EOF too: a half-closed TLS or ssh connection would otherwise linger
    stream.destroy();
    settle(how);
  };
  const write = (chunk: Buffer) => {
    if (!framed) { streams.stdout?.write(chunk); return; }
    try {
      for (const f of reader.push(chunk)) (f.stream === 'stderr' ? streams.stderr : streams.stdout)?.write(f.payload);
    } catch (err) {
      streams.stderr?.write(`${err instanceof Error ? err.message : String(err)}\n`);
      finish('closed');
    }
  };
  const onInput = (data: Buffer | string) => {
    const buf = Buffer.isBuffer(data) ? data : Buffer.from(data);
    if (!matcher) { input?.write(buf); return; }
    const r = matcher.push(buf);
    if (r.forward.length) input?.write(r.forward);
    if (r.detached) finish('detached');
  };
  // Half-close: the daemon sees stdin's EOF and keeps sending output until the process ends.
  const onInputEnd = () => { if (matcher) input?.write(matcher.flush()); (input as Duplex | undefined)?.end?.(); };

  if (h.head.length) write(h.head);
  stream.on('data', write);
  stream.on('end', () => finish('eof'));
  stream.on('close', () => finish('eof'));
  stream.on('error', () => finish('closed'));
  if (stdin) {
    stdin.on('data', onInput);
    stdin.on('end', onInputEnd);
    (stdin as Readable).resume?.();
  } else if (input && input !== stream) {
    // Plain (non-upgraded) responses have nothing to half-close.
  } else {
    // No stdin: dockerd and berth serve both expect the client's write side to close at once.
    (input as Duplex | undefined)?.end?.();
  }
  return { done, close: () => finish('closed') };
}
