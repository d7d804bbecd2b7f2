/**
 * The parsed Dockerfile. Values are *raw* (as written, quotes included) wherever docker expands
 * variables later: call expandInstruction (expand.ts) before using them, even when no variable
 * is involved, because quote removal happens there too (as in docker's ProcessWord).
 */
import type { HealthConfig } from '../../oci/types.js';

export type EscapeToken = '\\' | '`';

export interface SourceLocation {
  /** 1-based line of the instruction keyword. */
  line: number;
  /** 1-based column of the keyword on that line. */
  column: number;
  /** Last line the instruction covers (continuations and heredoc bodies included). */
  endLine: number;
}

interface Base {
  /** The keyword as written ("run", "Copy", ...). */
  keyword: string;
  location: SourceLocation;
  /** The logical line (continuations joined), trimmed: docker's "original" text. */
  source: string;
}

export interface KeyValue {
  key: string;
  value: string;
  /** Written in the legacy `ENV KEY value` form (no `=`). */
  legacy: boolean;
}

export interface ArgDecl {
  key: string;
  /** Undefined for `ARG NAME` without a default. */
  value?: string;
}

/** A heredoc attached to RUN/CMD-like instructions: passed to the shell, never expanded here. */
export interface HeredocFile {
  name: string;
  data: string;
  /** `<<-`: leading tabs are stripped from the body (see chompHeredoc). */
  chomp: boolean;
  /** False when the delimiter was quoted (`<<"EOF"`). */
  expand: boolean;
  /** Descriptor prefix, e.g. 3 for `3<<EOF`; 0 when absent. */
  fd: number;
}

/** A heredoc used as a COPY/ADD source; `data` is already chomped for `<<-`. */
export interface InlineSource {
  name: string;
  data: string;
  expand: boolean;
}

export interface CommandLine {
  /** Exec form: the JSON array. Shell form: a single string (the rest of the line). */
  args: string[];
  /** Shell form: the builder prepends the stage's SHELL (default /bin/sh -c). */
  shell: boolean;
  files: HeredocFile[];
}

export type MountType = 'bind' | 'cache' | 'tmpfs' | 'secret' | 'ssh';
export type MountSharing = 'shared' | 'private' | 'locked';

/** One `RUN --mount=...` (BuildKit's Mount). Represented in full; the builder decides support. */
export interface RunMount {
  type: MountType;
  from?: string;
  source?: string;
  target?: string;
  readOnly: boolean;
  /** tmpfs size in bytes. */
  sizeLimit?: number;
  cacheId?: string;
  sharing?: MountSharing;
  required: boolean;
  env?: string;
  mode?: number;
  uid?: number;
  gid?: number;
}

export type Instruction =
  | FromInstruction | ArgInstruction | EnvInstruction | LabelInstruction | MaintainerInstruction
  | WorkdirInstruction | UserInstruction | StopSignalInstruction | ExposeInstruction | VolumeInstruction
  | CopyInstruction | AddInstruction | RunInstruction | CmdInstruction | EntrypointInstruction
  | ShellInstruction | HealthcheckInstruction | OnbuildInstruction;

export type InstructionKind = Instruction['kind'];

export interface FromInstruction extends Base { kind: 'FROM'; image: string; name?: string; platform?: string }
export interface ArgInstruction extends Base { kind: 'ARG'; args: ArgDecl[] }
export interface EnvInstruction extends Base { kind: 'ENV'; pairs: KeyValue[] }
export interface LabelInstruction extends Base { kind: 'LABEL'; pairs: KeyValue[] }
export interface MaintainerInstruction extends Base { kind: 'MAINTAINER'; maintainer: string }
export interface WorkdirInstruction extends Base { kind: 'WORKDIR'; path: string }
export interface UserInstruction extends Base { kind: 'USER'; user: string }
export interface StopSignalInstruction extends Base { kind: 'STOPSIGNAL'; signal: string }
/** Ports as written (sorted, as docker sorts them); expansion may split one into several. */
export interface ExposeInstruction extends Base { kind: 'EXPOSE'; ports: string[] }
export interface VolumeInstruction extends Base { kind: 'VOLUME'; paths: string[] }

interface CopyLike {
  sources: string[];
  inline: InlineSource[];
  dest: string;
  chown?: string;
  chmod?: string;
  /** --link is accepted and recorded; berth treats it as a no-op. */
  link: boolean;
  excludes: string[];
}

export interface CopyInstruction extends Base, CopyLike { kind: 'COPY'; from?: string; parents: boolean }
export interface AddInstruction extends Base, CopyLike {
  kind: 'ADD';
  checksum?: string;
  keepGitDir?: boolean;
  unpack?: boolean;
}

export interface RunInstruction extends Base {
  kind: 'RUN';
  cmd: CommandLine;
  /**
   * Specs without variables are parsed in full; those with `$` have only `from` read (values
   * may use variables). Errors surface from expandInstruction, which re-parses mountSpecs into
   * complete, validated mounts, as docker validates them when the RUN is dispatched.
   */
  mounts: RunMount[];
  /** The raw --mount values. */
  mountSpecs: string[];
  network: 'default' | 'none' | 'host';
  security: 'sandbox' | 'insecure';
  devices: string[];
  /** Flag names given (e.g. ["mount", "network"]). */
  flagsUsed: string[];
}

export interface CmdInstruction extends Base { kind: 'CMD'; cmd: CommandLine }
/** An empty exec form (`ENTRYPOINT []`) resets the entrypoint (docker stores null). */
export interface EntrypointInstruction extends Base { kind: 'ENTRYPOINT'; cmd: CommandLine }
export interface ShellInstruction extends Base { kind: 'SHELL'; shell: string[] }
/** `health.Test` is ["NONE"], ["CMD", ...] or ["CMD-SHELL", text]; durations in nanoseconds. */
export interface HealthcheckInstruction extends Base { kind: 'HEALTHCHECK'; health: HealthConfig }
/** `expression` is what docker stores in the image's OnBuild list. */
export interface OnbuildInstruction extends Base { kind: 'ONBUILD'; expression: string; trigger: string }

export interface Stage {
  index: number;
  /** Lower-cased `AS` name. */
  name?: string;
  from: FromInstruction;
  /** The instructions after FROM. */
  instructions: Instruction[];
}

export interface ParseWarning {
  message: string;
  line: number;
}

export interface Dockerfile {
  file: string;
  escape: EscapeToken;
  /** `# syntax=` (recorded only: berth always uses its own frontend). */
  syntax?: string;
  directives: Record<string, string>;
  /** ARG instructions before the first FROM (usable in FROM lines). */
  metaArgs: ArgInstruction[];
  stages: Stage[];
  warnings: ParseWarning[];
}
