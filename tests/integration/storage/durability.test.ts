/**
 * Acknowledged writes survive the process being killed (SIGKILL: no shutdown hook, no flush): a child
 * writes in a loop and prints each acknowledgement; it is killed mid-stream; the store, reopened, must hold
 * every acknowledged write. Embedded always (NORMAL and FULL), MongoDB when available (see mongo-target.ts).
 * Transactions too: a kill in the middle of one leaves both of its writes or neither.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openEmbeddedStore } from '../../../server/storage/embedded/store';
import { openMongoStore } from '../../../server/storage/mongo/adapter';
import type { BaseDoc, Store } from '../../../server/storage/port';
import { runChildUntilKill } from './kill';
import { discoverMongo } from './mongo-target';

const WRITER = join(import.meta.dirname, 'durability-writer.ts');
const runUntilKill = (env: Record<string, string>, killNow: (stdout: string) => boolean) => runChildUntilKill(WRITER, env, killNow);
const ACKS_BEFORE_KILL = 400;
const TRANSACTION_ROUNDS = 4;

interface Acks {
  inserts: number[];
  increments: number;
  output: string;
}

/** Runs the writer until it has acknowledged enough writes, then SIGKILLs it. */
async function runAndKill(env: Record<string, string>): Promise<Acks> {
  const lines = await runUntilKill(env, (stdout) => (stdout.match(/^C /gm)?.length ?? 0) >= ACKS_BEFORE_KILL);
  const stdout = lines.join('\n');
  const inserts = lines.filter((l) => l.startsWith('I ')).map((l) => Number(l.slice(2)));
  const increments = Math.max(0, ...lines.filter((l) => l.startsWith('C ')).map((l) => Number(l.slice(2))));
  return { inserts, increments, output: stdout };
}

async function verify(store: Store, acks: Acks): Promise<void> {
  const entries = store.collection<BaseDoc & { n: number }>('entries');
  const stored = new Set((await entries.find({})).map((doc) => doc.n));
  const lost = acks.inserts.filter((n) => !stored.has(n));
  expect(acks.inserts.length).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);
  expect(lost, 'acknowledged inserts missing after the kill').toEqual([]);
  const counter = await store.collection<BaseDoc & { n: number }>('counters').findOne({ _id: 'c' });
  // The increment in flight at the kill may or may not have committed; none acknowledged may be missing.
  const context = `acknowledged increments ${acks.increments}, stored ${counter?.n}`;
  expect(counter?.n, context).toBeGreaterThanOrEqual(acks.increments);
  expect(counter?.n, context).toBeLessThanOrEqual(acks.increments + 1);
}

/**
 * Several rounds on one store, each killed right after the writer printed its `killAt`-th "between" line, i.e.
 * while a transaction has written its change and not yet its event. Returns the ids whose commit was acknowledged.
 */
async function runTransactionRounds(env: Record<string, string>): Promise<string[]> {
  const acknowledged: string[] = [];
  for (let round = 1; round <= TRANSACTION_ROUNDS; round++) {
    const killAt = round + 1;
    const lines = await runUntilKill({ ...env, MODE: 'transactions', ROUND: String(round) }, (stdout) => (stdout.match(/^between /gm)?.length ?? 0) >= killAt);
    acknowledged.push(...lines.filter((line) => line.startsWith('done ')).map((line) => line.slice(5)));
  }
  return acknowledged;
}

async function verifyTransactions(store: Store, acknowledged: string[]): Promise<void> {
  const idsIn = async (name: string) => (await store.collection(name).find({})).map((doc) => doc._id).sort();
  const changes = await idsIn('changes');
  expect(acknowledged.length, 'no transaction was acknowledged before the kills').toBeGreaterThan(0);
  expect(changes, 'a transaction was cut in half by the kill').toEqual(await idsIn('events'));
  expect(acknowledged.filter((id) => !changes.includes(id)), 'acknowledged transactions missing').toEqual([]);
}

describe('durability: embedded', () => {
  for (const synchronous of ['NORMAL', 'FULL'] as const) {
    it(`keeps every acknowledged write after SIGKILL (synchronous=${synchronous})`, async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'preau-durability-'));
      try {
        const acks = await runAndKill({ STORE: 'embedded', DATA_DIR: dataDir, SYNCHRONOUS: synchronous });
        const store = await openEmbeddedStore({ dataDir });
        try {
          await verify(store, acks);
        } finally {
          await store.close();
        }
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    });
  }

  it('keeps both writes of a transaction or neither after SIGKILL mid-transaction', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'preau-durability-tx-'));
    try {
      const acknowledged = await runTransactionRounds({ STORE: 'embedded', DATA_DIR: dataDir });
      const store = await openEmbeddedStore({ dataDir });
      try {
        await verifyTransactions(store, acknowledged);
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

const mongo = await discoverMongo();
console.log(`durability adapters run: embedded${mongo.target ? `, mongodb (${mongo.target.source})` : `; skipped: mongodb (${mongo.reason})`}`);
describe('durability: mongodb', () => {
  const target = mongo.target;
  if (!target) {
    it.skip(`skipped: ${mongo.reason}`, () => undefined);
    return;
  }
  afterAll(() => target.stop());
  it('keeps every acknowledged write after SIGKILL', async () => {
    const dbName = target.freshDbName();
    try {
      const acks = await runAndKill({ STORE: 'mongodb', MONGO_URI: target.uri, MONGO_DB: dbName });
      const store = await openMongoStore({ uri: target.uri, dbName, maxAttempts: 1 });
      try {
        await verify(store, acks);
      } finally {
        await store.close();
      }
    } finally {
      await target.dropDatabase(dbName);
    }
  });

  it('keeps both writes of a transaction or neither after SIGKILL mid-transaction', async () => {
    const dbName = target.freshDbName();
    try {
      const acknowledged = await runTransactionRounds({ STORE: 'mongodb', MONGO_URI: target.uri, MONGO_DB: dbName });
      const store = await openMongoStore({ uri: target.uri, dbName, maxAttempts: 1 });
      try {
        await verifyTransactions(store, acknowledged);
      } finally {
        await store.close();
      }
    } finally {
      await target.dropDatabase(dbName);
    }
  });
});
