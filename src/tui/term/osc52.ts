/**
 * Clipboard over the terminal: OSC 52 asks the terminal emulator (not this host) to set its
 * clipboard, so a yank works over SSH. tmux swallows unknown OSCs unless they are wrapped in a DCS
 * passthrough (`\ePtmux;` … `\e\\`, with every ESC inside doubled).
 */

export function osc52(text: string, env: NodeJS.ProcessEnv = process.env): string {
  const seq = `\x1b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\x07`;
  if (!env.TMUX) return seq;
  return `\x1bPtmux;${seq.replace(/\x1b/g, '\x1b\x1b')}\x1b\\`;
}

export interface Writable { write(s: string): unknown }

/** Where yanks go; tests swap it for a recorder (the TTY in the real app). */
export const clipboardOut: { stream: Writable } = { stream: process.stdout };

/** Sends `text` to the terminal's clipboard. */
export function yank(text: string, env: NodeJS.ProcessEnv = process.env): void {
  clipboardOut.stream.write(osc52(text, env));
}
