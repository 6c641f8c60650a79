/**
 * Storage throughput, per adapter: `node --import tsx bench/store.bench.ts` (BENCH_SECONDS=n per measure,
 * default 2). Embedded always (synchronous NORMAL, the default, and FULL); MongoDB when MONGODB_URI is set,
 * in a throw-away database. Operations run one after another (one awaited call at a time), which is the
 * latency-bound case of a request handler; all data goes to a temporary directory removed at the end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { openEmbeddedStore } from '../server/storage/embedded/store';
import { openMongoStore } from '../server/storage/mongo/adapter';
import type { BaseDoc, Store } from '../server/storage/port';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const GROUPS = 100;

interface Member extends BaseDoc {
  email: string;
  group: number;
  score: number;
  name: string;
  bio: string;
}

interface Target {
  name: string;
  open(): Promise<Store>;
  cleanup(): Promise<void>;
}

/** Runs `op` back to back for SECONDS; returns operations per second. */
async function measure(op: (i: number) => Promise<unknown>): Promise<number> {
  const end = performance.now() + SECONDS * 1000;
  const start = performance.now();
  let n = 0;
  while (performance.now() < end) {
    // Check the clock every few operations only: it is not free at these rates.
    for (let k = 0; k < 16; k++) await op(n++);
  }
  return n / ((performance.now() - start) / 1000);
}

/** A tiny deterministic PRNG: runs are comparable across adapters. */
function prng(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

async function benchStore(store: Store): Promise<Record<string, number>> {
  const members = store.collection<Member>('members');
  await members.ensureIndexes([{ fields: { email: 1 }, unique: true }, { fields: { group: 1, score: -1 } }]);
  const random = prng(42);
  const bio = 'b'.repeat(200);
  const ids: string[] = [];
  const results: Record<string, number> = {};
  results['insertOne'] = await measure(async (i) => {
    const doc = await members.insertOne({ email: `m${i}@school.test`, group: i % GROUPS, score: Math.floor(random() * 1000), name: `M ${i}`, bio });
    ids.push(doc._id);
  });
  const count = ids.length;
  const pick = (): number => Math.floor(random() * count);
  results['findOne by unique index'] = await measure(() => members.findOne({ email: `m${pick()}@school.test` }));
  results['find indexed, sorted, limit 50'] = await measure((i) => members.find({ group: i % GROUPS }, { sort: { score: -1 }, limit: 50 }));
  results['updateOne $inc by _id'] = await measure(() => members.updateOne({ _id: ids[pick()] as string }, { $inc: { score: 1 } }));
  results['updateOne $set by index'] = await measure((i) => members.updateOne({ email: `m${pick()}@school.test` }, { $set: { name: `N ${i}` } }));
  results['documents'] = count;
  return results;
}

function embeddedTarget(synchronous: 'NORMAL' | 'FULL'): Target {
  const dir = mkdtempSync(join(tmpdir(), 'preau-bench-'));
  return {
    name: `embedded (synchronous=${synchronous})`,
    open: () => openEmbeddedStore({ dataDir: dir, synchronous }),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

function mongoTarget(uri: string): Target {
  const dbName = `preau_bench_${Date.now().toString(36)}_${process.pid}`;
  return {
    name: 'mongodb',
    open: () => openMongoStore({ uri, dbName, maxAttempts: 1 }),
    cleanup: async () => {
      const connection = await mongoose.createConnection(uri, { dbName }).asPromise();
      await connection.dropDatabase();
      await connection.close();
    },
  };
}

const targets: Target[] = [embeddedTarget('NORMAL'), embeddedTarget('FULL')];
const uri = process.env.MONGODB_URI?.trim();
if (uri) targets.push(mongoTarget(uri));
else console.log('mongodb: skipped (MONGODB_URI is not set)');

const table: Record<string, Record<string, string>> = {};
for (const target of targets) {
  const store = await target.open();
  try {
    const results = await benchStore(store);
    for (const [measureName, value] of Object.entries(results)) {
      (table[measureName] ??= {})[target.name] = measureName === 'documents' ? String(value) : `${Math.round(value).toLocaleString('en')} /s`;
    }
  } finally {
    await store.close();
    await target.cleanup();
  }
}
console.log(`\nstore benchmark, ${SECONDS}s per measure, sequential awaited calls, node ${process.version}`);
console.table(table);
