/** Run the host's network tools (ip, nft, nsenter); their stderr becomes the error text. */
import { spawn } from 'node:child_process';
import { EngineError } from '../lib/errors.js';

export function runCmd(bin: string, args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    child.on('error', (e) => reject(new EngineError('UNAVAILABLE', `${bin}: ${e.message} (bridge networking needs iproute2, nftables and util-linux)`, { cause: e })));
    child.on('close', (code) => {
      if (code === 0) resolve(out);
      else reject(new EngineError('INTERNAL', `${bin} ${args.join(' ')}: ${err.trim() || `exit ${code}`}`, { detail: { stderr: err } }));
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? '');
  });
}
