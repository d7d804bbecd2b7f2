/** /containers/... routes except attach (see attach.ts). */
import type { WaitCondition } from '../../engine/types.js';
import { parseCreateBody } from './create-body.js';
import { EngineError } from '../../lib/errors.js';
import { finishOnDone } from './attach.js';
import type { Ctx, Route } from './route-types.js';
import { commonHeaders, qBool, qFilters, qInt, readJson, sendEmpty, sendJson } from './http-util.js';
import { frame } from './stdcopy.js';

async function list({ engine, q, res }: Ctx): Promise<void> {
  sendJson(res, 200, await engine.listContainers({
    all: qBool(q, 'all'), limit: qInt(q, 'limit'), size: qBool(q, 'size'), filters: qFilters(q),
  }));
}

async function create({ engine, q, req, res }: Ctx): Promise<void> {
  const { config, hostConfig } = parseCreateBody(await readJson<unknown>(req));
  const name = q.get('name') || undefined;
  sendJson(res, 201, await engine.createContainer({ name, config, hostConfig }));
}

async function inspect({ engine, res, params: [ref = ""] }: Ctx): Promise<void> {
  sendJson(res, 200, await engine.inspectContainer(ref));
}

/** A parked attach (docker run) is connected by starting with it. */
async function start({ engine, registry, res, params: [ref = ""] }: Ctx): Promise<void> {
  const { Id, HostConfig: hc } = await engine.inspectContainer(ref);
  const parked = registry.take(Id);
  try {
    const r = await engine.startContainer(Id, parked ? { attach: parked.streams } : undefined);
    if (parked && r.attach) finishOnDone(r.attach, parked.socket);
    else if (parked) parked.socket.end();
    sendEmpty(res, r.alreadyRunning ? 304 : 204);
  } catch (err) {
    parked?.socket.end();
    // dockerd removes an AutoRemove container whose start failed; `docker run --rm` waits for that.
    if (hc.AutoRemove) await engine.removeContainer(Id, { force: true }).catch(() => undefined);
    throw err;
  }
}

/** 200 and headers go out at once: docker run waits for them before it sends start. */
async function wait({ engine, q, res, params: [ref = ""] }: Ctx): Promise<void> {
  const cond = (q.get('condition') || 'not-running') as WaitCondition;
  if (!['not-running', 'next-exit', 'removed'].includes(cond)) throw new EngineError('INVALID_ARGUMENT', `invalid condition: "${cond}"`);
  await engine.inspectContainer(ref); // 404 before committing to 200
  const ac = new AbortController();
  res.on('close', () => ac.abort());
  res.writeHead(200, { ...commonHeaders(), 'Content-Type': 'application/json' });
  res.flushHeaders();
  try {
    const r = await engine.waitContainer(ref, cond, ac.signal);
    res.end(JSON.stringify({ StatusCode: r.StatusCode, Error: null }) + '\n');
  } catch (err) {
    res.end(JSON.stringify({ StatusCode: -1, Error: { Message: err instanceof Error ? err.message : String(err) } }) + '\n');
  }
}

async function stop({ engine, q, res, params: [ref = ""] }: Ctx): Promise<void> {
  const running = await engine.stopContainer(ref, { timeout: qInt(q, 't'), signal: q.get('signal') || undefined });
  sendEmpty(res, running ? 204 : 304);
}

async function kill({ engine, q, res, params: [ref = ""] }: Ctx): Promise<void> {
  await engine.killContainer(ref, q.get('signal') || undefined);
  sendEmpty(res, 204);
}

async function restart({ engine, q, res, params: [ref = ""] }: Ctx): Promise<void> {
  await engine.restartContainer(ref, { timeout: qInt(q, 't'), signal: q.get('signal') || undefined });
  sendEmpty(res, 204);
}

async function remove({ engine, q, res, params: [ref = ""] }: Ctx): Promise<void> {
  await engine.removeContainer(ref, { force: qBool(q, 'force'), volumes: qBool(q, 'v') });
  sendEmpty(res, 204);
}

async function resize({ engine, q, res, params: [ref = ""] }: Ctx): Promise<void> {
  await engine.resizeContainer(ref, qInt(q, 'h') ?? 0, qInt(q, 'w') ?? 0);
  sendEmpty(res, 200);
}

/** stdcopy frames unless Tty; 200 is flushed first, later errors go in-band as systemerr. */
async function logs({ engine, q, res, params: [ref = ""] }: Ctx): Promise<void> {
  const info = await engine.inspectContainer(ref);
  const stdout = qBool(q, 'stdout');
  const stderr = qBool(q, 'stderr');
  if (!stdout && !stderr) throw new EngineError('INVALID_ARGUMENT', 'Bad parameters: you must choose at least one stream');
  const tty = info.Config.Tty === true;
  const tailText = q.get('tail');
  const tail = !tailText || tailText === 'all' ? undefined : Number(tailText);
  const ac = new AbortController();
  res.on('close', () => ac.abort());
  const num = (n: string) => (q.get(n) ? Number(q.get(n)) : undefined);
  const lines = engine.containerLogs(info.Id, {
    follow: qBool(q, 'follow'), stdout, stderr, tail: tail !== undefined && tail >= 0 ? tail : undefined,
    since: num('since') || undefined, until: num('until') || undefined, signal: ac.signal,
  });
  res.writeHead(200, { ...commonHeaders(), 'Content-Type': tty ? 'application/vnd.docker.raw-stream' : 'application/vnd.docker.multiplexed-stream' });
  res.flushHeaders();
  const ts = qBool(q, 'timestamps');
  try {
    for await (const l of lines) {
      const payload = ts ? Buffer.concat([Buffer.from(`${l.time} `), l.line]) : l.line;
      res.write(tty ? payload : frame(l.stream === 'stderr' ? 2 : 1, payload));
    }
  } catch (err) {
    if (!ac.signal.aborted && !tty) res.write(frame(3, Buffer.from(err instanceof Error ? err.message : String(err))));
  }
  res.end();
}

const C = (m: Route['method'], verb: string, handler: Route['handler']): Route => ({
  method: m, path: new RegExp(`^/containers/([^/]+)${verb ? `/${verb}` : ''}$`), handler,
});

export const routes: Route[] = [
  { method: 'GET', path: /^\/containers\/json$/, handler: list },
  { method: 'POST', path: /^\/containers\/create$/, handler: create },
  C('GET', 'json', inspect), C('POST', 'start', start), C('POST', 'wait', wait), C('POST', 'stop', stop),
  C('POST', 'kill', kill), C('POST', 'restart', restart), C('POST', 'resize', resize), C('GET', 'logs', logs),
  C('DELETE', '', remove),
];
