/**
 * docker's login prompts (cli/internal/prompt): "Username: " with echo, "Password: " without.
 * The password is read in raw mode so nothing is echoed; backspace edits, ctrl-c cancels.
 */
import type { CommandIO } from '../../command.js';
import { EngineError } from '../../../lib/errors.js';

type TtyIn = NodeJS.ReadStream & { setRawMode?: (raw: boolean) => unknown; isRaw?: boolean };

export async function readInput(io: CommandIO, prompt: string, echo: boolean): Promise<string> {
  io.stdout.write(prompt);
  const stdin = io.stdin as TtyIn;
  const raw = !echo && stdin.isTTY === true && typeof stdin.setRawMode === 'function';
  const wasRaw = stdin.isRaw === true;
  if (raw) stdin.setRawMode!(true);
  try {
    return await new Promise<string>((resolve, reject) => {
      let line = '';
      const done = (fn: () => void) => {
        stdin.off('data', onData);
        stdin.off('end', onEnd);
        stdin.pause();
        fn();
      };
      const onEnd = () => done(() => resolve(line));
      const onData = (d: Buffer | string) => {
        for (const ch of typeof d === 'string' ? d : d.toString('utf8')) {
          if (ch === '\r' || ch === '\n') return done(() => resolve(line));
          if (raw && ch === '\u0003') return done(() => reject(new EngineError('CANCELED', 'login canceled')));
          if (raw && (ch === '\u007f' || ch === '\b')) { line = [...line].slice(0, -1).join(''); continue; }
          line += ch;
        }
      };
      stdin.on('data', onData);
      stdin.on('end', onEnd);
      stdin.resume();
    });
  } finally {
    if (raw) stdin.setRawMode!(wasRaw);
  }
}
