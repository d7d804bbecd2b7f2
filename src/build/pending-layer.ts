/**
 * A layer assembled without a container: entries placed over an image's merged tree, then
 * streamed out as one deterministic layer tar (parents first, whole-second mtimes). Directories
 * a write passes through get an entry carrying their existing attributes, as an overlay copy-up
 * would, so the merged view keeps them; missing ones are created 0755 with the given owner.
 */
import { Readable } from 'node:stream';
import { invalid } from '../lib/errors.js';
import { encodeHeader, endOfArchive, padding, type TarHeader, type TarType } from '../image/layer/tar-writer.js';
import { capabilityOf, devNumbers, fileContent } from '../image/layer/tree-read.js';
import type { LinkSource, Tree, TreeNode } from './tree.js';
import { parentOf } from './tree.js';
import { readlinkSync } from 'node:fs';

export interface Owner { uid: number; gid: number }

interface Entry {
  type: TarType;
  mode: number;
  uid: number;
  gid: number;
  mtime: number;
  /** The object whose content (file) or target (symlink) the entry carries. */
  src?: TreeNode;
  devmajor?: number;
  devminor?: number;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);
const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function typeOf(node: TreeNode): TarType | undefined {
  const st = node.st;
  if (st.isFile()) return 'file';
  if (st.isDirectory()) return 'directory';
  if (st.isSymbolicLink()) return 'symlink';
  if (st.isFIFO()) return 'fifo';
  if (st.isCharacterDevice()) return st.rdev === 0 ? undefined : 'character-device'; // 0/0 is an overlay whiteout
  if (st.isBlockDevice()) return 'block-device';
  return undefined; // sockets cannot go into a tar
}

const CHUNK = 1 << 20;

/**
 * Small pieces (a 512-byte header, a few hundred bytes of content) joined into chunks of about
 * 1 MiB: every chunk costs the content store a write and the stream an await, and a COPY of
 * thousands of small files spent most of its time there.
 */
function* coalesce(parts: Iterable<Buffer>): Generator<Buffer> {
  let held: Buffer[] = [];
  let size = 0;
  for (const p of parts) {
    if (p.length >= CHUNK && size === 0) { yield p; continue; }
    held.push(p);
    size += p.length;
    if (size >= CHUNK) {
      yield Buffer.concat(held, size);
      held = [];
      size = 0;
    }
  }
  if (size > 0) yield Buffer.concat(held, size);
}

export class PendingLayer implements LinkSource {
  private readonly entries = new Map<string, Entry>();

  /** `lower`: the image the layer goes on top of. */
  constructor(readonly lower: Tree) {}

  get empty(): boolean { return this.entries.size === 0; }

  /** The merged view: our entries over the image's. */
  symlinkAt(rel: string): string | undefined {
    const e = this.entries.get(rel);
    if (e) return e.type === 'symlink' && e.src ? readlinkSync(e.src.abs) : undefined;
    const node = this.lower.lookup(rel);
    return node?.st.isSymbolicLink() ? readlinkSync(node.abs) : undefined;
  }

  kind(rel: string): 'dir' | 'other' | undefined {
    if (rel === '') return 'dir';
    const e = this.entries.get(rel);
    if (e) return e.type === 'directory' ? 'dir' : 'other';
    const node = this.lower.lookup(rel);
    return node ? (node.st.isDirectory() ? 'dir' : 'other') : undefined;
  }

  /** MkdirAll: every missing directory of `rel` (itself included) is created with `owner`. */
  ensureDirs(rel: string, owner: Owner): void {
    if (rel === '') return;
    this.ensureDirs(parentOf(rel), owner);
    const e = this.entries.get(rel);
    if (e) {
      if (e.type !== 'directory') throw invalid(`mkdir /${rel}: not a directory`);
      return;
    }
    const node = this.lower.lookup(rel);
    if (node && !node.st.isDirectory()) throw invalid(`mkdir /${rel}: not a directory`);
    if (!node) this.entries.set(rel, { type: 'directory', mode: 0o755, uid: owner.uid, gid: owner.gid, mtime: nowSeconds() });
  }

  /** Existing directories above our entries, with their own attributes (an overlay copy-up). */
  private copyUps(): void {
    for (const rel of [...this.entries.keys()]) {
      for (let dir = parentOf(rel); dir !== '' && !this.entries.has(dir); dir = parentOf(dir)) {
        const node = this.lower.lookup(dir);
        if (!node?.st.isDirectory()) break;
        const st = node.st;
        this.entries.set(dir, { type: 'directory', mode: st.mode & 0o7777, uid: st.uid, gid: st.gid, mtime: Math.floor(st.mtimeMs / 1000) });
      }
    }
  }

  /** Place a copy of `node` at `rel` (parents must exist); `owner` undefined keeps the node's own. */
  put(rel: string, node: TreeNode, owner: Owner | undefined, chmod?: number): void {
    const type = typeOf(node);
    if (!type || rel === '') return;
    const st = node.st;
    const mode = chmod !== undefined && (type === 'file' || type === 'directory') ? chmod : st.mode & 0o7777;
    const [devmajor, devminor] = type.endsWith('device') ? devNumbers(st.rdev) : [0, 0];
    this.entries.set(rel, {
      type, mode, uid: owner?.uid ?? st.uid, gid: owner?.gid ?? st.gid, mtime: Math.floor(st.mtimeMs / 1000), src: node, devmajor, devminor,
    });
  }

  /** Change the owner of an entry already placed (fixPermissions). */
  chown(rel: string, owner: Owner): void {
    const e = this.entries.get(rel);
    if (e) { e.uid = owner.uid; e.gid = owner.gid; }
  }

  /** The layer tar (uncompressed). */
  tar(): Readable {
    return Readable.from(coalesce(this.generate()), { objectMode: false });
  }

  private *generate(): Generator<Buffer> {
    this.copyUps();
    for (const rel of [...this.entries.keys()].sort(byteOrder)) {
      const e = this.entries.get(rel)!;
      const size = e.type === 'file' ? e.src!.st.size : 0;
      const h: TarHeader = {
        name: e.type === 'directory' ? `${rel}/` : rel, type: e.type, mode: e.mode, uid: e.uid, gid: e.gid, size, mtime: e.mtime,
        ...(e.type === 'symlink' ? { linkname: readlinkSync(e.src!.abs) } : {}),
        ...(e.type.endsWith('device') ? { devmajor: e.devmajor, devminor: e.devminor } : {}),
        ...(e.type === 'file' && !e.src!.noCaps ? { xattrs: capabilityOf(e.src!.abs) } : {}),
      };
      yield encodeHeader(h);
      if (size > 0) {
        yield* fileContent(e.src!.abs, e.src!.st, rel);
        yield padding(size);
      }
    }
    yield endOfArchive();
  }
}
