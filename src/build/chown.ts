/**
 * COPY/ADD --chown=user[:group] → uid/gid, the legacy builder's parseChownFlag: numbers are
 * taken as they are, names are looked up in the destination image's /etc/passwd and /etc/group
 * (resolved inside the image, never on the host); a lone user is also used as the group.
 */
import { readFileSync } from 'node:fs';
import { invalid } from '../lib/errors.js';
import type { Owner, PendingLayer } from './pending-layer.js';
import { resolveLinks } from './tree.js';

function readImageFile(layer: PendingLayer, path: string): string | undefined {
  const node = layer.lower.lookup(resolveLinks(layer, path));
  return node?.st.isFile() ? readFileSync(node.abs, 'utf8') : undefined;
}

/** The id field of the first line whose name matches (user.ParsePasswdFileFilter / ParseGroupFileFilter). */
function lookup(text: string, name: string, field: number): number | undefined {
  for (const line of text.split('\n')) {
    const parts = line.trim().split(':');
    if (parts[0] === name && parts.length > field && /^[0-9]+$/.test(parts[field]!)) return Number(parts[field]);
  }
  return undefined;
}

function resolveId(layer: PendingLayer, value: string, kind: 'user' | 'group'): number {
  if (/^-?[0-9]+$/.test(value)) return Number(value);
  const file = kind === 'user' ? 'etc/passwd' : 'etc/group';
  const what = kind === 'user' ? `can't find uid for user ${value}` : `can't find gid for group ${value}`;
  const text = readImageFile(layer, file);
  if (text === undefined) throw invalid(`unable to convert uid/gid chown string to host mapping: ${what}: open /${file}: no such file or directory`);
  const id = lookup(text, value, 2);
  if (id === undefined) throw invalid(`unable to convert uid/gid chown string to host mapping: ${what}: no such ${kind}: ${value}`);
  return id;
}

export function parseChown(layer: PendingLayer, chown: string): Owner {
  const parts = chown.split(':');
  if (parts.length > 2) throw invalid(`invalid chown string format: ${chown}`);
  const [user, group] = parts.length === 1 ? [parts[0]!, parts[0]!] : [parts[0]!, parts[1]!];
  return { uid: resolveId(layer, user, 'user'), gid: resolveId(layer, group, 'group') };
}

/** --chmod: octal only (BuildKit also takes symbolic modes; berth does not yet). */
export function parseChmod(chmod: string): number {
  if (!/^[0-7]{1,4}$/.test(chmod)) throw invalid(`invalid chmod parameter ${JSON.stringify(chmod)}: berth supports octal modes only`);
  return parseInt(chmod, 8);
}
