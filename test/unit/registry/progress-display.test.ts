/** docker's jsonmessage rendering of pull/push streams, for pipes and terminals. */
import { describe, expect, it } from 'vitest';
import { ProgressDisplay, progressString } from '../../../src/cli/commands/image/progress-display.js';
import type { ProgressEvent } from '../../../src/types/registry.js';

function sink(isTTY: boolean, columns = 200) {
  let out = '';
  return { stream: Object.assign({ write: (s: string) => { out += s; return true; } }, { isTTY, columns }) as unknown as NodeJS.WritableStream, text: () => out };
}

const stream: ProgressEvent[] = [
  { id: 'latest', status: 'Pulling from library/busybox' },
  { id: 'aaaaaaaaaaaa', status: 'Pulling fs layer', layer: true },
  { id: 'bbbbbbbbbbbb', status: 'Pulling fs layer', layer: true },
  { id: 'aaaaaaaaaaaa', status: 'Downloading', layer: true, current: 1_048_576, total: 2_097_152 },
  { id: 'aaaaaaaaaaaa', status: 'Pull complete', layer: true },
  { id: '', status: 'Digest: sha256:abc' },
  { id: '', status: '', aux: { Tag: 'latest', Digest: 'sha256:abc', Size: 527 } },
];

describe('progressString', () => {
  it('formats like JSONProgress.String', () => {
    expect(progressString(1_048_576, 2_097_152, 200)).toBe(`[${'='.repeat(25)}>${' '.repeat(25)}]  1.049MB/2.097MB`);
    expect(progressString(1_048_576, 2_097_152, 80)).toBe(' 1.049MB/2.097MB');
    expect(progressString(500, 0, 200)).toBe('    500B');
    expect(progressString(0, 0, 200)).toBe('');
    expect(progressString(3000, 2000, 80)).toBe('     3kB');
  });
});

describe('ProgressDisplay', () => {
  it('into a pipe: one line per status, byte counts and aux dropped', () => {
    const s = sink(false);
    const d = new ProgressDisplay(s.stream);
    for (const e of stream) d.event(e);
    expect(s.text()).toBe('latest: Pulling from library/busybox\naaaaaaaaaaaa: Pulling fs layer\nbbbbbbbbbbbb: Pulling fs layer\naaaaaaaaaaaa: Pull complete\nDigest: sha256:abc\n');
    expect(d.started).toBe(true);
  });

  it('on a terminal: one line per layer, redrawn in place with cursor moves', () => {
    const s = sink(true, 80);
    const d = new ProgressDisplay(s.stream);
    for (const e of stream.slice(0, 5)) d.event(e);
    const E = '\x1b[';
    expect(s.text()).toBe(
      'latest: Pulling from library/busybox\n'
      + `\n${E}1A${E}2K\raaaaaaaaaaaa: Pulling fs layer \r${E}1B`
      + `\n${E}1A${E}2K\rbbbbbbbbbbbb: Pulling fs layer \r${E}1B`
      + `${E}2A${E}2K\raaaaaaaaaaaa: Downloading  1.049MB/2.097MB\r${E}2B`
      + `${E}2A${E}2K\raaaaaaaaaaaa: Pull complete \r${E}2B`,
    );
  });
});
