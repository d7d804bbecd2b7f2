/**
 * The build engine's public shapes: what a build is asked to do (BuildOptions), what it reports
 * while it runs (BuildEvent, rendered by the CLI, the TUI and later the API server's JSON stream)
 * and what it leaves (BuildResult). Build-cache usage and prune results for `builder prune` and
 * `system df` live here too.
 */
import type { Readable } from 'node:stream';

export interface BuildOptions {
  /**
   * The build context: a directory path, a context tar stream (plain or gzip, as POST /build
   * receives it), or undefined for none (a Dockerfile from stdin with no context).
   */
  context?: string | Readable;
  /** The Dockerfile's path relative to the context ("Dockerfile" by default). */
  dockerfile?: string;
  /** The Dockerfile's text, when it does not come from the context (`-f -`, or outside it). */
  dockerfileText?: string;
  /** References to tag the result with, already validated by the caller (invalid → INVALID_ARGUMENT). */
  tags?: string[];
  buildArgs?: Record<string, string>;
  target?: string;
  noCache?: boolean;
  /** No registry yet: a missing base image is a clear error, a present one is used as it is. */
  pull?: boolean;
  /** `--label`: LABEL instructions appended to the last stage, as docker does. */
  labels?: Record<string, string>;
  /** Network of RUN containers: "default" (= bridge), "none", "host". */
  network?: string;
  /** Presentation only (the API server's q=1); the engine reports the same events either way. */
  quiet?: boolean;
  signal?: AbortSignal;
}

/** One step of the build: Step N/M, also identifying the stage (BuildKit's `[stage i/n]`). */
export interface StepRef {
  /** 1-based across the whole build, as the legacy builder numbers steps. */
  step: number;
  total: number;
  stage: string;
  /** 1-based within its stage, the FROM being 1. */
  stageStep: number;
  stageSteps: number;
}

export type BuildEvent =
  /** A step begins; `text` is the instruction as written ("RUN npm install"). */
  | { type: 'step'; ref: StepRef; text: string }
  /** A step whose result came from the cache. */
  | { type: 'cached'; ref: StepRef }
  /** A step that is executed: `reason` says why the cache did not serve it. */
  | { type: 'miss'; ref: StepRef; reason: string }
  /** "# Executing N build triggers" (ONBUILD of the base image). */
  | { type: 'triggers'; ref: StepRef; count: number }
  /** A RUN's intermediate container was created (" ---> Running in <id>"). */
  | { type: 'container'; ref: StepRef; id: string }
  /** Output of a RUN, as it arrives (chunks, not lines). */
  | { type: 'output'; ref: StepRef; stream: 'stdout' | 'stderr'; data: string }
  | { type: 'container-removed'; ref: StepRef; id: string }
  /** A step finished; `imageId` is the image it produced (or the base image for FROM). */
  | { type: 'step-done'; ref: StepRef; imageId: string; cached: boolean; durationMs: number }
  | { type: 'warning'; message: string }
  /** Informational lines docker prints ("Note: overriding previous HEALTHCHECK: …"). */
  | { type: 'note'; message: string }
  | { type: 'built'; imageId: string }
  | { type: 'tagged'; reference: string }
  /** The build failed; the same error rejects BuildHandle.result. */
  | { type: 'error'; message: string; exitCode?: number };

/** What the engine lends a build: a registry pull for base images that are not in the store. */
export interface BuildHooks {
  /** Pull `ref` (docker's pull), reporting progress lines; resolves with the image ID. */
  pull?: (ref: string, opts: { signal: AbortSignal; onStatus: (line: string) => void }) => Promise<string>;
}

export interface BuildResult {
  imageId: string;
  /** Familiar references the image was tagged with. */
  tags: string[];
  warnings: string[];
}

export interface BuildHandle {
  /** Every event once, in order; ends after the build ends (success or failure). */
  events: AsyncIterable<BuildEvent>;
  /** Resolves with the image, or rejects with an EngineError (CANCELED when aborted). */
  result: Promise<BuildResult>;
}

/** docker's BuildCache entry (GET /system/df), for the images the build cache holds. */
export interface BuildCacheEntry {
  ID: string;
  Parent: string;
  Parents: string[];
  Type: 'regular';
  Description: string;
  InUse: boolean;
  Shared: boolean;
  Size: number;
  CreatedAt: string;
  LastUsedAt: string;
  UsageCount: number;
}

export interface BuildCachePruneOptions {
  /** Also forget the cache of images that tagged images still descend from. */
  all?: boolean;
}

/** docker's BuildCachePruneReport. */
export interface BuildCachePruneResult {
  CachesDeleted: string[];
  SpaceReclaimed: number;
}
