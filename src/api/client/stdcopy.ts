/**
 * Reading docker's stdcopy framing (the reverse of src/api/server/stdcopy.ts, kept here so the
 * front ends stay independent): an 8-byte header [stream,0,0,0,size BE] before each payload.
 */
import { EngineError } from '../../lib/errors.js';

export type Frame = { stream: 'stdin' | 'stdout' | 'stderr'; payload: Buffer };

/** Feed chunks as they arrive; whole frames come out, a partial one is kept for the next chunk. */
export class FrameReader {
  private buf: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Frame[] {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    const out: Frame[] = [];
    while (this.buf.length >= 8) {
      const size = this.buf.readUInt32BE(4);
      if (this.buf.length < 8 + size) break;
      const kind = this.buf[0];
      const payload = this.buf.subarray(8, 8 + size);
      this.buf = this.buf.subarray(8 + size);
      // stream 3 is the daemon's in-band error (systemerr): the stream failed after its 200.
      if (kind === 3) throw new EngineError('INTERNAL', payload.toString('utf8').trim());
      out.push({ stream: kind === 2 ? 'stderr' : kind === 0 ? 'stdin' : 'stdout', payload });
    }
    return out;
  }
}

export const isMultiplexed = (contentType: string): boolean => contentType.includes('multiplexed');
