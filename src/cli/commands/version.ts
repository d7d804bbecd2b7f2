/**
 * `berth version`: docker's layout (cli/command/system/version.go defaultVersionTemplate) with
 * "Go version" reading "Node version" for berth's own parts. The client section is printed before
 * the engine is asked, so a broken engine still shows it, then fails like docker (exit 1).
 */
import type { CommandDef } from '../command.js';
import type { EngineVersion } from '../../engine/types.js';
import { API_VERSION, buildInfo } from '../build-info.js';

/** docker's `version` data shape, kept whole so a --format template can be added on top of it. */
export interface ClientVersion {
  Version: string;
  ApiVersion: string;
  DefaultAPIVersion: string;
  NodeVersion: string;
  GitCommit: string;
  BuildTime: string;
  Os: string;
  Arch: string;
}

export function clientVersion(): ClientVersion {
  const b = buildInfo();
  return {
    Version: b.version, ApiVersion: API_VERSION, DefaultAPIVersion: API_VERSION, NodeVersion: process.version,
    GitCommit: b.gitCommit, BuildTime: b.built, Os: b.os, Arch: b.arch,
  };
}

/** Go's tabwriter as docker configures it (minwidth 20, padding 1), for one tab per line. */
export function alignTabs(text: string): string {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length;) {
    let j = i;
    while (j < lines.length && lines[j]!.includes('\t')) j++;
    if (j === i) { i++; continue; }
    const width = Math.max(20, ...lines.slice(i, j).map((l) => l.indexOf('\t') + 1));
    for (let k = i; k < j; k++) {
      const tab = lines[k]!.indexOf('\t');
      lines[k] = lines[k]!.slice(0, tab).padEnd(width) + lines[k]!.slice(tab + 1);
    }
    i = j;
  }
  return lines.join('\n');
}

export function renderClient(c: ClientVersion): string {
  const api = c.ApiVersion === c.DefaultAPIVersion ? c.ApiVersion : `${c.ApiVersion} (downgraded from ${c.DefaultAPIVersion})`;
  return alignTabs(`Client:\n Version:\t${c.Version}\n API version:\t${api}\n Node version:\t${c.NodeVersion}\n` +
    ` Git commit:\t${c.GitCommit}\n Built:\t${c.BuildTime}\n OS/Arch:\t${c.Os}/${c.Arch}`);
}

export function renderServer(s: EngineVersion): string {
  const components = s.Components.length > 0 ? s.Components : [{ Name: 'Engine', Version: s.Version, Details: {} }];
  let out = 'Server:';
  for (const comp of components) {
    const d = comp.Details ?? {};
    out += `\n ${comp.Name}:`;
    if (comp.Name === 'Engine') {
      // A remote docker daemon reports its Go version; berth's embedded engine runs on this Node.
      const runtime = d.GoVersion ?? s.GoVersion ?? process.version;
      out += `\n  Version:\t${comp.Version}` +
        `\n  API version:\t${d.ApiVersion ?? s.ApiVersion} (minimum version ${d.MinAPIVersion ?? s.MinAPIVersion})` +
        `\n  ${runtime.startsWith('go') ? 'Go' : 'Node'} version:\t${runtime}` +
        `\n  Git commit:\t${d.GitCommit ?? s.GitCommit}\n  Built:\t${d.BuildTime ?? s.BuildTime}` +
        `\n  OS/Arch:\t${d.Os ?? s.Os}/${d.Arch ?? s.Arch}\n  Experimental:\t${d.Experimental ?? 'false'}`;
    } else {
      out += `\n  Version:\t${comp.Version}`;
      for (const k of Object.keys(d).sort()) out += `\n  ${k}:\t${d[k]}`;
    }
  }
  return alignTabs(out);
}

export const versionCommand: CommandDef = {
  path: ['version'],
  usage: '[OPTIONS]',
  description: 'Show the berth version information',
  args: { max: 0 },
  // TODO(--format): docker's `-f, --format string` (json / Go template over {Client, Server}) once
  // src/cli/format exposes compileTemplate; the data shapes above are ready for it.
  flags: [],
  async run(ctx) {
    ctx.io.stdout.write(renderClient(clientVersion()) + '\n');
    const engine = await ctx.engine();
    ctx.io.stdout.write('\n' + renderServer(await engine.version()) + '\n');
    return 0;
  },
};
