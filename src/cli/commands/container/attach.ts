/** `attach`: connect the terminal to a running container; ctrl-p ctrl-q detaches and leaves it running. */
import type { CommandDef } from '../../command.js';
import { asString } from '../../util/io.js';
import { onResize, rawMode } from '../../util/terminal.js';
import { SIGNALS_TO_PROXY } from './signals.js';

export const attachCommand: CommandDef = {
  path: ['container', 'attach'], aliases: [['attach']], usage: '[OPTIONS] CONTAINER',
  description: "Attach local standard input, output, and error streams to a running container", args: { min: 1, max: 1 }, complete: 'container',
  flags: [
    { name: 'detach-keys', type: 'string', valueName: 'string', description: 'Override the key sequence for detaching a container' },
    { name: 'no-stdin', type: 'bool', description: 'Do not attach STDIN' },
    { name: 'sig-proxy', type: 'bool', default: true, description: 'Proxy all received signals to the process' },
  ],
  async run(ctx) {
    const engine = await ctx.engine();
    const info = await engine.inspectContainer(ctx.args[0]!);
    const tty = info.Config.Tty === true;
    const withStdin = ctx.flags['no-stdin'] !== true && info.Config.OpenStdin === true;
    let detached = false;
    const restore = tty && withStdin ? rawMode(ctx.io) : () => undefined;
    const proxy = !tty && ctx.flags['sig-proxy'] !== false;
    const forward = (sig: NodeJS.Signals) => { void engine.killContainer(info.Id, sig).catch(() => undefined); };
    if (proxy) for (const s of SIGNALS_TO_PROXY) process.on(s, forward);
    let stopResize = () => undefined as void;
    try {
      const handle = await engine.attachContainer(info.Id, {
        stdin: withStdin ? ctx.io.stdin : undefined, stdout: ctx.io.stdout, stderr: ctx.io.stderr,
        detachKeys: asString(ctx.flags['detach-keys']), onDetach: () => { detached = true; },
      });
      if (tty) stopResize = onResize(ctx.io, (r, c) => { void engine.resizeContainer(info.Id, r, c).catch(() => undefined); });
      const end = await handle.done;
      if (end === 'detached' || detached) return 0;
      return (await engine.waitContainer(info.Id, 'not-running')).StatusCode;
    } finally {
      stopResize();
      restore();
      if (proxy) for (const s of SIGNALS_TO_PROXY) process.off(s, forward);
    }
  },
};
