/**
 * One route table, assembled from per-area modules (containers, images, exec, …): each module
 * exports its `routes` and owns its handlers, so adding an endpoint never edits a shared switch.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Engine } from '../../engine/engine.js';
import type { AttachRegistry } from './attach.js';

/** A plain request: `params` are the pattern's capture groups, URI-decoded. */
export interface Ctx {
  engine: Engine;
  registry: AttachRegistry;
  q: URLSearchParams;
  req: IncomingMessage;
  res: ServerResponse;
  params: string[];
}

/** A hijacked request (Upgrade: tcp): the handler owns the raw socket and writes the status line. */
export interface HijackCtx {
  engine: Engine;
  registry: AttachRegistry;
  q: URLSearchParams;
  req: IncomingMessage;
  socket: Duplex;
  /** The request body (Content-Length bytes; exec start's JSON), already taken off the socket. */
  body: Buffer;
  /** Bytes the client sent after the body: the start of the hijacked stream (stdin). */
  head: Buffer;
  params: string[];
  /** false when the client did not ask to upgrade: answer 200 on the same socket instead of 101. */
  upgrade: boolean;
}

export interface Route {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE';
  /** Matched against the unversioned path, anchored. */
  path: RegExp;
  handler: (ctx: Ctx) => Promise<void> | void;
}

/** Routes whose response takes over the connection (attach, exec start). */
export interface HijackRoute {
  method: 'POST';
  path: RegExp;
  handler: (ctx: HijackCtx) => Promise<void>;
  /** Answer without a hijack when the request does not ask for one (exec start with Detach). */
  plain?: (ctx: Ctx) => Promise<void>;
}
