/**
 * `login [SERVER]` (-u, -p, --password-stdin) as docker/cli runs it: flag checks, stored
 * credentials tried first when none are given, prompts on a terminal, then the check against the
 * registry and the store; docker's warnings and "Login Succeeded".
 */
import type { CommandContext, CommandDef } from '../../command.js';
import { CliError } from '../../exit.js';
import { asString } from '../../util/io.js';
import { isEngineError } from '../../../lib/errors.js';
import type { LoginResult } from '../../../types/registry.js';
import { readInput } from './login-prompt.js';

const HUB = 'https://index.docker.io/v1/';
const REGISTER_SUGGEST = "Log in with your Docker ID or email address to push and pull images from Docker Hub. If you don't have a Docker ID, head over to https://hub.docker.com/ to create one.";

export const loginCommand: CommandDef = {
  path: ['login'],
  usage: '[OPTIONS] [SERVER]',
  description: 'Authenticate to a registry',
  args: { max: 1 },
  complete: 'none',
  flags: [
    { name: 'password', short: 'p', type: 'string', valueName: 'string', description: 'Password or Personal Access Token (PAT)' },
    { name: 'password-stdin', type: 'bool', description: 'Take the Password or Personal Access Token (PAT) from stdin' },
    { name: 'username', short: 'u', type: 'string', valueName: 'string', description: 'Username' },
  ],
  run: (ctx) => runLogin(ctx),
};

function checkFlags(ctx: CommandContext): void {
  const changed = (f: string) => ctx.changed?.has(f) ?? ctx.flags[f] !== undefined;
  if (ctx.flags['password-stdin'] === true) {
    if (changed('password')) throw new CliError('conflicting options: cannot specify both --password and --password-stdin');
    if (!changed('username')) throw new CliError('the --password-stdin option requires --username to be set');
  }
  if (changed('username') && !asString(ctx.flags.username)) throw new CliError('username is empty');
  if (changed('password') && !asString(ctx.flags.password)) throw new CliError('password is empty');
}

async function readStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  let s = '';
  for await (const c of stdin) s += typeof c === 'string' ? c : (c as Buffer).toString('utf8');
  return s.replace(/\n$/, '').replace(/\r$/, '');
}

async function runLogin(ctx: CommandContext): Promise<number> {
  checkFlags(ctx);
  const { io } = ctx;
  let user = asString(ctx.flags.username) ?? '';
  let password = asString(ctx.flags.password) ?? '';
  if (password) io.stderr.write('WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n');
  if (ctx.flags['password-stdin'] === true) password = await readStdin(io.stdin);
  const server = ctx.args[0];
  const hub = !server || server === 'docker.io' || server === HUB;
  const engine = await ctx.engine();
  let defaultUser = '';
  if (!user && !password) {
    const stored = await engine.storedAuth(server).catch(() => undefined);
    defaultUser = stored?.username ?? '';
    if (stored?.username && stored.password) {
      io.stderr.write(`Authenticating with existing credentials... [Username: ${stored.username}]\n`);
      io.stderr.write("\n Info -> To login with a different account, run 'docker logout' followed by 'docker login'\n\n\n");
      try {
        return done(ctx, await engine.login(server, stored.username, stored.password, { signal: ctx.signal }));
      } catch (err) {
        if (!isEngineError(err) || err.code === 'CANCELED') throw err;
        io.stderr.write(err.code === 'UNAUTHENTICATED' ? 'Stored credentials invalid or expired\n' : `Login did not succeed, error: ${err.message}\n`);
      }
    }
  }
  if ((!user || !password) && !io.stdin.isTTY) throw new CliError('Error: Cannot perform an interactive login from a non TTY device');
  ({ user, password } = await prompt(ctx, user, password, defaultUser, hub));
  return done(ctx, await engine.login(server, user, password, { signal: ctx.signal }));
}

async function prompt(ctx: CommandContext, user: string, password: string, defaultUser: string, hub: boolean) {
  const { io } = ctx;
  user = user.trim();
  if (!user) {
    if (hub) io.stdout.write(`${REGISTER_SUGGEST}\n`);
    user = (await readInput(io, defaultUser ? `Username (${defaultUser}): ` : 'Username: ', true)).trim() || defaultUser;
    if (!user) throw new CliError('Error: Non-null Username Required');
  }
  password = password.trim();
  if (!password) {
    password = await readInput(io, 'Password: ', false);
    io.stdout.write('\n');
    if (!password) throw new CliError('Error: Password Required');
  }
  return { user, password };
}

function done(ctx: CommandContext, res: LoginResult): number {
  if (res.storedUnencrypted) {
    ctx.io.stderr.write(`\nWARNING! Your credentials are stored unencrypted in '${res.storedUnencrypted}'.\nConfigure a credential helper to remove this warning. See\nhttps://docs.docker.com/go/credential-store/\n\n`);
  }
  ctx.io.stdout.write(`${res.Status}\n`);
  return 0;
}
