/**
 * The instructions that change only the image config (moby's dispatchers.go): each updates the
 * stage's run config, then commits a config-only image whose probe Cmd is the `#(nop)` comment
 * docker writes — `ENV A=1`, `CMD ["node" "server.js"]`, `VOLUME [/data]`, `HEALTHCHECK &{…}`.
 */
import { invalid } from '../lib/errors.js';
import { signalNumber } from '../container/signals.js';
import type { Instruction, CommandLine } from './dockerfile/index.js';
import { processWord } from './dockerfile/index.js';
import type { BuildCtx, StepRef } from './build-ctx.js';
import { nopComment, shellOf } from './cache-key.js';
import { goHealthConfig, goList, goQuoteList } from './go-format.js';
import { exposedPorts } from './ports.js';
import type { StageState } from './stage-state.js';
import { cachedStep } from './step-commit.js';

/** resolveCmdLine: shell form gets the stage's SHELL in front. */
export function commandOf(state: StageState, cmd: CommandLine): string[] {
  return cmd.shell ? [...shellOf(state.config), ...cmd.args] : [...cmd.args];
}

/** Commit a config-only step with `comment` as its `#(nop)` message. */
export async function commitConfig(ctx: BuildCtx, state: StageState, ref: StepRef, instr: Instruction, comment: string): Promise<void> {
  const probe = { ...structuredClone(state.config), Cmd: nopComment(state.config, comment) };
  await cachedStep(ctx, state, ref, probe, { kind: instr.kind, source: instr.source }, async () => ({}));
}

/** Apply a config instruction (already expanded); returns the commit comment. */
export function applyConfig(ctx: BuildCtx, state: StageState, instr: Instruction): string {
  const c = state.config;
  switch (instr.kind) {
    case 'ENV':
      for (const p of instr.pairs) state.setEnv(p.key, p.value);
      return `ENV ${instr.pairs.map((p) => `${p.key}=${p.value}`).join(' ')}`;
    case 'LABEL':
      c.Labels = { ...(c.Labels ?? {}) };
      for (const p of instr.pairs) c.Labels[p.key] = p.value;
      return `LABEL ${instr.pairs.map((p) => `${p.key}=${p.value}`).join(' ')}`;
    case 'MAINTAINER':
      state.maintainer = instr.maintainer;
      return `MAINTAINER ${instr.maintainer}`;
    case 'USER':
      c.User = instr.user;
      return `USER ${instr.user}`;
    case 'VOLUME':
      c.Volumes = { ...(c.Volumes ?? {}) };
      for (const v of instr.paths) c.Volumes[v] = {};
      return `VOLUME ${goList(instr.paths)}`;
    case 'STOPSIGNAL':
      signalNumber(instr.signal);
      c.StopSignal = instr.signal;
      return `STOPSIGNAL ${instr.signal}`;
    case 'EXPOSE':
      c.ExposedPorts = { ...(c.ExposedPorts ?? {}) };
      for (const p of exposedPorts(instr.ports)) c.ExposedPorts[p] = {};
      return `EXPOSE ${instr.ports.join(' ')}`;
    case 'SHELL':
      c.Shell = [...instr.shell];
      return `SHELL ${goList(c.Shell)}`;
    case 'CMD': {
      const cmd = commandOf(state, instr.cmd);
      // the image config omits an empty Cmd/Entrypoint (omitempty), as docker's does
      if (cmd.length) c.Cmd = cmd; else delete c.Cmd;
      if (instr.cmd.args.length) state.cmdSet = true;
      return `CMD ${goQuoteList(cmd)}`;
    }
    case 'ENTRYPOINT': {
      const ep = commandOf(state, instr.cmd);
      if (ep.length) c.Entrypoint = ep; else delete c.Entrypoint;
      if (!state.cmdSet) delete c.Cmd;
      return `ENTRYPOINT ${goQuoteList(ep)}`;
    }
    case 'HEALTHCHECK': {
      const old = c.Healthcheck?.Test;
      if (old?.length && old[0] !== 'NONE') ctx.emit({ type: 'note', message: `Note: overriding previous HEALTHCHECK: ${goList(old)}` });
      c.Healthcheck = structuredClone(instr.health);
      return `HEALTHCHECK ${goHealthConfig(c.Healthcheck)}`;
    }
    case 'ONBUILD':
      c.OnBuild = [...(c.OnBuild ?? []), instr.expression];
      return `ONBUILD ${instr.expression}`;
    case 'ARG': {
      // the message shows each default as the file wrote it, expanded with what was visible before
      const text = instr.args.map((a) => (a.value === undefined ? a.key : `${a.key}=${processWord(a.value, state.vars, { escape: ctx.escape })}`));
      state.vars.declare(instr);
      return `ARG ${text.join(' ')}`;
    }
    default:
      throw invalid(`${instr.kind} is not a config instruction`);
  }
}
