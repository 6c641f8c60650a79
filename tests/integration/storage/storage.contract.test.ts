/**
 * Runs the storage contract against every adapter available here: the embedded store always, MongoDB when
 * MONGODB_URI is set or a mongod binary is on PATH.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_DOCUMENT_MAX_BYTES } from '../../../shared/storage/limits';
import { openEmbeddedStore } from '../../../server/storage/embedded/store';
import { openMongoStore } from '../../../server/storage/mongo/adapter';
import { DocumentTooLargeError, type BaseDoc, type Store } from '../../../server/storage/port';
import { describeStorageContract, type StoreHandle } from './contract';
import { discoverMongo } from './mongo-target';

async function embeddedHandle(): Promise<StoreHandle> {
  const dataDir = mkdtempSync(join(tmpdir(), 'preau-store-'));
  let store: Store = await openEmbeddedStore({ dataDir });
  return {
    store,
    async reopen() {
      await store.close();
      store = await openEmbeddedStore({ dataDir });
      return store;
    },
    async cleanup() {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

describeStorageContract('embedded (SQLite)', embeddedHandle);

const mongo = await discoverMongo();
const ran = ['embedded (SQLite)'];
if (mongo.target) {
  const target = mongo.target;
  ran.push(`mongodb (${target.source})`);
  afterAll(() => target.stop());
  describeStorageContract('mongodb', async () => {
    const dbName = target.freshDbName();
    const open = () => openMongoStore({ uri: target.uri, dbName, maxAttempts: 1 });
    let store = await open();
    return {
      store,
      async reopen() {
        await store.close();
        store = await open();
        return store;
      },
      async cleanup() {
        await store.close();
        await target.dropDatabase(dbName);
      },
    };
  });
  describe('mongodb: documents over the BSON limit', () => {
    const dbName = target.freshDbName();
    let store: Store;
    beforeAll(async () => {
      store = await openMongoStore({ uri: target.uri, dbName, maxAttempts: 1 });
    });
    afterAll(async () => {
      await store?.close();
      await target.dropDatabase(dbName);
    });
    /** What a write came to: its error, or 'written' (never the 16 MiB document, were the assertion to fail). */
    const outcome = (write: Promise<unknown>): Promise<unknown> => write.then(() => 'written', (error: unknown) => error);
    const half = () => new Uint8Array(STORE_DOCUMENT_MAX_BYTES / 2);

    it('refuses an oversized insert, and an update whose result would be, with DocumentTooLargeError; nothing is written', async () => {
      const files = store.collection<BaseDoc & { a?: Uint8Array; b?: Uint8Array }>('files');
      expect(await outcome(files.insertOne({ _id: 'big', a: half(), b: half() }))).toBeInstanceOf(DocumentTooLargeError);
      expect(await files.count({ _id: 'big' })).toBe(0);
      // Each half fits; the server refuses the second update, whose result is over the limit.
      await files.insertOne({ _id: 'grows', a: half() });
      const refused = await outcome(files.updateOne({ _id: 'grows' }, { $set: { b: half() } }));
      expect(refused).toBeInstanceOf(DocumentTooLargeError);
      expect(await files.count({ _id: 'grows', b: { $exists: true } })).toBe(0);
      // Inside a transaction: the server's refusal aborts it, as any refused operation does on MongoDB.
      const inTransaction = await outcome(store.transaction(() => files.updateOne({ _id: 'grows' }, { $set: { b: half() } })));
      expect(inTransaction).toBeInstanceOf(DocumentTooLargeError);
    });
  });
} else {
  describe('storage contract: mongodb', () => {
    it.skip(`skipped: ${mongo.reason}`, () => undefined);
  });
}
console.log(`storage contract adapters run: ${ran.join(', ')}${mongo.reason ? `; skipped: mongodb (${mongo.reason})` : ''}`);
