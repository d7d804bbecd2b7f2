// What the numbers were measured on: hardware, kernel, cgroup mode, file system of the temp
// dir, and the versions of every tool involved.
import { existsSync, readFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import { berthVersion, detectPeers } from './engines.mjs';
import { sh, versionOf } from './util.mjs';

function read(p) { try { return readFileSync(p, 'utf8'); } catch { return ''; } }

export function describeMachine(tmpDir) {
  const cpuinfo = read('/proc/cpuinfo');
  const model = /model name\s*:\s*(.*)/.exec(cpuinfo)?.[1]?.trim() ?? cpus()[0]?.model ?? '?';
  const osr = /PRETTY_NAME="?([^"\n]*)"?/.exec(read('/etc/os-release'))?.[1] ?? '?';
  const cg = sh(['stat', '-fc', '%T', '/sys/fs/cgroup']).stdout.trim();
  const cgroup = cg === 'cgroup2fs' ? 'v2 (unified)' : existsSync('/sys/fs/cgroup/unified') ? 'v1 + unified (hybrid)' : 'v1';
  const fs = tmpDir ? sh(['df', '--output=fstype', tmpDir]).stdout.trim().split('\n').pop() : '?';
  const memGiB = (totalmem() / 1024 ** 3).toFixed(1);
  const peers = detectPeers();
  const dockerCli = peers.docker ? versionOf([peers.docker, '--version']) : undefined;
  const tools = [
    ['berth', berthVersion()],
    ['node', process.version],
    ['runc', versionOf(['runc', '--version'])],
    ['conmon', versionOf(['conmon', '--version'])],
    ['podman', peers.podman ? versionOf([peers.podman, '--version']) : undefined],
    ['docker CLI', dockerCli ? `${dockerCli} (${peers.docker})` : undefined],
    ['dockerd', peers.dockerd ? versionOf([peers.dockerd, '--version']) : undefined],
    ['containerd', versionOf(['containerd', '--version'])],
    ['hyperfine', versionOf(['hyperfine', '--version'])],
  ];
  return {
    rows: [
      ['CPU', `${model}`],
      ['cores', String(cpus().length)],
      ['memory', `${memGiB} GiB`],
      ['OS', osr],
      ['kernel', release()],
      ['cgroups', cgroup],
      ['temp dir file system', fs],
      ['user', process.getuid?.() === 0 ? 'root' : `uid ${process.getuid?.()}`],
    ],
    tools: tools.map(([k, v]) => [k, v ?? 'not installed']),
  };
}
