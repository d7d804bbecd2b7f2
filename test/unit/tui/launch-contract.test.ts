/**
 * The CLI opens the TUI without importing it: bin/berth.js injects an opener. These tests pin the
 * hook (no verb on a TTY opens it, a pipe gets help, `berth tui` flags) and the launch object's
 * shape, which mirrors src/tui/launch.ts TuiLaunch field for field.
 */
import { describe, expect, it, vi } from 'vitest';
import { runCli } from '../../../src/cli/run-cli.js';
import { COMMANDS } from '../../../src/cli/command-table.js';
import type { TuiLaunchRequest } from '../../../src/cli/tui-hook.js';
import type { Engine } from '../../../src/engine/engine.js';
import { fakeIO } from '../cli/fixtures.js';

/** Every field of src/tui/launch.ts TuiLaunch the CLI provides (stdin/stdout default to the process's). */
const TUI_LAUNCH_FIELDS = ['berth', 'commands', 'createEngine', 'env', 'readOnly', 'signal', 'theme', 'tuiConfig'];

function tty(env: NodeJS.ProcessEnv = {}) {
  const io = fakeIO(env);
  Object.assign(io.stdin, { isTTY: true });
  Object.assign(io.stdout, { isTTY: true });
  return io;
}

async function run(argv: string[], io = tty()) {
  const engine = { close: vi.fn(async () => undefined) } as unknown as Engine;
  const createEngine = vi.fn(async () => engine);
  let launch: TuiLaunchRequest | undefined;
  const openTui = vi.fn(async (l: TuiLaunchRequest) => { launch = l; await l.createEngine(); return 0; });
  const code = await runCli(argv, { io, createEngine, table: COMMANDS, openTui, self: ['/usr/bin/node', '/b/bin/berth.js'] });
  return { code, io, openTui, launch: launch!, engine, createEngine };
}

describe('opening the TUI from the CLI', () => {
  it('berth with no verb on a terminal opens it with the same engine factory and globals', async () => {
    const r = await run(['--root', '/tmp/r', '--theme', 'light']);
    expect(r.code).toBe(0);
    expect(r.openTui).toHaveBeenCalledOnce();
    expect(Object.keys(r.launch).sort()).toEqual(TUI_LAUNCH_FIELDS);
    expect(r.launch.berth).toEqual(['/usr/bin/node', '/b/bin/berth.js', '--root', '/tmp/r', '--log-level', 'info']);
    expect(r.launch.theme).toBe('light');
    expect(r.launch.readOnly).toBeUndefined();
    expect(r.createEngine).toHaveBeenCalledWith(expect.objectContaining({ root: '/tmp/r' }));
    // the CLI closes the engine it built for the TUI
    expect(r.engine.close).toHaveBeenCalledOnce();
  });
  it('no terminal (a pipe, CI): help as before, no TUI', async () => {
    const r = await run([], fakeIO());
    expect(r.openTui).not.toHaveBeenCalled();
    expect(r.io.err()).toMatch(/^Usage: {2}berth \[OPTIONS\] COMMAND/);
  });
  it('berth tui --read-only --theme high-contrast', async () => {
    const r = await run(['tui', '--read-only', '--theme', 'high-contrast']);
    expect([r.code, r.launch.readOnly, r.launch.theme]).toEqual([0, true, 'high-contrast']);
  });
  it('berth tui without a terminal is an error', async () => {
    const r = await run(['tui'], fakeIO());
    expect(r.code).toBe(1);
    expect(r.io.err()).toContain('the terminal UI needs a terminal');
  });
  it('the REPL resolves lines with the CLI\'s own table', async () => {
    const r = await run([]);
    expect(r.launch.commands.describe(['run', '-d', 'busybox'])).toMatchObject({ kind: 'command', path: ['run'], interactive: false, complete: 'image' });
    expect(r.launch.commands.complete('ver')).toEqual(['version']);
  });
});
