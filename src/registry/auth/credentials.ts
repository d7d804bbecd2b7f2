/**
 * Where credentials for a registry live, as docker/cli decides (configfile GetCredentialsStore):
 * `credHelpers[<server>]`, else `credsStore`, else the `auths` map of config.json in plain text.
 * Server keys are docker's: `https://index.docker.io/v1/` for Docker Hub, host[:port] otherwise.
 */
import type { RegistryAuth } from '../../types/registry.js';
import { toHostname } from '../endpoint.js';
import { helperErase, helperGet, helperStore } from './cred-helper.js';
import {
  type DockerConfigFile, decodeAuth, dockerConfigDir, dockerConfigPath, encodeAuth, readDockerConfig, writeDockerConfig,
} from './docker-config.js';

/** Username a helper returns when the secret is an identity token. */
const TOKEN_USER = '<token>';

export class CredentialStore {
  readonly path: string;

  constructor(dir: string = dockerConfigDir()) {
    this.path = dockerConfigPath(dir);
  }

  private helperFor(cfg: DockerConfigFile, server: string): string | undefined {
    return cfg.credHelpers?.[server] || cfg.credsStore || undefined;
  }

  /** Stored credentials for a server key, or undefined. */
  async get(server: string): Promise<RegistryAuth | undefined> {
    const cfg = await readDockerConfig(this.path);
    const helper = this.helperFor(cfg, server);
    if (helper) {
      const c = await helperGet(helper, server);
      if (!c) return undefined;
      return c.Username === TOKEN_USER
        ? { identitytoken: c.Secret, serveraddress: server }
        : { username: c.Username, password: c.Secret, serveraddress: server };
    }
    let entry: DockerConfigFile['auths'][string] | undefined = cfg.auths[server];
    if (!entry) {
      // legacy keys ("https://host:5000/v1/") match by hostname, as docker's file store does
      const key = Object.keys(cfg.auths).find((k) => toHostname(k) === server);
      entry = key ? cfg.auths[key] : undefined;
    }
    if (!entry) return undefined;
    const out: RegistryAuth = { serveraddress: server };
    if (entry.auth) Object.assign(out, decodeAuth(entry.auth));
    if (entry.identitytoken) out.identitytoken = entry.identitytoken;
    if (entry.registrytoken) out.registrytoken = entry.registrytoken;
    return out.username || out.identitytoken || out.registrytoken ? out : undefined;
  }

  /**
   * Save credentials. Returns the config file's path when the password landed there in plain
   * text, for docker's "stored unencrypted" warning.
   */
  async store(server: string, auth: RegistryAuth): Promise<{ unencrypted?: string }> {
    const cfg = await readDockerConfig(this.path);
    const helper = this.helperFor(cfg, server);
    const username = auth.username ?? '';
    const password = auth.identitytoken ? '' : auth.password ?? '';
    if (helper) {
      await helperStore(helper, {
        ServerURL: server, Username: auth.identitytoken ? TOKEN_USER : username, Secret: auth.identitytoken ?? password,
      });
      // docker keeps an (empty) entry in the file so `auths` still lists the server
      cfg.auths[server] = {};
      await writeDockerConfig(this.path, cfg);
      return {};
    }
    const entry: DockerConfigFile['auths'][string] = {};
    const encoded = encodeAuth(username, password);
    if (encoded) entry.auth = encoded;
    if (auth.identitytoken) entry.identitytoken = auth.identitytoken;
    const prev = cfg.auths[server];
    if (prev && JSON.stringify(prev) === JSON.stringify(entry)) return {};
    cfg.auths[server] = entry;
    await writeDockerConfig(this.path, cfg);
    return password ? { unencrypted: this.path } : {};
  }

  /** Remove a server's credentials (helper and file); a server with none is not an error. */
  async erase(server: string): Promise<void> {
    const cfg = await readDockerConfig(this.path);
    const helper = this.helperFor(cfg, server);
    if (helper) await helperErase(helper, server);
    if (!(server in cfg.auths)) return;
    delete cfg.auths[server];
    await writeDockerConfig(this.path, cfg);
  }
}
