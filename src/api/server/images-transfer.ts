/**
 * Images in and out of the store over the API: POST /images/create (pull, or import with
 * fromSrc=-), push, GET /images/{name}/get and /images/get (save), POST /images/load. Pull, push,
 * import and load answer with docker's JSON message stream (json-progress.ts).
 */
import { EngineError, isEngineError } from '../../lib/errors.js';
import { formatReference, parseNormalizedNamed } from '../../oci/reference.js';
import { decodeRegistryAuth } from './auth.js';
import { commonHeaders } from './http-util.js';
import { JsonStream } from './json-progress.js';
import type { Ctx, Route } from './route-types.js';

/** A corrupt archive in the request body is the client's bad input: 400, not the store's DATA_LOSS 500. */
function bodyError(err: unknown): unknown {
  return isEngineError(err, 'DATA_LOSS') ? new EngineError('INVALID_ARGUMENT', err.message, { cause: err }) : err;
}

const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;

/**
 * dockerd's PullImage: `tag` may be a digest; a name with neither tag nor digest means every
 * tag of the repository. The reference is returned canonical (docker.io/library/busybox:latest).
 */
export function pullTarget(fromImage: string, tag: string | null): { ref: string; allTags: boolean } {
  const ref = parseNormalizedNamed(fromImage);
  if (tag) {
    if (DIGEST.test(tag)) { delete ref.tag; ref.digest = tag; } else ref.tag = tag;
  }
  return { ref: formatReference(ref), allTags: !ref.tag && !ref.digest };
}

/**
 * A registry's refusal before the stream started is a 500, as dockerd's untyped registry-client
 * errors are: the docker CLI answers a 401 from pull or push by prompting for a login (its
 * PrivilegeFunc), which hangs a non-interactive client. POST /auth keeps 401.
 */
export function streamError(err: unknown): unknown {
  return isEngineError(err, 'UNAUTHENTICATED') ? new EngineError('INTERNAL', err.message, { cause: err }) : err;
}

async function pull(ctx: Ctx, fromImage: string): Promise<void> {
  const { ref, allTags } = pullTarget(fromImage, ctx.q.get('tag'));
  const auth = decodeRegistryAuth(ctx.req.headers['x-registry-auth']);
  const out = new JsonStream(ctx.res);
  try {
    await ctx.engine.pullImage(ref, {
      auth, allTags, platform: ctx.q.get('platform') || undefined, signal: out.signal, onProgress: (e) => out.progress(e),
    });
    out.end();
  } catch (err) {
    out.fail(streamError(err));
  }
}

/** `repo` may carry the tag itself (the docker CLI sends "name:1" with an empty `tag`). */
async function importTar(ctx: Ctx, src: string): Promise<void> {
  if (src !== '-') throw new EngineError('NOT_IMPLEMENTED', `importing from a URL is not supported yet: ${src}`);
  const repo = ctx.q.get('repo') || '';
  const tag = ctx.q.get('tag') || '';
  const out = new JsonStream(ctx.res);
  try {
    const id = await ctx.engine.importImage(ctx.req, {
      reference: repo ? (tag ? `${repo}:${tag}` : repo) : undefined, changes: ctx.q.getAll('changes'),
      message: ctx.q.get('message') || undefined, source: '-', platform: ctx.q.get('platform') || undefined,
    });
    out.write({ status: id });
    out.end();
  } catch (err) {
    out.fail(bodyError(err));
  }
}

async function create(ctx: Ctx): Promise<void> {
  const fromImage = ctx.q.get('fromImage');
  if (fromImage) return pull(ctx, fromImage);
  const fromSrc = ctx.q.get('fromSrc');
  if (fromSrc) return importTar(ctx, fromSrc);
  throw new EngineError('INVALID_ARGUMENT', 'fromImage or fromSrc is required');
}

/** No tag: every local tag of the repository (the API's push of a bare name). */
async function push(ctx: Ctx): Promise<void> {
  const name = ctx.params[0] ?? '';
  const tag = ctx.q.get('tag');
  const auth = decodeRegistryAuth(ctx.req.headers['x-registry-auth']);
  const out = new JsonStream(ctx.res);
  try {
    await ctx.engine.pushImage(tag ? `${name}:${tag}` : name, { auth, allTags: !tag, signal: out.signal, onProgress: (e) => out.progress(e) });
    out.end();
  } catch (err) {
    out.fail(streamError(err));
  }
}

/** Every name is resolved before the 200, so a typo is a 404 rather than a truncated tar. */
async function save(ctx: Ctx, names: string[]): Promise<void> {
  if (names.length === 0) throw new EngineError('INVALID_ARGUMENT', 'no images to save');
  for (const n of names) await ctx.engine.inspectImage(n);
  ctx.res.writeHead(200, { ...commonHeaders(), 'Content-Type': 'application/x-tar' });
  try {
    await ctx.engine.saveImages(names, ctx.res);
    if (!ctx.res.writableEnded) ctx.res.end();
  } catch {
    ctx.res.destroy(); // a cut tar, as dockerd leaves it: the client sees an unexpected EOF
  }
}

/** "Loaded image: …" lines as {"stream"} messages; `quiet` only hides progress, which berth has none of. */
async function load(ctx: Ctx): Promise<void> {
  const out = new JsonStream(ctx.res);
  try {
    const r = await ctx.engine.loadImages(ctx.req, { signal: out.signal });
    for (const l of r.loaded) out.text(l.tag ? `Loaded image: ${l.tag}\n` : `Loaded image ID: ${l.id}\n`);
    out.end();
  } catch (err) {
    out.fail(bodyError(err));
  }
}

export const routes: Route[] = [
  { method: 'POST', path: /^\/images\/create$/, handler: create },
  { method: 'POST', path: /^\/images\/load$/, handler: load },
  { method: 'GET', path: /^\/images\/get$/, handler: (ctx) => save(ctx, ctx.q.getAll('names')) },
  { method: 'GET', path: /^\/images\/(.+)\/get$/, handler: (ctx) => save(ctx, [ctx.params[0] ?? '']) },
  { method: 'POST', path: /^\/images\/(.+)\/push$/, handler: push },
];
