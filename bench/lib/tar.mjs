// A minimal ustar writer (regular files and directories), enough to build image layers and
// docker-archives without any dependency. Deterministic: fixed uid/gid/mtime.

const BLOCK = 512;

function octal(n, width) {
  // width includes the trailing NUL
  return n.toString(8).padStart(width - 1, '0') + '\0';
}

function header({ name, size = 0, mode = 0o644, type = '0', mtime = 1700000000 }) {
  if (Buffer.byteLength(name) > 100) throw new Error(`tar: name too long: ${name}`);
  const h = Buffer.alloc(BLOCK, 0);
  h.write(name, 0, 100, 'utf8');
  h.write(octal(mode, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii');
  h.write(octal(0, 8), 116, 'ascii');
  h.write(octal(size, 12), 124, 'ascii');
  h.write(octal(mtime, 12), 136, 'ascii');
  h.write('        ', 148, 'ascii');
  h.write(type, 156, 'ascii');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  h.write('root', 265, 'ascii');
  h.write('root', 297, 'ascii');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'ascii');
  return h;
}

/**
 * entries: [{ name, data?: Buffer|string, mode?, dir?: true }] → the tar as one Buffer.
 * Directory names get a trailing slash.
 */
export function tarBuffer(entries) {
  const parts = [];
  for (const e of entries) {
    if (e.dir) {
      parts.push(header({ name: e.name.endsWith('/') ? e.name : `${e.name}/`, type: '5', mode: e.mode ?? 0o755 }));
      continue;
    }
    const data = Buffer.isBuffer(e.data) ? e.data : Buffer.from(e.data ?? '');
    parts.push(header({ name: e.name, size: data.length, mode: e.mode ?? 0o644 }));
    parts.push(data);
    const pad = (BLOCK - (data.length % BLOCK)) % BLOCK;
    if (pad) parts.push(Buffer.alloc(pad, 0));
  }
  parts.push(Buffer.alloc(BLOCK * 2, 0));
  return Buffer.concat(parts);
}
