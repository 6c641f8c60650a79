/**
 * Embedded-store transactions beyond the contract: how an open transaction owns the single connection
 * (operations from other contexts, flush and close wait for it; other processes wait on SQLite's write lock),
 * and how each operation inside one stays atomic through a savepoint.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMBEDDED_FILE, openEmbeddedStore } from '../../../server/storage/embedded/store';
import { DuplicateKeyError, StorageUsageError, type BaseDoc, type Store } from '../../../server/storage/port';

interface Item extends BaseDoc {
  n?: number;
  email?: string;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function gate(): { promise: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/** Settles to whether `promise` settled within `ms`. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let settled = false;
  void promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await sleep(ms);
  return settled;
}

let dataDir: string;
let store: Store;
beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'preau-embedded-tx-'));
  store = await openEmbeddedStore({ dataDir });
});
afterEach(async () => {
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Starts a transaction that writes `before`, then waits for the returned `finish` before going on. */
function holdOpen(items: () => ReturnType<Store['collection']>, after?: () => Promise<void>) {
  const started = gate();
  const finish = gate();
  const done = store.transaction(async () => {
    await items().insertOne({ _id: 'inside' });
    started.open();
    await finish.promise;
    await after?.();
  });
  return { started: started.promise, finish: finish.open, done };
}

describe('embedded transactions', () => {
  it('make an operation from another context wait until the transaction ends', async () => {
    const items = store.collection<Item>('items');
    const tx = holdOpen(() => items);
    await tx.started;
    const outside = items.find({});
    expect(await settlesWithin(outside, 40)).toBe(false);
    tx.finish();
    await tx.done;
    expect(await outside).toEqual([{ _id: 'inside' }]);
  });

  it('count an operation of a finished transaction’s context as outside the next one', async () => {
    const items = store.collection<Item>('items');
    let late: Promise<unknown> | undefined;
    await store.transaction(async () => {
      late = sleep(20).then(() => items.insertOne({ _id: 'late' }));
    });
    // A second transaction is open when `late` starts: it must neither join it nor be rolled back with it.
    const tx = holdOpen(
      () => items,
      async () => {
        throw new Error('rollback');
      },
    );
    await tx.started;
    await sleep(40);
    tx.finish();
    await expect(tx.done).rejects.toThrow('rollback');
    await late;
    expect(await items.find({})).toEqual([{ _id: 'late' }]);
  });

  it('undo a failed operation alone, through a savepoint, and go on', async () => {
    const users = store.collection<Item>('users');
    await users.ensureIndexes([{ fields: { email: 1 }, unique: true }]);
    await users.insertMany([{ _id: 'u1', email: 'a@x' }, { _id: 'u2', email: 'b@x' }]);
    await store.transaction(async () => {
      await users.insertOne({ _id: 'u3', email: 'c@x' });
      // The second document would take the first one's email: the whole updateMany is undone.
      await expect(users.updateMany({}, { $set: { email: 'same@x' } })).rejects.toBeInstanceOf(DuplicateKeyError);
      await users.updateOne({ _id: 'u1' }, { $set: { n: 1 } });
    });
    expect(await users.find({}, { sort: { _id: 1 } })).toEqual([
      { _id: 'u1', email: 'a@x', n: 1 },
      { _id: 'u2', email: 'b@x' },
      { _id: 'u3', email: 'c@x' },
    ]);
  });

  it('hold SQLite’s write lock from the start, so other processes wait', async () => {
    const items = store.collection<Item>('items');
    await items.insertOne({ _id: 'before' });
    const other = new Database(join(dataDir, EMBEDDED_FILE), { timeout: 50 });
    try {
      const tx = holdOpen(() => items);
      await tx.started;
      expect(() => other.prepare(`INSERT INTO "c_items" (id, doc) VALUES ('x', '{"_id":"x"}')`).run()).toThrow(/locked|busy/i);
      // Readers of other processes see the last commit, without the open transaction's row.
      expect(other.prepare('SELECT id FROM "c_items" ORDER BY id').pluck().all()).toEqual(['before']);
      tx.finish();
      await tx.done;
      other.prepare(`INSERT INTO "c_items" (id, doc) VALUES ('x', '{"_id":"x"}')`).run();
    } finally {
      other.close();
    }
    expect((await items.find({})).map((doc) => doc._id).sort()).toEqual(['before', 'inside', 'x']);
  });

  it('make flush and close wait for the open transaction, which commits', async () => {
    const items = store.collection<Item>('items');
    const tx = holdOpen(
      () => items,
      async () => {
        await items.insertOne({ _id: 'last' });
      },
    );
    await tx.started;
    const flushed = store.flush();
    expect(await settlesWithin(flushed, 30)).toBe(false);
    const closed = store.close();
    const queued = store.transaction(async () => items.insertOne({ _id: 'too late' }));
    tx.finish();
    await tx.done;
    await flushed;
    await closed;
    await expect(queued).rejects.toBeInstanceOf(StorageUsageError);
    store = await openEmbeddedStore({ dataDir });
    expect((await store.collection<Item>('items').find({})).map((doc) => doc._id).sort()).toEqual(['inside', 'last']);
  });
});
