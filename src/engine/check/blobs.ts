/**
 * Every blob re-hashed against its name, streamed (layers can be gigabytes). A corrupt blob that
 * no image needs is garbage and is removed by `--repair`; one an image needs cannot be repaired
 * here: the image has to be pulled or loaded again.
 */
import { createReadStream, promises as fsp } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { attempt, type CheckContext, type CheckFinding } from './types.js';
import { imageNeeds, reacquireHint } from './refs.js';

async function hashFile(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

export async function checkBlobs(ctx: CheckContext): Promise<CheckFinding[]> {
  const dir = join(ctx.root, 'blobs', 'sha256');
  const names = await fsp.readdir(dir).catch(() => [] as string[]);
  const needs = await imageNeeds(ctx.images);
  const out: CheckFinding[] = [];
  for (const name of names) {
    const path = join(dir, name);
    if (!/^[a-f0-9]{64}$/.test(name)) {
      out.push(await attempt(ctx, { kind: 'stray-blob-file', severity: 'warning', path, message: 'file in the blob store is not named by a digest', repairable: true },
        () => fsp.rm(path, { recursive: true, force: true })));
      continue;
    }
    let actual: string;
    try { actual = await hashFile(path); } catch { continue; } // removed meanwhile (a concurrent GC)
    if (actual === name) continue;
    const users = needs.blobs.get(`sha256:${name}`) ?? [];
    if (users.length) {
      out.push({
        kind: 'corrupt-blob', severity: 'error', path, repairable: false,
        message: `blob sha256:${name} hashes to sha256:${actual}; needed by image ${users.map((u) => u.slice(7, 19)).join(', ')}`,
        hint: await reacquireHint(ctx.images, users),
      });
    } else {
      out.push(await attempt(ctx, { kind: 'corrupt-blob', severity: 'error', path, message: `blob sha256:${name} hashes to sha256:${actual}; no image needs it`, repairable: true },
        () => fsp.rm(path, { force: true })));
    }
  }
  return out;
}
