/**
 * Daemonless semantics: kill -9 of the CLI that ran a container leaves the container running
 * under conmon, and conmon's exit command (`berth container cleanup`) records the exit and
 * applies --rm with no CLI alive. The record is read from disk before any berth runs again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BERTH, TARGET, ok } from '../helpers/cli.js';
import { containerDirs, containerIds, containerRoot, sleep, until, type ContainerRoot } from '../helpers/containers.js';

let ctx: ContainerRoot;
let root: string;
let cli: ChildProcess | undefined;

beforeEach(async () => {
  ctx = await containerRoot('berth-survive-');
  root = ctx.root;
});
afterEach(async () => {
  cli?.kill('SIGKILL');
  await ctx.cleanup();
});

/** Start `berth run ARGS`, resolve once its stdout shows `line`; the caller kills it. */
async function runUntil(args: string[], line: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [BERTH, 'run', ...args], { env: { ...process.env, BERTH_ROOT: root }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => { out += d; });
  child.stderr!.on('data', (d) => { out += d; });
  await until(() => out.includes(line), 15_000, `"${line}" from berth run (got ${JSON.stringify(out)})`);
  return child;
}

async function killHard(child: ChildProcess): Promise<void> {
  const gone = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await gone;
}

/** The stored record, read without running berth. */
function storedRecord(id: string): { State: { Status: string; ExitCode: number } } | undefined {
  const file = join(root, 'meta', 'containers', `${id}.json`);
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

describe.skipIf(TARGET === 'docker')('containers outlive the CLI', () => {
  it('kill -9 of berth run: the container keeps running; its exit is recorded by the monitor', async () => {
    cli = await runUntil(['--name', 'surv', 'busybox', 'sh', '-c', 'echo start; sleep 3; echo done; exit 7'], 'start');
    await killHard(cli);
    expect(await ok(root, ['ps', '--format', '{{.Names}} {{.Status}}'])).toMatch(/^surv Up /);
    const [id] = await containerIds(root);

    // no berth process of ours is alive from here until the record shows the exit
    const rec = await until(() => storedRecord(id!)?.State.Status === 'exited' && storedRecord(id!), 15_000, 'exit recorded by the exit command');
    expect(rec.State.ExitCode).toBe(7);
    expect(await ok(root, ['ps', '-a', '--format', '{{.Names}} {{.Status}}'])).toMatch(/^surv Exited \(7\) /);
    expect(await ok(root, ['logs', 'surv'])).toBe('start\ndone\n');
  });

  it('--rm: the monitor\'s exit command removes the container with no CLI alive', async () => {
    cli = await runUntil(['--rm', '--name', 'gone', 'busybox', 'sh', '-c', 'echo start; sleep 2; exit 3'], 'start');
    await killHard(cli);
    const [id] = await containerIds(root);
    expect(id).toMatch(/^[a-f0-9]{64}$/);
    await until(() => !storedRecord(id!) && containerDirs(root).length === 0, 15_000, 'removal by the exit command');
    await sleep(100);
    expect(await containerIds(root)).toEqual([]);
    expect(JSON.parse(readFileSync(join(root, 'meta', 'container-names.json'), 'utf8'))).toEqual({});
  });
});
