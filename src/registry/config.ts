/**
 * Registry settings from berth's config file, `<root>/config.json` (/var/lib/berth/config.json by
 * default). Keys are docker's daemon.json names where docker has one, so a daemon.json fragment
 * can be copied over:
 *
 *   {
 *     "insecure-registries": ["registry.lan:5000", "10.0.0.0/8"],   plain HTTP allowed (loopback always is)
 *     "max-concurrent-downloads": 3,                                  layers fetched at once per pull
 *     "max-concurrent-uploads": 3,                                    layers sent at once per push
 *     "max-download-attempts": 5,                                     tries per layer (resumed with Range)
 *     "registry-stall-timeout": 30,                                   berth's own: seconds without a byte
 *     "registry-retry-delay": 1                                       berth's own: seconds × attempt between tries
 *   }
 */
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { invalid } from '../lib/errors.js';

export interface RegistryConfig {
  insecureRegistries: string[];
  maxConcurrentDownloads: number;
  maxConcurrentUploads: number;
  maxDownloadAttempts: number;
  /** Milliseconds without progress (connect, headers or body) before a transfer fails. */
  stallTimeoutMs: number;
  /** Milliseconds between download attempts, multiplied by the attempt number (docker: 5 s). */
  retryDelayMs: number;
}

export const DEFAULT_REGISTRY_CONFIG: RegistryConfig = {
  insecureRegistries: [],
  maxConcurrentDownloads: 3,
  maxConcurrentUploads: 3,
  maxDownloadAttempts: 5,
  stallTimeoutMs: 30_000,
  retryDelayMs: 1_000,
};

export function configPath(root: string): string {
  return join(root, 'config.json');
}

/** Read `<root>/config.json`; a missing file means the defaults, a malformed one is an error. */
export async function loadRegistryConfig(root: string): Promise<RegistryConfig> {
  let text: string;
  try {
    text = await fsp.readFile(configPath(root), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { ...DEFAULT_REGISTRY_CONFIG };
    throw err;
  }
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text) as Record<string, unknown>;
  } catch (err) {
    throw invalid(`invalid configuration file ${configPath(root)}: ${(err as Error).message}`, err);
  }
  return parseRegistryConfig(raw, configPath(root));
}

export function parseRegistryConfig(raw: Record<string, unknown>, where = 'config'): RegistryConfig {
  const cfg = { ...DEFAULT_REGISTRY_CONFIG };
  const num = (key: string, min: number): number | undefined => {
    const v = raw[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min) throw invalid(`invalid configuration file ${where}: "${key}" must be a number >= ${min}`);
    return v;
  };
  const insecure = raw['insecure-registries'];
  if (insecure !== undefined) {
    if (!Array.isArray(insecure) || !insecure.every((s) => typeof s === 'string')) {
      throw invalid(`invalid configuration file ${where}: "insecure-registries" must be a list of strings`);
    }
    cfg.insecureRegistries = insecure as string[];
  }
  cfg.maxConcurrentDownloads = num('max-concurrent-downloads', 1) ?? cfg.maxConcurrentDownloads;
  cfg.maxConcurrentUploads = num('max-concurrent-uploads', 1) ?? cfg.maxConcurrentUploads;
  cfg.maxDownloadAttempts = num('max-download-attempts', 1) ?? cfg.maxDownloadAttempts;
  const stall = num('registry-stall-timeout', 0.001);
  if (stall !== undefined) cfg.stallTimeoutMs = Math.round(stall * 1000);
  const delay = num('registry-retry-delay', 0);
  if (delay !== undefined) cfg.retryDelayMs = Math.round(delay * 1000);
  return cfg;
}
