/**
 * The seed marker on a real store (embedded, or with MONGODB_URI a fresh MongoDB database): an older marker means done, a seeder whose heartbeat stopped is
 * taken over, a live one is waited for, and two starts at once in one process seed once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServerContext } from '../../../server/context';
import { META_COLLECTION, seedIfEmpty, type Seeder } from '../../../server/lifecycle/seed';
import { createLogger } from '../../../server/logger';
import type { BaseDoc, Store } from '../../../server/storage/port';
import { dropTestDatabase, openTestStore } from '../../helpers/store';

const FAST = { heartbeatMs: 20, staleMs: 300 };

describe('seedIfEmpty (real store)', () => {
  let dataDir: string;
  let store: Store;
  let ctx: ServerContext;
  let runs: number;
  const seeder: Seeder = {
    name: 'counter',
    async run() {
      runs += 1;
      await new Promise((resolve) => setTimeout(resolve, 100));
    },
  };
  const marker = () => store.collection<BaseDoc & { state?: string; owner?: string; beat?: number }>(META_COLLECTION);

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'preau-seed-'));
    store = await openTestStore(dataDir);
    ctx = { store, logger: createLogger('silent'), version: 'test' } as unknown as ServerContext;
    runs = 0;
  });
  afterEach(async () => {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
    await dropTestDatabase(dataDir);
  });

  it('seeds an empty store once, then never again', async () => {
    expect(await seedIfEmpty(ctx, [seeder], FAST)).toBe(true);
    expect(await seedIfEmpty(ctx, [seeder], FAST)).toBe(false);
    expect(runs).toBe(1);
    expect(await marker().findOne({ _id: 'seed' })).toMatchObject({ state: 'done', seeders: ['counter'], version: 'test' });
  });

  it('reads a marker written by an older version (no state) as done', async () => {
    await marker().insertOne({ _id: 'seed', seededAt: 1, seeders: ['demo-school'], version: '0.0.1' } as BaseDoc);
    expect(await seedIfEmpty(ctx, [seeder], FAST)).toBe(false);
    expect(runs).toBe(0);
  });

  it('two starts at once: one seeds, the other waits for it and does not seed', async () => {
    const outcomes = await Promise.all([seedIfEmpty(ctx, [seeder], FAST), seedIfEmpty(ctx, [seeder], FAST)]);
    expect(outcomes.sort()).toEqual([false, true]);
    expect(runs).toBe(1);
  });

  it('takes over from a seeder that died half-way (its heartbeat stopped)', async () => {
    await marker().insertOne({ _id: 'seed', state: 'seeding', owner: 'dead-process', beat: 7 } as BaseDoc);
    expect(await seedIfEmpty(ctx, [seeder], FAST)).toBe(true);
    expect(runs).toBe(1);
    expect(await marker().findOne({ _id: 'seed' })).toMatchObject({ state: 'done' });
  });

  it('waits for a seeder that is alive, however long it takes, and then starts without seeding', async () => {
    await marker().insertOne({ _id: 'seed', state: 'seeding', owner: 'slow-process', beat: 0 } as BaseDoc);
    const beating = setInterval(() => void marker().updateOne({ _id: 'seed' }, { $inc: { beat: 1 } }), FAST.heartbeatMs);
    let settled = false;
    const waiting = seedIfEmpty(ctx, [seeder], FAST).finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, FAST.staleMs * 3));
    expect(settled).toBe(false);
    clearInterval(beating);
    await marker().updateOne({ _id: 'seed' }, { $set: { state: 'done' } });
    expect(await waiting).toBe(false);
    expect(runs).toBe(0);
  });
});
