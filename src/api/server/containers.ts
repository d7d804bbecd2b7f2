/** /containers/... routes except attach (see attach.ts). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Engine } from '../../engine/engine.js';
import type { ContainerConfig, HostConfig, WaitCondition } from '../../engine/types.js';
import { EngineError } from '../../lib/errors.js';
import { type AttachRegistry, finishOnDone } from './attach.js';
import { commonHeaders, qBool, qFilters, qInt, readJson, sendEmpty, sendJson } from './http-util.js';
import { frame } from './stdcopy.js';

type Ctx = { engine: Engine; registry: AttachRegistry; q: URLSearchParams; req: IncomingMessage; res: ServerResponse };

export async function list({ engine, q, res }: Ctx): Promise<void> {
  sendJson(res, 200, await engine.listContainers({
    all: qBool(q, 'all'), limit: qInt(q, 'limit'), size: qBool(q, 'size'), filters: qFilters(q),
  }));
}

export async function create({ engine, q, req, res }: Ctx): Promise<void> {
  const body = (await readJson<Record<string, unknown>>(req)) ?? {};
  if (typeof body !== 'object' || Array.isArray(body)) throw new EngineError('INVALID_ARGUMENT', 'invalid container config');
  const { HostConfig: hostConfig, NetworkingConfig: _net, ...config } = body;
  void _net;
  const name = q.get('name') || undefined;
  sendJson(res, 201, await engine.createContainer({
    name, config: config as unknown as ContainerConfig, hostConfig: (hostConfig ?? {}) as HostConfig,
  }));
}

export async function inspect({ engine, res }: Ctx, ref: string): Promise<void> {
  sendJson(res, 200, await engine.inspectContainer(ref));
}

/** A parked attach (docker run) is connected by starting with it. */
export async function start({ engine, registry, res }: Ctx, ref: string): Promise<void> {
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
export async function wait({ engine, q, res }: Ctx, ref: string): Promise<void> {
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

export async function stop({ engine, q, res }: Ctx, ref: string): Promise<void> {
  const running = await engine.stopContainer(ref, { timeout: qInt(q, 't'), signal: q.get('signal') || undefined });
  sendEmpty(res, running ? 204 : 304);
}

export async function kill({ engine, q, res }: Ctx, ref: string): Promise<void> {
  await engine.killContainer(ref, q.get('signal') || undefined);
  sendEmpty(res, 204);
}

export async function restart({ engine, q, res }: Ctx, ref: string): Promise<void> {
  await engine.restartContainer(ref, { timeout: qInt(q, 't'), signal: q.get('signal') || undefined });
  sendEmpty(res, 204);
}

export async function remove({ engine, q, res }: Ctx, ref: string): Promise<void> {
  await engine.removeContainer(ref, { force: qBool(q, 'force'), volumes: qBool(q, 'v') });
  sendEmpty(res, 204);
}

export async function resize({ engine, q, res }: Ctx, ref: string): Promise<void> {
  await engine.resizeContainer(ref, qInt(q, 'h') ?? 0, qInt(q, 'w') ?? 0);
  sendEmpty(res, 200);
}

/** stdcopy frames unless Tty; 200 is flushed first, later errors go in-band as systemerr. */
export async function logs({ engine, q, res }: Ctx, ref: string): Promise<void> {
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
