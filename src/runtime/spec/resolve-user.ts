/**
 * Docker's user resolution (moby/sys/user GetExecUser + GetAdditionalGroups, as dockerd's
 * getUser calls them) over the container's /etc/passwd and /etc/group contents.
 * Numeric ids need not exist; names must. Pass undefined for a missing file.
 */
import { invalid } from '../../lib/errors.js';

export interface ResolvedUser {
  uid: number;
  gid: number;
  /** As dockerd puts it in the spec: the primary gid first, then supplementary, then --group-add. */
  additionalGids: number[];
}

interface PasswdEntry { name: string; uid: number; gid: number }
interface GroupEntry { name: string; gid: number; members: string[] }

const MAX_ID = 2 ** 31 - 1;
const RANGE_ERR = 'uids and gids must be in range 0-2147483647';

/** Go's strconv.Atoi: optional sign, digits only. */
const atoi = (s: string): number | undefined => (/^[+-]?\d+$/.test(s) ? Number(s) : undefined);

/** Fields as moby's parseLine reads them: a bad number reads as 0, missing fields are empty. */
function lines(text: string | undefined): string[][] {
  return (text ?? '').split('\n').map((l) => l.trim()).filter(Boolean).map((l) => l.split(':'));
}

export function parsePasswd(text: string | undefined): PasswdEntry[] {
  return lines(text).map((f) => ({ name: f[0] ?? '', uid: atoi(f[2] ?? '') ?? 0, gid: atoi(f[3] ?? '') ?? 0 }));
}

export function parseGroup(text: string | undefined): GroupEntry[] {
  return lines(text).map((f) => ({
    name: f[0] ?? '',
    gid: atoi(f[2] ?? '') ?? 0,
    members: f[3] ? f[3].split(',') : [],
  }));
}

function inRange(id: number): number {
  if (id < 0 || id > MAX_ID) throw invalid(RANGE_ERR);
  return id;
}

/** --group-add: names or numeric gids; a name must exist in /etc/group. */
function extraGroups(names: readonly string[], groups: GroupEntry[]): number[] {
  const out: number[] = [];
  for (const ag of names) {
    const g = groups.find((x) => x.name === ag || String(x.gid) === ag);
    let gid = g?.gid;
    if (gid === undefined) {
      const n = atoi(ag);
      if (n === undefined) throw invalid(`Unable to find group ${ag}: no matching entries in group file`);
      gid = inRange(n);
    }
    if (!out.includes(gid)) out.push(gid);
  }
  return out;
}

/** `spec` is "", "name", "uid", "name:group", "uid:gid" (and mixes), as in USER or --user. */
export function resolveUser(
  spec: string,
  passwd: string | undefined,
  group: string | undefined,
  groupAdd: readonly string[] = [],
): ResolvedUser {
  const [userArg = '', groupArg = ''] = spec.split(':');
  const uidArg = atoi(userArg);
  const gidArg = atoi(groupArg);
  let uid = 0;
  let gid = 0;
  let sgids: number[] = [];
  const users = parsePasswd(passwd);
  const u = users.find((x) => (userArg === '' ? x.uid === 0 : uidArg !== undefined ? x.uid === uidArg : x.name === userArg));
  if (u) {
    uid = u.uid;
    gid = u.gid;
  } else if (userArg !== '') {
    if (uidArg === undefined) throw invalid(`unable to find user ${userArg}: no matching entries in passwd file`);
    uid = inRange(uidArg);
  }
  const groups = parseGroup(group);
  if (groupArg !== '') {
    const g = groups.find((x) => (gidArg !== undefined ? x.gid === gidArg : x.name === groupArg));
    if (g) gid = g.gid;
    else if (gidArg === undefined) throw invalid(`unable to find group ${groupArg}: no matching entries in group file`);
    else gid = inRange(gidArg);
  } else if (u) {
    // Supplementary groups only in the implicit form, from membership lists.
    sgids = groups.filter((x) => x.members.includes(u.name)).map((x) => x.gid);
  }
  return { uid, gid, additionalGids: [gid, ...sgids, ...extraGroups(groupAdd, groups)] };
}
