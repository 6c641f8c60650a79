/**
 * Acknowledged writes survive the process being killed (SIGKILL: no shutdown hook, no flush): a child
 * writes in a loop and prints each acknowledgement; it is killed mid-stream; the store, reopened, must hold
 * every acknowledged write. Embedded always (NORMAL and FULL), MongoDB when available (see mongo-target.ts).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openEmbeddedStore } from '../../../server/storage/embedded/store';
import { openMongoStore } from '../../../server/storage/mongo/adapter';
import type { BaseDoc, Store } from '../../../server/storage/port';
import { discoverMongo } from './mongo-target';

const ROOT = resolve(import.meta.dirname, '../../..');
const WRITER = join(import.meta.dirname, 'durability-writer.ts');
const ACKS_BEFORE_KILL = 400;

interface Acks {
  inserts: number[];
  increments: number;
  output: string;
}

/** Runs the writer until it has acknowledged enough writes, then SIGKILLs it. */
async function runAndKill(env: Record<string, string>): Promise<Acks> {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  // 'close', not 'exit': acknowledgements still in the pipe at the kill must be read too.
  const exited = new Promise<void>((done) => child.once('close', () => done()));
  await new Promise<void>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`writer too slow or stuck:\n${stdout.slice(-500)}\n${stderr}`)), 45_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (child.signalCode === null && (stdout.match(/^C /gm)?.length ?? 0) >= ACKS_BEFORE_KILL) {
        child.kill('SIGKILL');
        clearTimeout(timer);
        done();
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    void exited.then(() => {
      clearTimeout(timer);
      if (child.signalCode !== 'SIGKILL') fail(new Error(`writer exited on its own (${child.exitCode}):\n${stderr}`));
    });
  });
  await exited;
  // Only complete lines count: a line cut by the kill was not fully acknowledged to us.
  const lines = stdout.slice(0, stdout.lastIndexOf('\n')).split('\n');
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
});
