/** `info` and `version` facts about this host and engine. */
import os from 'node:os';
import { existsSync, readFileSync } from 'node:fs';
import type { EngineVersion, SystemInfo } from './types.js';
import type { ImageStore } from '../image/image-store.js';
import { BERTH_VERSION, API_VERSION, MIN_API_VERSION } from './version.js';

function osName(): string {
  try {
    const m = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readFileSync('/etc/os-release', 'utf8'));
    return m?.[1] ?? 'Linux';
  } catch { return 'Linux'; }
}

const cgroupVersion = () => (existsSync('/sys/fs/cgroup/cgroup.controllers') ? '2' : '1');

/** Container states for `info`: paused ones count as paused, not running (docker's counters). */
export interface ContainerCounts { running: number; paused: number; stopped: number }

export async function systemInfo(root: string, images: ImageStore, ctrs: ContainerCounts = { running: 0, paused: 0, stopped: 0 }): Promise<SystemInfo> {
  const imgs = await images.meta.images.keys();
  return {
    ID: '', Containers: ctrs.running + ctrs.paused + ctrs.stopped, ContainersRunning: ctrs.running, ContainersPaused: ctrs.paused,
    ContainersStopped: ctrs.stopped, Images: imgs.length,
    Driver: 'overlay2', DriverStatus: [['Backing Filesystem', 'extfs']],
    DockerRootDir: root, KernelVersion: os.release(), OperatingSystem: osName(), OSType: 'linux',
    OSVersion: '', Architecture: os.machine(), NCPU: os.cpus().length, MemTotal: os.totalmem(), Name: os.hostname(),
    ServerVersion: BERTH_VERSION, DefaultRuntime: 'runc', Runtimes: { runc: { path: 'runc' } },
    CgroupDriver: 'cgroupfs', CgroupVersion: cgroupVersion(), LoggingDriver: 'k8s-file',
    SecurityOptions: ['name=seccomp,profile=builtin'], IndexServerAddress: 'https://index.docker.io/v1/',
    Labels: [], ExperimentalBuild: false, LiveRestoreEnabled: true, Warnings: [],
  };
}

export async function systemVersion(): Promise<EngineVersion> {
  return {
    Version: BERTH_VERSION, ApiVersion: API_VERSION, MinAPIVersion: MIN_API_VERSION, Os: 'linux',
    Arch: os.arch() === 'x64' ? 'amd64' : os.arch(), KernelVersion: os.release(), GitCommit: 'berth', BuildTime: '',
    Components: [{ Name: 'Engine', Version: BERTH_VERSION, Details: { ApiVersion: API_VERSION, MinAPIVersion: MIN_API_VERSION, Os: 'linux', Arch: os.arch() === 'x64' ? 'amd64' : os.arch(), KernelVersion: os.release() } }],
  };
}
