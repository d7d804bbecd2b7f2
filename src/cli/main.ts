/**
 * Process entry for bin/berth.js: wires process streams, signals and the lazily imported engine
 * into runCli and sets process.exitCode. Nothing heavy is imported here at top level, so
 * `berth --help` and `berth -v` never load the store, tar or runtime code.
 */
import type { CommandIO } from './command.js';
import type { Engine } from '../engine/engine.js';
import type { GlobalOptions } from './global-flags.js';
import { EngineError, isEngineError } from '../lib/errors.js';
import { runCli } from './run-cli.js';
import type { TuiOpener } from './tui-hook.js';

async function createEngine(opts: GlobalOptions, connect?: import('./command.js').EngineConnector): Promise<Engine> {
  // -H / DOCKER_HOST: the remote engine (src/api/client), injected so the CLI never imports it.
  if (opts.host) {
    if (!connect) throw new EngineError('NOT_IMPLEMENTED', `remote engines (--host ${opts.host}) are not available from this entry point`);
    // The client loads unbundled beside this bundle: its errors come back in our EngineError class.
    const mapError = (e: unknown) => {
      if (e instanceof EngineError || !isEngineError(e)) return e;
      const { code, message, detail } = e as EngineError;
      return new EngineError(code, message, { cause: e, detail });
    };
    return connect(opts.host, { mapError });
  }
  const { createEngine: create } = await import('../engine/create-engine.js');
  return create({ root: opts.root, logLevel: opts.logLevel });
}

/** `entry.openTui` comes from bin/berth.js, which loads the TUI only when it is opened. */
export async function main(argv: string[], entry: { openTui?: TuiOpener; openServer?: import('./command.js').ServerOpener; connectEngine?: import('./command.js').EngineConnector } = {}): Promise<void> {
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  let signals = 0;
  const onSignal = (sig: NodeJS.Signals) => {
    signals++;
    if (signals === 1) {
      received = sig;
      controller.abort(new EngineError('CANCELED', `received ${sig}`));
    } else if (signals >= 3) {
      // docker's escape hatch for a verb that ignores cancellation.
      process.stderr.write('\ngot 3 SIGTERM/SIGINTs, forcefully exiting\n');
      process.exit(1);
    }
  };
  // A closed pipe (`berth images | head -1`) ends a Go CLI by SIGPIPE; here it cancels the verb
  // and exits 141 instead of crashing on an unhandled 'error' event.
  const onStdoutError = (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') throw err;
    received ??= 'SIGPIPE';
    controller.abort(new EngineError('CANCELED', 'broken pipe'));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.stdout.on('error', onStdoutError);
  const io: CommandIO = {
    // Lazy: creating process.stdin is wasted work for the many verbs that never read it.
    get stdin() { return process.stdin; },
    stdout: process.stdout, stderr: process.stderr, env: process.env,
  };
  // If the event loop drains while a verb is still pending (a promise nothing will settle), Node
  // would exit 0 silently; report it as the internal error it is instead.
  const stalled = () => {
    process.stderr.write('berth: internal error: the operation stopped without completing\n');
    process.exitCode = 125;
  };
  process.once('beforeExit', stalled);
  try {
    process.exitCode = await runCli(argv, {
      io, signal: controller.signal, receivedSignal: () => received, createEngine: (o) => createEngine(o, entry.connectEngine),
      openTui: entry.openTui, openServer: entry.openServer, self: [process.execPath, process.argv[1] ?? 'berth'],
    });
  } finally {
    process.off('beforeExit', stalled);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
