/**
 * HEAD/GET/PUT /containers/{id}/archive, what `docker cp` runs both ways. The stat travels in the
 * X-Docker-Container-Path-Stat header (base64 of docker's PathStat JSON) on HEAD and GET alike:
 * the CLI decides where the tar lands from it. PUT streams the request body into the extraction,
 * whatever its Content-Type (the CLI sends text/plain).
 */
import { pipeline } from 'node:stream/promises';
import type { PathStat } from '../../engine/types.js';
import { EngineError } from '../../lib/errors.js';
import { commonHeaders, errorStatus, qBool, sendEmpty } from './http-util.js';
import type { Ctx, Route } from './route-types.js';

export const PATH_STAT_HEADER = 'X-Docker-Container-Path-Stat';

/** base64 (std) of the JSON in Go's field order, as dockerd's setContainerPathStatHeader writes it. */
export function encodePathStat(st: PathStat): string {
  const ordered = { name: st.name, size: st.size, mode: st.mode, mtime: st.mtime, linkTarget: st.linkTarget };
  return Buffer.from(JSON.stringify(ordered)).toString('base64');
}

/** The inverse, for clients (the remote engine) and tests. */
export function decodePathStat(header: string): PathStat {
  let v: unknown;
  try { v = JSON.parse(Buffer.from(header, 'base64').toString('utf8')); } catch {
    throw new EngineError('INVALID_ARGUMENT', 'unable to decode container path stat header');
  }
  const o = (v ?? {}) as Partial<PathStat>;
  return { name: String(o.name ?? ''), size: Number(o.size ?? 0), mode: Number(o.mode ?? 0), mtime: String(o.mtime ?? ''), linkTarget: String(o.linkTarget ?? '') };
}

/** httputils.ArchiveFormValues: the path is required. */
function pathOf(q: URLSearchParams): string {
  const p = q.get('path');
  if (!p) throw new EngineError('INVALID_ARGUMENT', 'bad parameter: path cannot be empty');
  return p;
}

/** HEAD has no body: an error is its status alone (the CLI maps 404 to "no such file"). */
async function head({ engine, q, res, params: [ref = ''] }: Ctx): Promise<void> {
  let st: PathStat;
  try { st = await engine.archiveStat(ref, pathOf(q)); } catch (err) {
    res.writeHead(errorStatus(err), { ...commonHeaders(), 'Content-Length': 0 });
    res.end();
    return;
  }
  res.writeHead(200, { ...commonHeaders(), [PATH_STAT_HEADER]: encodePathStat(st), 'Content-Length': 0 });
  res.end();
}

async function get({ engine, q, res, params: [ref = ''] }: Ctx): Promise<void> {
  const { stat, tar } = await engine.archiveGet(ref, pathOf(q));
  // the container stays paused until the tar is read or destroyed: a vanished client destroys it
  res.on('close', () => tar.destroy());
  res.writeHead(200, { ...commonHeaders(), 'Content-Type': 'application/x-tar', [PATH_STAT_HEADER]: encodePathStat(stat) });
  await pipeline(tar, res).catch(() => res.destroy());
}

async function put({ engine, q, req, res, params: [ref = ''] }: Ctx): Promise<void> {
  await engine.archivePut(ref, pathOf(q), req, { noOverwriteDirNonDir: qBool(q, 'noOverwriteDirNonDir'), copyUIDGID: qBool(q, 'copyUIDGID') });
  sendEmpty(res, 200);
}

const A = /^\/containers\/([^/]+)\/archive$/;

export const routes: Route[] = [
  { method: 'HEAD', path: A, handler: head },
  { method: 'GET', path: A, handler: get },
  { method: 'PUT', path: A, handler: put },
];
