/**
 * COPY/ADD as docker's legacy builder places files: globs, directory contents, the destination's
 * trailing slash, ownership (root for context files, --chown by name from the image's passwd,
 * kept for COPY --from), --chmod, WORKDIR creating directories, ADD extracting local tar/gzip
 * archives and fetching URLs (a local server), heredoc sources, multi-stage, FROM scratch.
 */
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BuildFixture } from './fixture.js';

/** `stat` of paths inside an image: "type mode uid:gid size path" per line (size only for files). */
async function statIn(f: BuildFixture, image: string, paths: string[]): Promise<string[]> {
  const r = await f.run(image, ['stat', '-c', '%F %a %u:%g %s %n', ...paths]);
  return r.out.trim().split('\n').map((l) => (l.startsWith('directory') ? l.replace(/ \d+ \//, ' /') : l));
}

describe('COPY and ADD', () => {
  const f = new BuildFixture();
  let server: Server;
  let base = '';
  beforeAll(async () => {
    await f.setup();
    server = createServer((req, res) => {
      if (req.url === '/files/hello.txt') { res.setHeader('Last-Modified', 'Wed, 21 Oct 2015 07:28:00 GMT'); res.end('hello from http\n'); }
      else { res.statusCode = 404; res.end('not here'); }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 120_000);
  afterAll(async () => {
    server.close();
    await f.cleanup();
  });

  it('globs, directory contents, trailing slashes, owners and modes', async () => {
    const ctx = f.context({
      'a.js': 'a', 'b.js': 'bb', 'c.txt': 'c', 'dir/x/y.txt': 'y', 'dir/top.txt': { content: 't', mode: 0o600 }, 'run.sh': { content: 'echo', mode: 0o755 },
      Dockerfile: `FROM busybox
COPY *.js /js/
COPY dir /d
COPY c.txt /file-as-name
COPY c.txt run.sh /multi/
COPY --chown=daemon:bin dir /owned/
COPY --chown=33 c.txt /n/
COPY --chmod=640 run.sh /chmod/
WORKDIR /made/by/workdir
`,
    });
    await f.build({ context: ctx, tags: ['cp:1'] });
    expect(await statIn(f, 'cp:1', ['/js/a.js', '/js/b.js', '/d/top.txt', '/d/x/y.txt', '/file-as-name', '/multi/c.txt', '/multi/run.sh'])).toEqual([
      'regular file 644 0:0 1 /js/a.js', 'regular file 644 0:0 2 /js/b.js', 'regular file 600 0:0 1 /d/top.txt',
      'regular file 644 0:0 1 /d/x/y.txt', 'regular file 644 0:0 1 /file-as-name', 'regular file 644 0:0 1 /multi/c.txt',
      'regular file 755 0:0 4 /multi/run.sh',
    ]);
    expect(await statIn(f, 'cp:1', ['/owned', '/owned/x', '/owned/x/y.txt', '/n', '/n/c.txt', '/chmod/run.sh', '/made/by/workdir'])).toEqual([
      'directory 755 1:2 /owned', 'directory 755 1:2 /owned/x', 'regular file 644 1:2 1 /owned/x/y.txt',
      'directory 755 33:33 /n', 'regular file 644 33:33 1 /n/c.txt', 'regular file 640 0:0 4 /chmod/run.sh', 'directory 755 0:0 /made/by/workdir',
    ]);
  });

  it('follows the image\'s symlinks in the destination and keeps existing directories\' attributes', async () => {
    const ctx = f.context({ 'f.txt': 'f', Dockerfile: 'FROM busybox\nRUN mkdir -m 700 /keep && chown 1:1 /keep && ln -s /keep /link\nCOPY f.txt /link/\n' });
    await f.build({ context: ctx, tags: ['cp:2'] });
    expect(await statIn(f, 'cp:2', ['/keep', '/keep/f.txt', '/link'])).toEqual(['directory 700 1:1 /keep', 'regular file 644 0:0 1 /keep/f.txt', 'symbolic link 777 0:0 5 /link']);
  });

  it('ADD extracts local tar and gzip archives (keeping their owners), fetches URLs, and COPY takes heredocs', async () => {
    const ctx = f.context({ 'src/one.txt': '1', 'src/sub/two.txt': '22' });
    execFileSync('tar', ['-C', ctx, '--owner=7', '--group=8', '-cf', `${ctx}/plain.tar`, 'src']);
    execFileSync('tar', ['-C', ctx, '-czf', `${ctx}/packed.tgz`, 'src']);
    f.write(ctx, {
      Dockerfile: `FROM busybox
ADD plain.tar /p/
ADD packed.tgz /z
ADD ${base}/files/hello.txt /web/
COPY packed.tgz /not-extracted/
COPY <<EOF /inline.txt
line one
EOF
`,
    });
    await f.build({ context: ctx, tags: ['add:1'] });
    expect(await statIn(f, 'add:1', ['/p/src/one.txt', '/p/src/sub/two.txt', '/z/src/sub/two.txt', '/web/hello.txt', '/not-extracted/packed.tgz', '/inline.txt'])).toEqual([
      'regular file 644 7:8 1 /p/src/one.txt', 'regular file 644 7:8 2 /p/src/sub/two.txt', 'regular file 644 0:0 2 /z/src/sub/two.txt',
      'regular file 600 0:0 16 /web/hello.txt', expect.stringMatching(/^regular file 644 0:0 \d+ \/not-extracted\/packed.tgz$/), 'regular file 644 0:0 9 /inline.txt',
    ]);
    expect((await f.run('add:1', ['cat', '/web/hello.txt', '/inline.txt'])).out).toBe('hello from http\nline one\n');
    await expect(f.build({ context: f.context({ Dockerfile: `FROM busybox\nADD ${base}/missing /m\n` }) })).rejects.toThrow(/failed to GET .* with status 404/);
  });

  it('multi-stage: the final image holds only what it copied; COPY --from keeps owners; FROM scratch works', async () => {
    const ctx = f.context({
      'app.c': 'source',
      Dockerfile: `FROM busybox AS builder
WORKDIR /build
COPY app.c .
RUN mkdir -p out && cp app.c out/app && chown -R 5:6 out && echo secret > /build/builder-only

FROM busybox AS never
RUN exit 3

FROM scratch
COPY --from=builder /bin/busybox /bin/busybox
COPY --from=0 /build/out /app/
CMD ["/bin/busybox", "ls", "-ln", "/app"]
`,
    });
    const r = await f.build({ context: ctx, tags: ['ms:1'] });
    expect(r.text).not.toContain('exit 3');
    const out = (await f.run('ms:1')).out;
    expect(out).toMatch(/-rw-r--r-- +1 5 +6 +6 .* app\n/);
    // only what was copied, plus runc's mount points
    expect((await f.run('ms:1', ['/bin/busybox', 'ls', '/'])).out.split('\n').filter((n) => n && !['dev', 'etc', 'proc', 'sys'].includes(n))).toEqual(['app', 'bin']);
    expect((await f.run('ms:1', ['/bin/busybox', 'test', '-e', '/build/builder-only'])).code).toBe(1);
  });
});
