/**
 * The blob port: the same contract for files under DATA_DIR (always) and GridFS (when MONGODB_URI is set or a
 * mongod binary is on PATH); then quotas and abandoned uploads, through the service, on the tests' store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLOB_ORPHAN_TTL_MS, STORAGE_QUOTA_BYTES } from '../../../shared/wall/limits';
import { blobStore, FileBlobBytes, type BlobBytes } from '../../../server/features/blobs/bytes';
import { blobsCollection, quotaOf } from '../../../server/features/blobs/model';
import { blobDeleter, blobSaver, storageUsage } from '../../../server/features/blobs/service';
import { openMongoStore } from '../../../server/storage/mongo/adapter';
import { newId } from '../../../server/storage/port';
import { createTestContext } from '../../helpers/context';
import { png } from '../../fixtures/wall/images';
import { discoverMongo } from '../storage/mongo-target';

function describeBlobContract(name: string, open: () => Promise<{ bytes: BlobBytes; cleanup(): Promise<void> }>): void {
  describe(`blob port contract: ${name}`, () => {
    let handle: Awaited<ReturnType<typeof open>>;
    beforeAll(async () => {
      handle = await open();
    });
    afterAll(async () => {
      await handle?.cleanup();
    });

    it('stores, reads back byte for byte, overwrites, and deletes (twice is fine)', async () => {
      const id = newId();
      const data = new Uint8Array(300_000).map((_, i) => (i * 7) % 256);
      await handle.bytes.put(id, data, { contentType: 'application/pdf', filename: 'a.pdf' });
      expect(Buffer.from((await handle.bytes.get(id))!).equals(Buffer.from(data))).toBe(true);
      await handle.bytes.put(id, new Uint8Array([1, 2, 3]), { contentType: 'application/pdf', filename: 'a.pdf' });
      expect([...(await handle.bytes.get(id))!]).toEqual([1, 2, 3]);
      await handle.bytes.delete(id);
      await handle.bytes.delete(id);
      expect(await handle.bytes.get(id)).toBeNull();
    });

    it('answers null for a missing id and refuses ids that are not ours', async () => {
      expect(await handle.bytes.get(newId())).toBeNull();
      await expect(handle.bytes.get('../../etc/passwd')).rejects.toThrow(/invalid blob id/);
      await expect(handle.bytes.put('x'.repeat(24), new Uint8Array(1), { contentType: 'x', filename: 'x' })).rejects.toThrow(/invalid blob id/);
    });
  });
}

describeBlobContract('files under DATA_DIR', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'preau-blobs-'));
  return { bytes: new FileBlobBytes(dir), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
});

const mongo = await discoverMongo();
if (mongo.target) {
  const target = mongo.target;
  afterAll(() => target.stop());
  describeBlobContract('GridFS', async () => {
    const dbName = target.freshDbName();
    const store = await openMongoStore({ uri: target.uri, dbName, maxAttempts: 1 });
    const bytes = blobStore({ store, config: { dataDir: '/nonexistent' } as never });
    expect(bytes.kind).toBe('gridfs');
    return {
      bytes,
      async cleanup() {
        await store.close();
        await target.dropDatabase(dbName);
      },
    };
  });
} else {
  describe('blob port contract: GridFS', () => {
    it.skip(`skipped: ${mongo.reason}`, () => undefined);
  });
}

describe('blob service: quotas and abandoned uploads', () => {
  let env: Awaited<ReturnType<typeof createTestContext>>;
  beforeAll(async () => {
    env = await createTestContext();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('takes the largest quota of a user’s profiles', () => {
    expect(quotaOf(['pupil'])).toBe(STORAGE_QUOTA_BYTES.pupil);
    expect(quotaOf(['parent', 'teacher'])).toBe(STORAGE_QUOTA_BYTES.teacher);
  });

  it('counts files and thumbnails, gives the space back on delete, and purges uploads abandoned for a day', async () => {
    const owner = { schoolId: 's', userId: 'u1', profiles: ['pupil'] as const, spaceId: 'w' };
    const { blob, used } = await blobSaver(env.ctx, { ...owner, profiles: [...owner.profiles] }, { data: await png(64, 64), filename: 'a.png' });
    expect(used).toBe(blob.size + blob.thumbSize);
    expect(await blobStore(env.ctx).get(blob._id)).not.toBeNull();
    await blobDeleter(env.ctx, blob._id);
    expect((await storageUsage(env.ctx, 'u1', ['pupil'])).used).toBe(0);
    expect(await blobStore(env.ctx).get(blob._id)).toBeNull();

    const old = await blobSaver(env.ctx, { ...owner, profiles: ['pupil'] }, { data: await png(64, 64), filename: 'old.png' });
    await blobsCollection(env.ctx.store).updateOne({ _id: old.blob._id }, { $set: { createdAt: Date.now() - BLOB_ORPHAN_TTL_MS - 1 } });
    const fresh = await blobSaver(env.ctx, { ...owner, profiles: ['pupil'] }, { data: await png(64, 64), filename: 'new.png' });
    expect(await blobsCollection(env.ctx.store).findOne({ _id: old.blob._id })).toBeNull();
    expect(fresh.used).toBe(fresh.blob.size + fresh.blob.thumbSize);
  });
});
