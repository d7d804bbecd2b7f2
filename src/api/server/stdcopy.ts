/** docker's stdcopy framing: an 8-byte header [stream,0,0,0,size BE] per payload (non-TTY streams). */
import { Writable } from 'node:stream';

export type StreamType = 0 | 1 | 2 | 3;

export function frame(stream: StreamType, payload: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head[0] = stream;
  head.writeUInt32BE(payload.length, 4);
  return Buffer.concat([head, payload]);
}

/** A writable that forwards into `out`, framed as `stream` unless raw (TTY). */
export function framedWriter(out: NodeJS.WritableStream, stream: StreamType, raw: boolean): Writable {
  return new Writable({
    write(chunk: Buffer, _enc, cb) {
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      if (buf.length === 0) { cb(); return; }
      // The peer may have gone; a dropped client must never break the container.
      try { out.write(raw ? buf : frame(stream, buf)); } catch { /* socket gone */ }
      cb();
    },
  });
}
