/** Where a container's files live under the state root. */
import { join } from 'node:path';

export class ContainerPaths {
  constructor(readonly root: string) {}
  dir(id: string) { return join(this.root, 'containers', id); }
  /** The OCI bundle is the container dir: config.json, attach, ctl, pidfile live here. */
  bundle(id: string) { return this.dir(id); }
  rootfs(id: string) { return join(this.dir(id), 'rootfs'); }
  upper(id: string) { return join(this.dir(id), 'diff'); }
  work(id: string) { return join(this.dir(id), 'work'); }
  log(id: string) { return join(this.dir(id), 'ctr.log'); }
  exitDirs(id: string) { return { exitDir: join(this.dir(id), 'exits'), persistDir: join(this.dir(id), 'persist') }; }
  hostname(id: string) { return join(this.dir(id), 'hostname'); }
  hosts(id: string) { return join(this.dir(id), 'hosts'); }
  resolvConf(id: string) { return join(this.dir(id), 'resolv.conf'); }
  execDir(id: string, execId: string) { return join(this.dir(id), 'exec', execId); }
  lock(id: string) { return join(this.root, 'locks', `ctr-${id}.lock`); }
  get runcRoot() { return join(this.root, 'runc'); }
}
