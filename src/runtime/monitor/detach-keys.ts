/**
 * Docker's detach keys (moby/term ToBytes): a comma-separated list where each item is a single
 * character (taken literally), `ctrl-@`, `ctrl-a` … `ctrl-z`, `ctrl-[`, `ctrl-\`, `ctrl-]`,
 * `ctrl-^`, `ctrl-_` (codes 0–31), or `DEL` (127). The default is `ctrl-p,ctrl-q`.
 */
import { invalid } from '../../lib/errors.js';

export const DEFAULT_DETACH_KEYS = 'ctrl-p,ctrl-q';

const CTRL = ['@', ...'abcdefghijklmnopqrstuvwxyz', '[', '\\', ']', '^', '_'];

/** Parse a detach-key spec; '' means "no detach keys" (podman's convention). */
export function parseDetachKeys(spec: string): Buffer {
  if (spec === '') return Buffer.alloc(0);
  const codes: number[] = [];
  for (const key of spec.split(',')) {
    if (key.length === 1) { codes.push(key.charCodeAt(0)); continue; }
    if (key === 'DEL') { codes.push(127); continue; }
    const m = /^ctrl-(.)$/.exec(key);
    const code = m ? CTRL.indexOf(m[1]!) : -1;
    if (code < 0) throw invalid(`invalid detach keys ${JSON.stringify(spec)}: unknown key ${JSON.stringify(key)}`);
    codes.push(code);
  }
  return Buffer.from(codes);
}

/**
 * Finds the key sequence in a byte stream. Bytes that might start the sequence are held back
 * until it either completes (detach: they are swallowed) or breaks (they are released in order).
 * Unlike docker's escapeProxy, which only matches single-byte reads, this also matches a
 * sequence arriving inside one chunk (pasted input, tests).
 */
export class DetachKeyMatcher {
  private held = 0;

  constructor(private readonly keys: Buffer) {}

  /** Feed a chunk: `forward` is what to send to the container; `detached` once the sequence completed. */
  push(chunk: Buffer): { forward: Buffer; detached: boolean } {
    if (this.keys.length === 0) return { forward: chunk, detached: false };
    const out: number[] = [];
    for (const byte of chunk) {
      if (this.step(byte, out)) return { forward: Buffer.from(out), detached: true };
    }
    return { forward: Buffer.from(out), detached: false };
  }

  private step(byte: number, out: number[]): boolean {
    if (byte === this.keys[this.held]) {
      this.held++;
      if (this.held === this.keys.length) { this.held = 0; return true; }
      return false;
    }
    if (this.held === 0) { out.push(byte); return false; }
    // Mismatch: release the first held byte and re-scan the rest plus this byte, so a sequence
    // that starts inside the held bytes (e.g. ctrl-p ctrl-p ctrl-q) is still found.
    const replay = [...this.keys.subarray(1, this.held), byte];
    out.push(this.keys[0]!);
    this.held = 0;
    for (const b of replay) if (this.step(b, out)) return true;
    return false;
  }

  /** Bytes held back at end of input are real input after all. */
  flush(): Buffer {
    const rest = this.keys.subarray(0, this.held);
    this.held = 0;
    return Buffer.from(rest);
  }
}
