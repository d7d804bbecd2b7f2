/**
 * REPL lines the TUI runs itself rather than in a terminal tab: pull, push, login and build, so
 * their progress draws as bars and steps and a 401 can open the login prompt. Returns false for
 * anything else (and for forms only the CLI can serve), which then runs as `berth …` in a pty.
 */
import type { ParsedCommand } from '../launch.js';
import { buildOptionsOf, startBuild } from './build-task.js';
import { promptLogin, pullImage, pushImage, type RegistryDeps } from './registry-tasks.js';

export function runInProcess(parsed: ParsedCommand, line: string, deps: RegistryDeps, cwd: string): boolean {
  if (parsed.kind !== 'command') return false;
  const { flags, args } = parsed;
  switch (parsed.path.join(' ')) {
    case 'image pull':
      if (args.length !== 1) return false;
      pullImage(deps, args[0]!, { allTags: flags['all-tags'] === true, platform: typeof flags.platform === 'string' ? flags.platform : undefined });
      return true;
    case 'image push':
      if (args.length !== 1) return false;
      pushImage(deps, args[0]!, { allTags: flags['all-tags'] === true });
      return true;
    case 'login': {
      // --password-stdin reads the terminal: the CLI in a pty does that.
      if (flags['password-stdin'] === true || args.length > 1) return false;
      const server = args[0];
      const username = typeof flags.username === 'string' ? flags.username : undefined;
      const password = typeof flags.password === 'string' ? flags.password : undefined;
      if (username && password) {
        deps.engine.login(server, username, password).then(
          (r) => deps.notify(r.Status, 'success'),
          (err: unknown) => promptLogin(deps, { server, username, reason: `Login failed: ${err instanceof Error ? err.message : String(err)}` }),
        );
      } else promptLogin(deps, { server, username });
      return true;
    }
    case 'image build': {
      const b = buildOptionsOf(flags, args, cwd);
      if ('fallback' in b) return false;
      if ('error' in b) { deps.notify(b.error, 'error'); return true; }
      startBuild(deps, b.opts, line);
      return true;
    }
    default:
      return false;
  }
}
