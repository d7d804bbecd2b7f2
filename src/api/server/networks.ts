/** /networks: the predefined networks, read-only; creating or connecting answers 501 with the reason. */
import { EngineError } from '../../lib/errors.js';
import { qFilters, sendJson } from './http-util.js';
import type { Ctx, Route } from './route-types.js';

const unsupported = (): never => {
  throw new EngineError('NOT_IMPLEMENTED', 'berth has only the predefined networks (bridge, host, none): user-defined networks are not supported yet');
};

export const routes: Route[] = [
  { method: 'GET', path: /^\/networks$/, handler: async ({ engine, q, res }: Ctx) => sendJson(res, 200, await engine.listNetworks({ filters: qFilters(q) })) },
  { method: 'GET', path: /^\/networks\/([^/]+)$/, handler: async ({ engine, res, params: [ref = ''] }: Ctx) => sendJson(res, 200, await engine.inspectNetwork(ref)) },
  { method: 'POST', path: /^\/networks\/create$/, handler: unsupported },
  { method: 'POST', path: /^\/networks\/([^/]+)\/(connect|disconnect)$/, handler: unsupported },
  { method: 'POST', path: /^\/networks\/prune$/, handler: ({ res }: Ctx) => sendJson(res, 200, { NetworksDeleted: [] }) },
  { method: 'DELETE', path: /^\/networks\/([^/]+)$/, handler: async ({ engine, params: [ref = ''] }: Ctx) => {
    const n = await engine.inspectNetwork(ref);
    throw new EngineError('PERMISSION_DENIED', `${n.Name} is a pre-defined network and cannot be removed`);
  } },
];
