/** Exec sessions in the Docker Engine API's terms (POST /containers/{id}/exec, /exec/{id}/…). */
import type { AttachStreams } from './container.js';

/** POST /containers/{id}/exec body (docker's ExecOptions). */
export interface ExecCreateRequest {
  Cmd: string[];
  Env?: string[] | null;
  User?: string;
  WorkingDir?: string;
  Tty?: boolean;
  AttachStdin?: boolean;
  AttachStdout?: boolean;
  AttachStderr?: boolean;
  Privileged?: boolean;
  /** docker's detach keys spec; empty = the default (ctrl-p,ctrl-q). */
  DetachKeys?: string;
  /** [rows, cols] for the exec's pty. */
  ConsoleSize?: [number, number] | null;
}

/** POST /exec/{id}/start: detach, or attach the streams before the process runs. */
export interface ExecStartOptions {
  detach?: boolean;
  attach?: AttachStreams;
  /** Overrides the create request's ConsoleSize. */
  consoleSize?: [number, number] | null;
}

/** GET /exec/{id}/json */
export interface ExecInspect {
  ID: string;
  Running: boolean;
  /** null until the process has exited. */
  ExitCode: number | null;
  ProcessConfig: { privileged: boolean; user: string; tty: boolean; entrypoint: string; arguments: string[] };
  OpenStdin: boolean;
  OpenStderr: boolean;
  OpenStdout: boolean;
  CanRemove: boolean;
  ContainerID: string;
  DetachKeys: string;
  Pid: number;
}
