/**
 * Loading the CLI must not touch String#localeCompare: its first call builds ICU's collator
 * (5–10 ms, on every command, when a module sorts at load time as run's flag table does).
 */
import { afterEach, expect, it, vi } from 'vitest';
import { byCodePoint } from '../../../src/lib/compare.js';

afterEach(() => { vi.restoreAllMocks(); });

it('sorts run\'s flags without localeCompare, in the same order', async () => {
  const spy = vi.spyOn(String.prototype, 'localeCompare');
  const { runCommand } = await import('../../../src/cli/commands/container/run.js');
  const names = runCommand.flags!.map((f) => f.name);
  const seen = spy.mock.calls.map((c) => c[0]);
  expect(seen.filter((n) => names.includes(n as string))).toEqual([]);
  spy.mockRestore();
  // flag names are [a-z-]: code-point order is the order localeCompare gave
  expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  expect(names).toEqual([...names].sort(byCodePoint));
});

it('byCodePoint orders like < and > do', () => {
  expect(['b', 'a-b', 'a', 'ab'].sort(byCodePoint)).toEqual(['a', 'a-b', 'ab', 'b']);
  expect(byCodePoint('x', 'x')).toBe(0);
});
