/**
 * tcp:// with TLS client certificates, as the docker CLI reads them (DOCKER_TLS_VERIFY,
 * DOCKER_CERT_PATH with ca.pem, cert.pem, key.pem). Certificates are made with openssl here; a
 * small TLS-terminating proxy that demands a client certificate forwards to berth serve's socket.
 */
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect as netConnect } from 'node:net';
import { join } from 'node:path';
import { createServer, type Server } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectEngine } from '../../../src/api/client/index.js';
import { BERTH } from '../../helpers/cli.js';
import { skipServe, startServe, type Served } from '../../helpers/serve.js';
import { Collect, codeOf, needsDist } from './support.js';

const openssl = (dir: string, args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });

/** A CA, a server certificate for 127.0.0.1 and a client certificate, all signed by that CA. */
function makeCerts(dir: string, ca = 'ca'): void {
  const key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(dir, ['req', '-x509', ...key, '-keyout', `${ca}-key.pem`, '-out', `${ca}.pem`, '-days', '2', '-subj', `/CN=${ca}`]);
  writeFileSync(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  writeFileSync(join(dir, 'client.ext'), 'extendedKeyUsage=clientAuth\n');
  for (const who of ['server', 'client']) {
    openssl(dir, ['req', ...key, '-keyout', `${who}-key.pem`, '-out', `${who}.csr`, '-subj', `/CN=${who}`]);
    openssl(dir, ['x509', '-req', '-in', `${who}.csr`, '-CA', `${ca}.pem`, '-CAkey', `${ca}-key.pem`, '-CAcreateserial',
      '-out', `${who}-cert.pem`, '-days', '2', '-extfile', `${who}.ext`]);
  }
}

describe.skipIf(skipServe || !!needsDist)(`remote engine over tcp:// with TLS client certificates${needsDist}`, () => {
  let s: Served;
  let proxy: Server;
  let host: string;
  let certs: string;
  const open = new Set<import('node:net').Socket>();

  beforeAll(async () => {
    s = await startServe('berth-remote-tls-');
    const dir = join(s.root, 'pki');
    mkdirSync(dir);
    makeCerts(dir);
    // what a client keeps in DOCKER_CERT_PATH
    certs = join(s.root, 'client-certs');
    mkdirSync(certs);
    copyFileSync(join(dir, 'ca.pem'), join(certs, 'ca.pem'));
    copyFileSync(join(dir, 'client-cert.pem'), join(certs, 'cert.pem'));
    copyFileSync(join(dir, 'client-key.pem'), join(certs, 'key.pem'));
    proxy = createServer({
      key: readFileSync(join(dir, 'server-key.pem')), cert: readFileSync(join(dir, 'server-cert.pem')),
      ca: readFileSync(join(dir, 'ca.pem')), requestCert: true, rejectUnauthorized: true,
      // a client that attaches without stdin half-closes at once; output must still come back
      allowHalfOpen: true,
    }, (tlsSocket) => {
      open.add(tlsSocket);
      tlsSocket.on('close', () => open.delete(tlsSocket));
      const upstream = netConnect({ path: s.sock, allowHalfOpen: true });
      tlsSocket.pipe(upstream).pipe(tlsSocket);
      tlsSocket.on('error', () => upstream.destroy());
      upstream.on('error', () => tlsSocket.destroy());
    });
    proxy.on('tlsClientError', () => undefined);
    // with allowHalfOpen a failed handshake's socket stays open until destroyed
    proxy.on('connection', (raw) => { open.add(raw); raw.on('close', () => open.delete(raw)); });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    host = `tcp://127.0.0.1:${(proxy.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    for (const c of open) c.destroy();
    await new Promise((r) => (proxy ? proxy.close(r) : r(undefined)));
    await s?.stop();
  });

  it('connects with the client certificate, verifies the server and attaches', async () => {
    const engine = await connectEngine(host, { env: { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs } });
    try {
      expect((await engine.version()).ApiVersion).toBe('1.50');
      const { Id } = await engine.createContainer({
        config: { Image: 'busybox', Cmd: ['echo', 'over-tls'], AttachStdout: true, AttachStderr: true }, hostConfig: { NetworkMode: 'none' },
      });
      const out = new Collect();
      const r = await engine.startContainer(Id, { attach: { stdout: out, stderr: new Collect() } });
      await r.attach!.done;
      expect(out.text).toBe('over-tls\n');
      await engine.removeContainer(Id, { force: true });
    } finally {
      await engine.close();
    }
  });

  it('fails as UNAVAILABLE without a client certificate or with the wrong CA', async () => {
    const noCert = join(s.root, 'no-client-cert');
    mkdirSync(noCert);
    copyFileSync(join(certs, 'ca.pem'), join(noCert, 'ca.pem'));
    const a = await connectEngine(host, { env: { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: noCert } });
    expect(await codeOf(a.listContainers())).toBe('UNAVAILABLE');

    const other = join(s.root, 'other-ca');
    mkdirSync(other);
    makeCerts(other, 'ca');
    const wrong = join(s.root, 'wrong-ca');
    mkdirSync(wrong);
    copyFileSync(join(other, 'ca.pem'), join(wrong, 'ca.pem'));
    copyFileSync(join(certs, 'cert.pem'), join(wrong, 'cert.pem'));
    copyFileSync(join(certs, 'key.pem'), join(wrong, 'key.pem'));
    const b = await connectEngine(host, { env: { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: wrong } });
    await expect(b.listContainers()).rejects.toMatchObject({ code: 'UNAVAILABLE', message: expect.stringMatching(/certificate/i) });
    // a missing ca.pem is a usage error, before any connection
    await expect(connectEngine(host, { env: { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: join(s.root, 'nowhere') } }))
      .rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('berth -H tcp://… reads DOCKER_TLS_VERIFY and DOCKER_CERT_PATH', async () => {
    const r = await new Promise<{ code: number | null; stdout: string; stderr: string }>((res) => {
      const { BERTH_ROOT: _r, ...env } = process.env;
      const child = spawn(process.execPath, [BERTH, '-H', host, 'images', '--format', '{{.Repository}}:{{.Tag}}'], {
        env: { ...env, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (code) => res({ code, stdout, stderr }));
    });
    expect(r).toEqual({ code: 0, stdout: 'busybox:latest\n', stderr: '' });
  });
});
