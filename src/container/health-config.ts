/**
 * HEALTHCHECK semantics from dockerd (daemon/health.go, daemon/container.go): the probe's argv,
 * defaults, create-time validation, image/user merge, and how one probe result moves State.Health.
 * Durations are nanoseconds, as docker stores them.
 */
import type { HealthConfig } from '../oci/types.js';
import type { HealthState } from '../types/container.js';
import { invalid } from '../lib/errors.js';

export const HEALTH_DEFAULTS = { interval: 30e9, timeout: 30e9, startPeriod: 0, startInterval: 5e9, retries: 3 };
/** dockerd keeps the last 5 results and 4096 bytes of each probe's output. */
export const MAX_LOG_ENTRIES = 5;
export const MAX_OUTPUT = 4096;
const MINIMUM_NS = 1e6; // container.MinimumDuration (1 ms)

export type HealthResult = HealthState['Log'][number];

/** A configured probe (not absent, not NONE). */
export function hasHealthcheck(h: HealthConfig | undefined): h is HealthConfig & { Test: string[] } {
  return !!h?.Test?.length && h.Test[0] !== 'NONE';
}

/** CMD → its args; CMD-SHELL → the container's shell (default /bin/sh -c) plus the command. */
export function probeArgv(h: HealthConfig, shell?: string[]): string[] {
  const [kind, ...rest] = h.Test ?? [];
  if (kind === 'CMD' && rest.length) return rest;
  if (kind === 'CMD-SHELL' && rest.length) return [...(shell?.length ? shell : ['/bin/sh', '-c']), rest.join(' ')];
  throw invalid(`unknown healthcheck type '${kind ?? ''}' (expected 'CMD' or 'CMD-SHELL')`);
}

/** dockerd's verifyContainerSettings for Healthcheck (messages verbatim). */
export function validateHealthcheck(h: HealthConfig | undefined): void {
  if (!h) return;
  const min = (v: number | undefined, name: string) => {
    if (v && v < MINIMUM_NS) throw invalid(`${name} in Healthcheck cannot be less than 1ms`);
  };
  min(h.Interval, 'Interval');
  min(h.Timeout, 'Timeout');
  if ((h.Retries ?? 0) < 0) throw invalid('Retries in Healthcheck cannot be negative');
  min(h.StartPeriod, 'StartPeriod');
  min(h.StartInterval, 'StartInterval');
}

/** dockerd's merge: the user's config wins field by field, unset (zero) fields come from the image. */
export function mergeHealthcheck(user: HealthConfig | undefined, image: HealthConfig | undefined): HealthConfig | undefined {
  if (!user) return image;
  if (!image) return user;
  return {
    Test: user.Test?.length ? user.Test : image.Test,
    Interval: user.Interval || image.Interval, Timeout: user.Timeout || image.Timeout,
    StartPeriod: user.StartPeriod || image.StartPeriod, StartInterval: user.StartInterval || image.StartInterval,
    Retries: user.Retries || image.Retries,
  };
}

export function initialHealth(): HealthState {
  return { Status: 'starting', FailingStreak: 0, Log: [] };
}

/**
 * handleProbeResult: success → healthy and the streak resets; a failure counts unless the
 * container never was healthy and is still within its start period; `retries` failures in a row
 * → unhealthy. Returns the new state (the input is not changed).
 */
export function applyProbeResult(prev: HealthState | undefined, h: HealthConfig, result: HealthResult, startedAt: string): HealthState {
  const next: HealthState = { ...(prev ?? initialHealth()), Log: [...(prev?.Log ?? []), result].slice(-MAX_LOG_ENTRIES) };
  const retries = h.Retries && h.Retries > 0 ? h.Retries : HEALTH_DEFAULTS.retries;
  if (result.ExitCode === 0) {
    next.FailingStreak = 0;
    next.Status = 'healthy';
    return next;
  }
  const startPeriodMs = (h.StartPeriod || HEALTH_DEFAULTS.startPeriod) / 1e6;
  if (next.Status === 'starting' && Date.parse(result.Start) - Date.parse(startedAt) < startPeriodMs) return next;
  next.FailingStreak += 1;
  if (next.FailingStreak >= retries) next.Status = 'unhealthy';
  return next;
}

/** Go's time.Duration.String() for whole-ish values ("30s", "1.5s", "500ms", "1m30s"). */
export function goDuration(ns: number): string {
  if (ns === 0) return '0s';
  if (ns < 1e3) return `${ns}ns`;
  if (ns < 1e6) return `${trim(ns / 1e3)}µs`;
  if (ns < 1e9) return `${trim(ns / 1e6)}ms`;
  const h = Math.floor(ns / 3600e9);
  const m = Math.floor((ns % 3600e9) / 60e9);
  const s = (ns % 60e9) / 1e9;
  return `${h ? `${h}h` : ''}${h || m ? `${m}m` : ''}${trim(s)}s`;
}

const trim = (n: number) => String(Number(n.toFixed(9)));
