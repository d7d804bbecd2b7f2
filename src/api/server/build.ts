/**
 * POST /build, the legacy builder's endpoint (what `DOCKER_BUILDKIT=0 docker build` calls): the
 * request body is the context tar, handed to the engine as it is, so it goes through the same
 * context code as the CLI (extraction, .dockerignore, the Dockerfile). The engine's build events
 * are rendered as the legacy text in {"stream"} messages, the image ID as {"aux":{"ID"}} (before
 * "Successfully built", as dockerd emits it), and failures in-band with the RUN's exit code.
 */
import { Transform } from 'node:stream';
import { legacyText, type BuildEvent } from '../../build/index.js';
import { EngineError } from '../../lib/errors.js';
import { parseNormalizedNamed } from '../../oci/reference.js';
import { qBool } from './http-util.js';
import { JsonStream, type JsonMessage } from './json-progress.js';
import type { Ctx, Route } from './route-types.js';

/** gzip, bzip2, xz and zstd magic numbers: a compressed context is passed on untouched. */
const COMPRESSED = [[0x1f, 0x8b], [0x42, 0x5a, 0x68], [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], [0x28, 0xb5, 0x2f, 0xfd]];

/**
 * The context tar, completed: with a Dockerfile injected (`-f` outside the context, `-f -`) the
 * docker CLI's tar (ReplaceFileTarWrapper) ends right after the last file's data, with neither
 * its padding nor the end-of-archive blocks. Go's tar reader takes that as the end; berth's
 * extractor rightly calls a short archive corrupt, so a plain tar gets the missing zero blocks
 * (extra ones after a complete archive are ignored).
 */
export function completeTar(): Transform {
  let size = 0;
  let head = Buffer.alloc(0);
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      if (head.length < 6) head = Buffer.concat([head, chunk.subarray(0, 6 - head.length)]);
      size += chunk.length;
      cb(null, chunk);
    },
    flush(cb) {
      const compressed = COMPRESSED.some((m) => head.length >= m.length && m.every((b, i) => head[i] === b));
      if (!compressed && size > 0) this.push(Buffer.alloc(((512 - (size % 512)) % 512) + 1024));
      cb();
    },
  });
}

/** A JSON object of strings from the query (buildargs, labels); null values are dropped. */
export function jsonMap(q: URLSearchParams, name: string): Record<string, string> {
  const raw = q.get(name);
  if (!raw) return {};
  let v: unknown;
  try { v = JSON.parse(raw); } catch { throw new EngineError('INVALID_ARGUMENT', `invalid ${name}: ${raw}`); }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new EngineError('INVALID_ARGUMENT', `invalid ${name}: ${raw}`);
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) if (x !== null && x !== undefined) out[k] = String(x);
  return out;
}

/** dockerd's sanitizeRepoAndTags: every `t` must parse, and none may carry a digest. */
export function buildTags(q: URLSearchParams): string[] {
  const tags = q.getAll('t').filter(Boolean);
  for (const t of tags) {
    if (parseNormalizedNamed(t).digest) throw new EngineError('INVALID_ARGUMENT', 'build tag cannot contain a digest');
  }
  return [...new Set(tags)];
}

/** The messages of one event; `quiet` keeps only the aux ID (the text is held back for a failure). */
export function buildMessages(e: BuildEvent): JsonMessage[] {
  const out: JsonMessage[] = [];
  if (e.type === 'built') out.push({ aux: { ID: e.imageId } });
  const text = legacyText(e);
  if (text) out.push({ stream: text });
  return out;
}

async function build({ engine, q, req, res }: Ctx): Promise<void> {
  if (q.get('remote')) throw new EngineError('NOT_IMPLEMENTED', 'building from a remote context is not supported');
  if (q.get('version') === '2') throw new EngineError('NOT_IMPLEMENTED', 'BuildKit is not supported by berth serve: set DOCKER_BUILDKIT=0');
  const platform = q.get('platform');
  if (platform && !/^linux\/(amd64|x86_64)$/.test(platform)) throw new EngineError('INVALID_ARGUMENT', `berth builds for linux/amd64 only, not ${platform}`);
  const tags = buildTags(q);
  const quiet = qBool(q, 'q');
  const out = new JsonStream(res);
  const context = req.pipe(completeTar());
  req.once('error', (err) => context.destroy(err)); // a client that vanishes mid-upload
  // …after the build may have stopped reading (a bad Dockerfile): never an unhandled 'error' that kills the server
  context.on('error', () => undefined);
  const handle = engine.build({
    context, dockerfile: q.get('dockerfile') || undefined, tags, buildArgs: jsonMap(q, 'buildargs'),
    labels: jsonMap(q, 'labels'), target: q.get('target') || undefined, noCache: qBool(q, 'nocache'),
    pull: qBool(q, 'pull'), network: q.get('networkmode') || undefined, quiet, signal: out.signal,
  });
  const held: JsonMessage[] = [];
  let exitCode: number | undefined;
  const shown = (async () => {
    for await (const e of handle.events) {
      if (e.type === 'error') exitCode = e.exitCode;
      for (const m of buildMessages(e)) {
        if (quiet && m.aux === undefined) held.push(m);
        else out.write(m);
      }
    }
  })();
  try {
    const r = await handle.result;
    await shown;
    if (quiet) out.text(`${r.imageId}\n`);
    out.end();
  } catch (err) {
    await shown.catch(() => undefined);
    for (const m of held) out.write(m);
    out.fail(err, exitCode);
  }
}

export const routes: Route[] = [
  { method: 'POST', path: /^\/build$/, handler: build },
];
