/**
 * Saves a log buffer to a file (the TUI's Logs tab, `ctrl-s`). The TUI never touches the file
 * system itself; this helper owns the naming and the write, so it can be tested on a temp dir.
 */
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';

/** `20240102-150405`, local time: sorts by name and has no characters shells or Windows mind. */
export function logStamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

/** A container name or ID made safe as a file name component (no slashes, no leading dot). */
export function safeName(name: string): string {
  const s = name.replace(/^\/+/, '').replace(/[^A-Za-z0-9_.-]/g, '_').replace(/^\.+/, '');
  return s || 'container';
}

/**
 * Writes `lines` (one per line) to `<dir>/<container>-<timestamp>.log` and returns the path.
 * An existing file is never overwritten: a second save in the same second gets a `-2` suffix.
 */
export async function saveLogLines(dir: string, container: string, lines: string[], now = new Date()): Promise<string> {
  const base = `${safeName(container)}-${logStamp(now)}`;
  const body = lines.length ? lines.join('\n') + '\n' : '';
  for (let n = 1; ; n++) {
    const path = join(dir, n === 1 ? `${base}.log` : `${base}-${n}.log`);
    try {
      await fsp.writeFile(path, body, { flag: 'wx', mode: 0o644 });
      return path;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || n > 99) throw err;
    }
  }
}
