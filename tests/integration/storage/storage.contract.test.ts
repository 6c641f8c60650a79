/**
 * Runs the storage contract against every adapter available here: the embedded store always, MongoDB when
 * MONGODB_URI is set or a mongod binary is on PATH.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { openEmbeddedStore } from '../../../server/storage/embedded/store';
import { openMongoStore } from '../../../server/storage/mongo/adapter';
import type { Store } from '../../../server/storage/port';
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
} else {
  describe('storage contract: mongodb', () => {
    it.skip(`skipped: ${mongo.reason}`, () => undefined);
  });
}
console.log(`storage contract adapters run: ${ran.join(', ')}${mongo.reason ? `; skipped: mongodb (${mongo.reason})` : ''}`);
