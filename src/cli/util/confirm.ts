/** docker's "Are you sure you want to continue? [y/N]" prompt; no TTY input means no. */
import { createInterface } from 'node:readline';
import type { CommandIO } from '../command.js';

export async function confirm(io: CommandIO, warning: string): Promise<boolean> {
  io.stdout.write(`${warning}\nAre you sure you want to continue? [y/N] `);
  const rl = createInterface({ input: io.stdin as NodeJS.ReadableStream, terminal: false });
  const answer = await new Promise<string>((res) => {
    rl.once('line', (l) => res(l));
    rl.once('close', () => res(''));
  });
  rl.close();
  return /^y$/i.test(answer.trim()); // docker accepts y or Y only
}
