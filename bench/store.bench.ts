/**
 * Storage throughput, per adapter: `node --import tsx bench/store.bench.ts` (BENCH_SECONDS=n per measure,
 * default 2). Embedded always (synchronous NORMAL, the default, and FULL); MongoDB when MONGODB_URI is set,
 * in a throw-away database. Operations run one after another (one awaited call at a time), which is the
 * latency-bound case of a request handler; all data goes to a temporary directory removed at the end.
 *
 * Then the cost of one audited change (`auditedChange`: a wall move's writes and its signed, hash-chained audit
 * entry in one store transaction) on the embedded store, with one commit per change and with group commit
 * (STORE_BATCH_MAX_TRANSACTIONS), in the same run: one change at a time, and BENCH_AUDIT_CONCURRENCY changes in
 * flight at once (default 32, as the handlers of one busy turn of the event loop). Printed as changes per second
 * and microseconds of the process per change.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { auditedChange } from '../server/audit/command';
import { AuditLog } from '../server/audit/log';
import type { ServerContext } from '../server/context';
import { openEmbeddedStore } from '../server/storage/embedded/store';
import { openMongoStore } from '../server/storage/mongo/adapter';
import type { BaseDoc, Store } from '../server/storage/port';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const GROUPS = 100;
const AUDIT_CONCURRENCY = Number(process.env.BENCH_AUDIT_CONCURRENCY ?? 32);

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

/** Runs `op` from `concurrency` loops at once for SECONDS; returns operations per second. */
async function measureConcurrent(op: (i: number) => Promise<unknown>, concurrency: number): Promise<number> {
  const start = performance.now();
  const end = start + SECONDS * 1000;
  let n = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) await op(n++);
    }),
  );
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

interface Card extends BaseDoc {
  x: number;
  seq: number;
}

/**
 * Audited changes shaped like a wall move: the wall's operation counter, the card, and the audit entry (hashes
 * of before/after, chain link, HMAC, reservation, checkpoints) in one `auditedChange`. Returns changes per
 * second and the process's CPU microseconds per change.
 */
async function benchAudited(synchronous: 'NORMAL' | 'FULL', batchMaxTransactions: number | undefined, concurrency: number): Promise<{ rate: number; cpuUs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'preau-bench-audit-'));
  const store = await openEmbeddedStore({ dataDir: dir, synchronous, ...(batchMaxTransactions === undefined ? {} : { batchMaxTransactions }) });
  const audit = new AuditLog(store, { anchor: { key: 'a-benchmark-audit-key-0123456789abcdef', dir: join(dir, 'audit-checkpoints') } });
  try {
    await audit.init();
    const ctx = { store, services: { audit } } as unknown as ServerContext;
    const cards = store.collection<Card>('cards');
    const counters = store.collection<BaseDoc & { seq: number }>('counters');
    await cards.insertMany(Array.from({ length: 100 }, (_, i) => ({ _id: `card${i}`, x: 0, seq: 0 })));
    const move = (i: number) =>
      auditedChange(ctx, async (record) => {
        const counter = await counters.findOneAndUpdate({ _id: 'wall' }, { $inc: { seq: 1 } }, { upsert: true });
        const id = `card${i % 100}`;
        await cards.findOneAndUpdate({ _id: id }, { $set: { x: i, seq: counter?.seq ?? 0 } });
        await record({
          schoolId: 'bench-school',
          actor: { userId: 'u1', profile: 'pupil', ip: '127.0.0.1' },
          origin: 'socket',
          event: 'wall.card_moved',
          target: { type: 'card', id, ownerId: 'u1' },
          context: { classId: 'class-1', spaceId: 'wall-1' },
          change: { fields: ['position'], before: { position: { x: i - 1, y: 0 } }, after: { position: { x: i, y: 0 } } },
        });
      });
    const cpu = process.cpuUsage();
    const before = performance.now();
    const rate = concurrency === 1 ? await measure(move) : await measureConcurrent(move, concurrency);
    const used = process.cpuUsage(cpu);
    const changes = rate * ((performance.now() - before) / 1000);
    const verdict = await audit.verify('bench-school');
    if (!verdict.ok) throw new Error(`the benchmark's audit chain does not verify: ${verdict.problem ?? ''}`);
    return { rate, cpuUs: (used.user + used.system) / changes };
  } finally {
    await audit.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const audited: Record<string, Record<string, string>> = {};
for (const synchronous of ['NORMAL', 'FULL'] as const) {
  for (const concurrency of [1, AUDIT_CONCURRENCY]) {
    const row = `synchronous=${synchronous}, ${concurrency === 1 ? 'one at a time' : `${concurrency} in flight`}`;
    for (const [column, batch] of [
      ['one commit each', 1],
      ['group commit', undefined],
    ] as const) {
      const { rate, cpuUs } = await benchAudited(synchronous, batch, concurrency);
      (audited[row] ??= {})[column] = `${Math.round(rate).toLocaleString('en')} /s, ${Math.round(cpuUs)} µs CPU`;
    }
  }
}
console.log(`\naudited changes (a wall move and its audit entry), ${SECONDS}s per measure, embedded store`);
console.table(audited);
