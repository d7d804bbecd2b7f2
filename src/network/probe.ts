/**
 * Is a host port free? Bound for a moment as a listener would (TCP listen / UDP bind): a host
 * service already on it would be shadowed by the DNAT, so it is refused like docker-proxy's failed
 * bind. Returns undefined when free, else Go's error text ("listen tcp4 0.0.0.0:80: bind: …").
 */
import { createServer } from 'node:net';
import { createSocket } from 'node:dgram';

const TEXT: Record<string, string> = { EADDRINUSE: 'address already in use', EADDRNOTAVAIL: 'cannot assign requested address', EACCES: 'permission denied' };

export function probePort(proto: string, hostIp: string, port: number): Promise<string | undefined> {
  const host = hostIp || '0.0.0.0';
  const describe = (err: NodeJS.ErrnoException) => `listen ${proto}4 ${host}:${port}: bind: ${TEXT[err.code ?? ''] ?? err.message}`;
  if (proto === 'sctp') return Promise.resolve(undefined); // Node cannot bind SCTP; nothing to probe with
  return new Promise((resolve) => {
    if (proto === 'udp') {
      const s = createSocket('udp4');
      s.once('error', (err) => { s.close(); resolve(describe(err)); });
      s.bind({ port, address: host, exclusive: true }, () => s.close(() => resolve(undefined)));
      return;
    }
    const srv = createServer();
    srv.once('error', (err: NodeJS.ErrnoException) => resolve(describe(err)));
    srv.listen({ port, host, exclusive: true }, () => srv.close(() => resolve(undefined)));
  });
}
