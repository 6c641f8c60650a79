/**
 * The embedded store's WAL checkpoints run in a worker thread (`server/storage/embedded/checkpointer.ts`), never
 * inside a commit on the event loop; if the worker dies, SQLite's automatic checkpoints come back.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WalCheckpointer } from '../../../server/storage/embedded/checkpointer';
import { EMBEDDED_FILE, openEmbeddedStore } from '../../../server/storage/embedded/store';
import type { Store } from '../../../server/storage/port';

/** What the test reads of the store beyond its port. */
interface EmbeddedInternals {
  checkpointer: WalCheckpointer | null;
  db: Database.Database;
}
const internals = (store: Store): EmbeddedInternals => store as unknown as EmbeddedInternals;

let dataDir: string;
let store: Store;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'preau-checkpoints-'));
});
afterEach(async () => {
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** About 4 MB of documents in 200 commits: well past SQLite's automatic checkpoint threshold (1,000 pages). */
async function writeMuch(): Promise<void> {
  const notes = store.collection<{ _id: string; text: string }>('notes');
  for (let i = 0; i < 200; i += 1) {
    await store.transaction(async () => {
      for (let j = 0; j < 10; j += 1) await notes.insertOne({ text: `${i}-${j} ${'x'.repeat(2000)}` });
    });
  }
}

describe('WAL checkpoints', () => {
  it('are not made by the commits: the worker copies the whole WAL into the file', async () => {
    // An interval longer than the test: only the checkpoint asked below runs.
    store = await openEmbeddedStore({ dataDir, checkpointIntervalMs: 600_000 });
    await writeMuch();
    const checkpointer = internals(store).checkpointer;
    expect(checkpointer).not.toBeNull();
    // Nothing was checkpointed by the commits: the WAL holds every page written (with automatic checkpoints it
    // would have been rewound at 1,000 pages).
    const result = await checkpointer!.checkpointNow();
    expect(result.log).toBeGreaterThan(1000);
    expect(result.checkpointed).toBe(result.log);
    expect(result.busy).toBe(false);
    // The database file now holds the documents, whatever happens to the WAL.
    expect(statSync(join(dataDir, EMBEDDED_FILE)).size).toBeGreaterThan(4_000_000);
    expect(await store.collection('notes').count()).toBe(2000);
  });

  it('keep the WAL short while writes go on', async () => {
    store = await openEmbeddedStore({ dataDir, checkpointIntervalMs: 20 });
    const checkpointer = internals(store).checkpointer!;
    const seen: number[] = [];
    const notes = store.collection<{ _id: string; text: string }>('notes');
    for (let i = 0; i < 200; i += 1) {
      await store.transaction(async () => {
        for (let j = 0; j < 10; j += 1) await notes.insertOne({ text: `${i}-${j} ${'x'.repeat(2000)}` });
      });
      // Let the event loop breathe so the worker's reports come in; the WAL is rewound after each full checkpoint.
      if (i % 20 === 19) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        if (checkpointer.last) seen.push(checkpointer.last.log);
      }
    }
    expect(seen.length).toBeGreaterThan(0);
    // 200 commits of ~7 pages each would be 1,400+ frames with no checkpoint at all.
    expect((await checkpointer.checkpointNow()).log).toBeLessThan(1000);
  });

  it('go back to the store connection when the worker dies', async () => {
    store = await openEmbeddedStore({ dataDir, checkpointIntervalMs: 600_000 });
    const { db } = internals(store);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const worker = (internals(store).checkpointer as unknown as { worker: Worker }).worker;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    await worker.terminate();
    await exited;
    expect(internals(store).checkpointer).toBeNull();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await writeMuch();
    expect(await store.collection('notes').count()).toBe(2000);
  });
});
