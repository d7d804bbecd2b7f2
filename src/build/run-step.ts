/**
 * RUN (moby's dispatchRun): the probe Cmd is the command with `|N K=V …` in front when build
 * args are in scope; on a miss the command runs in an intermediate container created from the
 * step's parent image (labelled berth.build so a crashed build's leftovers can be found), its
 * output streamed as events, and its overlay upper dir becomes the step's layer. The container
 * is removed whatever happens; a non-zero exit is docker's "The command '…' returned a non-zero
 * code: N" with the container's status as the exit code.
 */
import { PassThrough } from 'node:stream';
import { EngineError, invalid } from '../lib/errors.js';
import { createContainer } from '../container/create.js';
import { startContainer } from '../container/start.js';
import { waitContainer } from '../container/wait.js';
import { removeContainer } from '../container/remove.js';
import { tarUpper } from '../container/archive-tar.js';
import { mountpointArtifacts } from '../container/archive-lower.js';
import { lowerView } from '../container/diff.js';
import { chompHeredoc, parseHeredoc, type RunInstruction } from './dockerfile/index.js';
import type { BuildCtx, StepRef } from './build-ctx.js';
import { commandOf } from './dispatch-config.js';
import { BUILD_LABEL, OWNER_LABEL, ownerToken } from './owner.js';
import type { StageState } from './stage-state.js';
import { cachedStep, type StepOutput } from './step-commit.js';
import { planMounts } from './run-mounts.js';
import type { MountSpec } from '../types/container.js';

const TAIL_LINES = 10;

/** BuildKit's heredoc RUN: a lone heredoc runs its body in the shell; otherwise the bodies follow the line. */
function runCommand(state: StageState, instr: RunInstruction): string[] {
  const cmd = instr.cmd;
  if (!cmd.files.length) return commandOf(state, cmd);
  if (!cmd.shell || cmd.args.length !== 1) throw invalid(`parsing produced an invalid run command: ${JSON.stringify(cmd.args)}`);
  if (parseHeredoc(cmd.args[0]!)) {
    const f = cmd.files[0]!;
    const data = f.chomp ? chompHeredoc(f.data) : f.data;
    if (data.startsWith('#!')) throw new EngineError('NOT_IMPLEMENTED', 'RUN with a heredoc script starting with #! is not supported by berth yet');
    return commandOf(state, { ...cmd, args: [data] });
  }
  return commandOf(state, { ...cmd, args: [cmd.args[0] + cmd.files.map((f) => `\n${f.data}${f.name}`).join('')] });
}

export async function dispatchRun(ctx: BuildCtx, state: StageState, ref: StepRef, instr: RunInstruction): Promise<void> {
  const unsupported = instr.flagsUsed.filter((f) => f !== 'mount');
  if (unsupported.length) {
    const flag = unsupported[0]!;
    throw new EngineError('NOT_IMPLEMENTED', `RUN --${flag} is not supported by berth yet (the --${flag} option requires BuildKit)`);
  }
  const cmd = runCommand(state, instr);
  const runArgs = state.vars.runArgs();
  const cacheArgs = state.vars.cacheArgs();
  const saveCmd = runArgs.length ? [`|${cacheArgs.length}`, ...cacheArgs, ...cmd] : cmd;
  const probe = { ...structuredClone(state.config), Cmd: saveCmd, ...(saveCmd.length ? { Entrypoint: null } : {}) };
  const mounts = await planMounts(ctx, state, instr.mounts);
  await cachedStep(ctx, state, ref, probe, {
    kind: 'RUN', source: instr.source, args: cacheArgs, keyExtra: mounts.key, ...(mounts.files.size ? { files: mounts.files } : {}),
  }, async () => {
    const { specs, release } = await mounts.materialize();
    try {
      const out = await runInContainer(ctx, state, ref, cmd, runArgs, specs);
      // the mounts stay until the container is gone (its layer is read while they are up)
      return { ...out, done: async () => { try { await out.done?.(); } finally { await release(); } } };
    } catch (err) {
      await release();
      throw err;
    }
  });
}

async function runInContainer(
  ctx: BuildCtx, state: StageState, ref: StepRef, cmd: string[], runArgs: string[], mounts: MountSpec[],
): Promise<StepOutput> {
  const { deps } = ctx;
  if (!state.imageId) throw invalid(`The command '${cmd.join(' ')}' cannot run: a FROM scratch stage has no files yet`);
  const c = state.config;
  const network = !ctx.opts.network || ctx.opts.network === 'default' ? 'bridge' : ctx.opts.network;
  const { Id: id } = await createContainer(deps.store, deps.images, {
    config: {
      Image: state.imageId, Cmd: cmd, Entrypoint: [''], Env: [...(c.Env ?? []), ...runArgs], WorkingDir: c.WorkingDir ?? '',
      User: c.User ?? '', Healthcheck: { Test: ['NONE'] }, AttachStdout: true, AttachStderr: true,
      Labels: { ...(c.Labels ?? {}), [BUILD_LABEL]: '1', [OWNER_LABEL]: ownerToken() },
    },
    hostConfig: { NetworkMode: network, ...(mounts.length ? { Mounts: mounts } : {}) },
  });
  const remove = async () => {
    // as docker's builder: the step container's anonymous volumes (image VOLUMEs) go with it
    await removeContainer(deps, id, { force: true, volumes: true }).catch(() => undefined);
    ctx.emit({ type: 'container-removed', ref, id });
  };
  ctx.emit({ type: 'container', ref, id });
  try {
    const code = await execute(ctx, ref, id);
    if (code.status !== 0) {
      throw new EngineError('INVALID_ARGUMENT', `The command '${cmd.join(' ')}' returned a non-zero code: ${code.status}`, {
        detail: { exitCode: code.status, output: code.tail },
      });
    }
    const rec = await deps.store.records.get(id);
    if (!rec) throw invalid(`intermediate container ${id.slice(0, 12)} disappeared`);
    const upper = deps.store.paths.upper(id);
    const skip = mountpointArtifacts(rec, upper, lowerView(deps, rec.berth.chain));
    return { tar: tarUpper(upper, (rel) => skip.has(rel)), containerId: id, done: remove };
  } catch (err) {
    await remove();
    throw err;
  }
}

/** Start attached, stream the output, wait for the exit; abort removes the container. */
async function execute(ctx: BuildCtx, ref: StepRef, id: string): Promise<{ status: number; tail: string[] }> {
  const tail: string[] = [];
  const sink = (stream: 'stdout' | 'stderr') => {
    const s = new PassThrough();
    s.on('data', (d: Buffer) => {
      const data = d.toString('utf8');
      ctx.emit({ type: 'output', ref, stream, data });
      tail.push(...data.split('\n').filter((l) => l !== ''));
      if (tail.length > TAIL_LINES) tail.splice(0, tail.length - TAIL_LINES);
    });
    return s;
  };
  try {
    ctx.signal.throwIfAborted();
    const started = await startContainer(ctx.deps, id, { attach: { stdout: sink('stdout'), stderr: sink('stderr') } });
    const stop = () => { started.attach?.close(); };
    // the abort may have come while the container was starting
    if (ctx.signal.aborted) stop();
    else ctx.signal.addEventListener('abort', stop, { once: true });
    try {
      await started.attach?.done;
    } finally {
      ctx.signal.removeEventListener('abort', stop);
    }
    const { StatusCode } = await waitContainer(ctx.deps, id, 'not-running', ctx.signal);
    return { status: StatusCode, tail };
  } catch (err) {
    if (ctx.signal.aborted) throw new EngineError('CANCELED', 'build canceled', { cause: err });
    throw err;
  }
}
