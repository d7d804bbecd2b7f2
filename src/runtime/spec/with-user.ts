/** process.user from resolveUser (or a caller that already knows the ids). */
import type { SpecOpt } from './types.js';
import { ensureProcess } from './process.js';

export function withUser(user: { uid: number; gid: number; additionalGids?: readonly number[] }): SpecOpt {
  return (s) => {
    const p = ensureProcess(s);
    p.user = { uid: user.uid, gid: user.gid };
    if (user.additionalGids?.length) p.user.additionalGids = [...user.additionalGids];
  };
}
