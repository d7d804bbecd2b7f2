/** berth's registry settings file and docker's host rules (Hub names, credentials keys, plain HTTP). */
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_REGISTRY_CONFIG, loadRegistryConfig, parseRegistryConfig } from '../../../src/registry/config.js';
import { apiHost, authKey, isInsecure, splitHostPort, toHostname } from '../../../src/registry/endpoint.js';
import { serverKey } from '../../../src/registry/auth/login-flow.js';

describe('registry config', () => {
  it('reads docker daemon.json key names and berth\'s own; missing file means defaults', async () => {
    const root = await fsp.mkdtemp(join(tmpdir(), 'berth-cfg-'));
    try {
      expect(await loadRegistryConfig(root)).toEqual(DEFAULT_REGISTRY_CONFIG);
      await fsp.writeFile(join(root, 'config.json'), JSON.stringify({ 'insecure-registries': ['reg.lan:5000'], 'max-concurrent-downloads': 5, 'registry-stall-timeout': 2.5, other: true }));
      expect(await loadRegistryConfig(root)).toMatchObject({ insecureRegistries: ['reg.lan:5000'], maxConcurrentDownloads: 5, maxConcurrentUploads: 3, stallTimeoutMs: 2500 });
      await fsp.writeFile(join(root, 'config.json'), '{nope');
      await expect(loadRegistryConfig(root)).rejects.toThrow(/invalid configuration file .*config\.json/);
    } finally {
      await fsp.rm(root, { recursive: true, force: true });
    }
  });

  it('refuses bad values', () => {
    expect(() => parseRegistryConfig({ 'max-concurrent-uploads': 0 })).toThrow(/"max-concurrent-uploads" must be a number >= 1/);
    expect(() => parseRegistryConfig({ 'insecure-registries': 'x' })).toThrow(/must be a list of strings/);
  });
});

describe('endpoints', () => {
  it('maps Docker Hub to its API host and credentials key', () => {
    expect(apiHost('docker.io')).toBe('registry-1.docker.io');
    expect(apiHost('127.0.0.1:5000')).toBe('127.0.0.1:5000');
    expect(authKey('docker.io')).toBe('https://index.docker.io/v1/');
    expect(authKey('reg.example.com:443')).toBe('reg.example.com:443');
    expect(toHostname('https://reg.example.com:5000/v2/')).toBe('reg.example.com:5000');
    expect(splitHostPort('[::1]:5000')).toEqual({ host: '::1', port: '5000' });
  });

  it('allows plain HTTP for loopback, localhost and configured hosts or CIDRs only', async () => {
    const none = { insecureRegistries: [] };
    expect(await isInsecure('127.0.0.1:5000', none)).toBe(true);
    expect(await isInsecure('127.5.6.7', none)).toBe(true);
    expect(await isInsecure('[::1]:5000', none)).toBe(true);
    expect(await isInsecure('localhost:5000', none)).toBe(true);
    expect(await isInsecure('10.1.2.3:5000', none)).toBe(false);
    expect(await isInsecure('10.1.2.3:5000', { insecureRegistries: ['10.0.0.0/8'] })).toBe(true);
    expect(await isInsecure('reg.lan:5000', { insecureRegistries: ['reg.lan:5000'] })).toBe(true);
    expect(await isInsecure('reg.lan:5001', { insecureRegistries: ['reg.lan:5000'] })).toBe(false);
    expect(await isInsecure('no-such-host.invalid', none)).toBe(false);
  });

  it('keys login servers as docker does', () => {
    expect(serverKey(undefined)).toEqual({ key: 'https://index.docker.io/v1/', domain: 'docker.io' });
    expect(serverKey('docker.io')).toEqual({ key: 'https://index.docker.io/v1/', domain: 'docker.io' });
    expect(serverKey('https://index.docker.io/v1/')).toEqual({ key: 'https://index.docker.io/v1/', domain: 'docker.io' });
    expect(serverKey('http://127.0.0.1:5000/')).toEqual({ key: '127.0.0.1:5000', domain: '127.0.0.1:5000' });
  });
});
