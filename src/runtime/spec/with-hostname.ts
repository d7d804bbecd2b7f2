/** UTS hostname (docker: short container ID unless --hostname) and optional --domainname. */
import type { SpecOpt } from './types.js';

export function withHostname(hostname: string, domainname?: string): SpecOpt {
  return (s) => {
    s.hostname = hostname;
    if (domainname) s.domainname = domainname;
    else delete s.domainname;
  };
}
