/** Conformance suite for ContentStore implementations (after containerd's testsuite). */
import { describe, expect, it } from 'vitest';
import type { ContentStore } from '../../../src/store/content/types.js';
import { sha256 } from '../../../src/oci/digest.js';
import { isEngineError } from '../../../src/lib/errors.js';

export function contentStoreSuite(name: string, make: () => Promise<ContentStore>) {
  describe(`content store: ${name}`, () => {
    it('writes, reads back and lists a blob by its digest', async () => {
      const s = await make();
      const data = Buffer.from('hello blob');
      const info = await s.writeBlob(data);
      expect(info).toEqual({ digest: sha256(data), size: data.length });
      expect((await s.readBlob(info.digest)).toString()).toBe('hello blob');
      expect((await s.list()).map((b) => b.digest)).toContain(info.digest);
    });

    it('rejects a digest mismatch as DATA_LOSS and publishes nothing', async () => {
      const s = await make();
      const wrong = sha256('other');
      await expect(s.writeBlob(Buffer.from('data'), wrong)).rejects.toSatisfy((e) => isEngineError(e, 'DATA_LOSS'));
      expect(await s.info(wrong)).toBeUndefined();
      expect(await s.info(sha256('data'))).toBeUndefined();
    });

    it('rejects a size mismatch', async () => {
      const s = await make();
      const w = await s.writer();
      await w.write(Buffer.from('abc'));
      await expect(w.commit({ size: 4 })).rejects.toSatisfy((e) => isEngineError(e, 'DATA_LOSS'));
      expect(await s.list()).toEqual([]);
    });

    it('treats committing an existing blob as success', async () => {
      const s = await make();
      const a = await s.writeBlob(Buffer.from('same'));
      const b = await s.writeBlob(Buffer.from('same'), a.digest);
      expect(b).toEqual(a);
    });

    it('reports a missing blob as NOT_FOUND', async () => {
      const s = await make();
      await expect(s.readBlob(sha256('nope'))).rejects.toSatisfy((e) => isEngineError(e, 'NOT_FOUND'));
    });

    it('deletes blobs', async () => {
      const s = await make();
      const a = await s.writeBlob(Buffer.from('gone'));
      await s.delete(a.digest);
      expect(await s.info(a.digest)).toBeUndefined();
    });
  });
}
