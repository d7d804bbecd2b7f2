/**
 * Builds over the legacy POST /build: the context goes as a tar (a directory is packed with the
 * same walker and .dockerignore rules as a local build), the daemon's JSON stream becomes the
 * engine's BuildEvents again so the CLI and the TUI render a remote build as a local one.
 */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import tar from 'tar-stream';
import type { BuildEngine } from '../../engine/engine.js';
import type { BuildEvent, BuildOptions, BuildResult, StepRef } from '../../build/types.js';
import { contextTar } from '../../build/context/context-tar.js';
import { EventQueue } from '../../build/event-queue.js';
import { EngineError, toEngineError } from '../../lib/errors.js';
import { filtersQuery } from './containers.js';
import { jsonLines, type ApiClient } from './http-client.js';
import { messageError, type JsonMessage } from './images.js';

/** A tar of `source` (or nothing) plus one more file, as the docker CLI adds a `-f -` Dockerfile. */
function withFile(source: Readable | undefined, name: string, text: string): Readable {
  const pack = tar.pack();
  (async () => {
    if (source) {
      const extract = tar.extract();
      source.pipe(extract as unknown as NodeJS.WritableStream);
      for await (const entry of extract) {
        const body: Buffer[] = [];
        for await (const c of entry) body.push(c as Buffer);
        await new Promise<void>((res, rej) => pack.entry(entry.header, Buffer.concat(body), (e) => (e ? rej(e) : res())));
      }
    }
    pack.entry({ name, mode: 0o644, mtime: new Date() }, text);
    pack.finalize();
  })().catch((err) => pack.destroy(toEngineError(err)));
  return Readable.from(pack as AsyncIterable<Buffer>, { objectMode: false });
}

function contextOf(o: BuildOptions): { body: Readable; dockerfile?: string } {
  const source = typeof o.context === 'string' ? contextTar(o.context, { dockerfile: o.dockerfile }) : o.context;
  if (o.dockerfileText === undefined) {
    if (!source) throw new EngineError('INVALID_ARGUMENT', 'a build needs a context or a Dockerfile');
    return { body: source, dockerfile: o.dockerfile };
  }
  const name = `.dockerfile.${randomBytes(10).toString('hex')}`;
  return { body: withFile(source, name, o.dockerfileText), dockerfile: name };
}

const STEP = /^Step (\d+)\/(\d+) : (.*?)\n?$/s;

/** One `stream` text as BuildEvents; `ref` tracks the current step across calls. */
export function streamEvents(text: string, state: { ref?: StepRef }): BuildEvent[] {
  const step = STEP.exec(text);
  if (step) {
    const n = Number(step[1]);
    const total = Number(step[2]);
    state.ref = { step: n, total, stage: 'remote', stageStep: n, stageSteps: total };
    return [{ type: 'step', ref: state.ref, text: step[3]! }];
  }
  const ref = state.ref ?? { step: 0, total: 0, stage: 'remote', stageStep: 0, stageSteps: 0 };
  const line = text.replace(/\n$/, '');
  let m: RegExpExecArray | null;
  if (line === ' ---> Using cache') return [{ type: 'cached', ref }];
  if ((m = /^ ---> Running in (\w+)$/.exec(line))) return [{ type: 'container', ref, id: m[1]! }];
  if ((m = /^ ---> Removed intermediate container (\w+)$/.exec(line))) return [{ type: 'container-removed', ref, id: m[1]! }];
  if ((m = /^ ---> ([0-9a-f]{12,})$/.exec(line))) return [{ type: 'step-done', ref, imageId: m[1]!, cached: false, durationMs: 0 }];
  if ((m = /^Successfully tagged (\S+)$/.exec(line))) return [{ type: 'tagged', reference: m[1]! }];
  if ((m = /^Successfully built (\w+)$/.exec(line))) return [{ type: 'built', imageId: m[1]! }];
  return [{ type: 'output', ref, stream: 'stdout', data: text }];
}

export function buildOps(api: ApiClient): BuildEngine {
  return {
    build(o) {
      const events = new EventQueue<BuildEvent>();
      const result = (async (): Promise<BuildResult> => {
        const { body, dockerfile } = contextOf(o);
        const res = await api.request('POST', '/build', {
          query: {
            t: o.tags, dockerfile, buildargs: o.buildArgs ? JSON.stringify(o.buildArgs) : undefined, target: o.target,
            nocache: o.noCache, pull: o.pull, labels: o.labels ? JSON.stringify(o.labels) : undefined,
            networkmode: o.network, q: o.quiet, rm: true,
          },
          body, headers: { 'Content-Type': 'application/x-tar' }, signal: o.signal,
        });
        const state: { ref?: StepRef } = {};
        const tags: string[] = [];
        let imageId = '';
        let builtSent = false;
        for await (const m of jsonLines<JsonMessage>(res)) {
          const err = messageError(m);
          if (err) {
            const code = m.errorDetail?.code;
            events.push({ type: 'error', message: err.message, ...(code ? { exitCode: code } : {}) });
            throw new EngineError('INVALID_ARGUMENT', err.message, { detail: code ? { exitCode: code } : undefined });
          }
          if (m.aux && typeof m.aux.ID === 'string') imageId = m.aux.ID;
          if (m.stream === undefined) continue;
          // q=1: the daemon's only line is the image ID, which the caller prints from the result
          if (o.quiet && /^sha256:[0-9a-f]{64}\n?$/.test(m.stream)) { imageId ||= m.stream.trim(); continue; }
          for (const e of streamEvents(m.stream, state)) {
            if (e.type === 'tagged') tags.push(e.reference);
            if (e.type === 'built') {
              // the aux record (full ID) precedes this line on API ≥ 1.30; the short ID otherwise
              imageId ||= e.imageId;
              builtSent = true;
              events.push({ type: 'built', imageId });
            } else events.push(e);
          }
        }
        if (!imageId) throw new EngineError('INTERNAL', 'the daemon did not report the built image');
        if (!builtSent) events.push({ type: 'built', imageId });
        return { imageId, tags, warnings: [] };
      })();
      result.then(() => events.close(), (err: unknown) => {
        if (!(err instanceof EngineError)) events.push({ type: 'error', message: err instanceof Error ? err.message : String(err) });
        events.close();
      });
      return { events, result };
    },
    pruneBuildCache: (o) => api.json<{ CachesDeleted: string[] | null; SpaceReclaimed: number }>('POST', '/build/prune', {
      query: { all: o?.all, filters: filtersQuery(undefined) },
    }).then((r) => ({ CachesDeleted: r.CachesDeleted ?? [], SpaceReclaimed: r.SpaceReclaimed ?? 0 })),
  };
}
