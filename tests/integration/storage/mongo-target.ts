/**
 * Finds a MongoDB for the storage tests: MONGODB_URI when set, otherwise a `mongod` binary on PATH started
 * here as a throw-away single-node replica set (majority writes and transactions need a replica set).
 * Every test gets its own database, dropped afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { freePort } from '../../helpers/net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import mongoose from 'mongoose';

const { MongoClient } = mongoose.mongo;
type MongoClientInstance = InstanceType<typeof MongoClient>;

export interface MongoTarget {
  uri: string;
  /** Where the server comes from, for the test log. */
  source: string;
  /** A database name no other test or run uses. */
  freshDbName(): string;
  dropDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
}

export type MongoDiscovery = { target: MongoTarget; reason?: undefined } | { target?: undefined; reason: string };

function findOnPath(binary: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, binary);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}


const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(what: string, timeoutMs: number, attempt: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await attempt();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await sleep(250);
  }
  throw new Error(`timed out waiting for ${what}: ${String(lastError ?? '')}`);
}

function makeTarget(uri: string, source: string, admin: MongoClientInstance, onStop: () => Promise<void>): MongoTarget {
  const runTag = `preau_test_${Date.now().toString(36)}_${process.pid}`;
  let counter = 0;
  return {
    uri,
    source,
    freshDbName: () => `${runTag}_${(counter += 1)}`,
    async dropDatabase(name) {
      await admin.db(name).dropDatabase();
    },
    async stop() {
      await admin.close();
      await onStop();
    },
  };
}

async function startMongod(binary: string): Promise<MongoTarget> {
  const port = await freePort();
  const dbpath = mkdtempSync(join(tmpdir(), 'preau-mongod-'));
  const child: ChildProcess = spawn(
    binary,
    ['--replSet', 'rs0', '--port', String(port), '--bind_ip', '127.0.0.1', '--dbpath', dbpath, '--nounixsocket', '--quiet'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stopServer = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await Promise.race([exited, sleep(10_000)]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(dbpath, { recursive: true, force: true });
  };
  const admin = new MongoClient(`mongodb://127.0.0.1:${port}/?directConnection=true`, { serverSelectionTimeoutMS: 1000 });
  try {
    await until('mongod to listen', 30_000, async () => {
      if (child.exitCode !== null) throw new Error(`mongod exited: ${output}`);
      await admin.db('admin').command({ ping: 1 });
      return true;
    });
    await admin.db('admin').command({ replSetInitiate: { _id: 'rs0', members: [{ _id: 0, host: `127.0.0.1:${port}` }] } });
    await until('the replica set primary', 30_000, async () => {
      const hello = await admin.db('admin').command({ hello: 1 });
      return hello.isWritablePrimary === true ? true : undefined;
    });
  } catch (error) {
    await admin.close().catch(() => undefined);
    await stopServer();
    throw error;
  }
  return makeTarget(`mongodb://127.0.0.1:${port}/?replicaSet=rs0`, `mongod on PATH (${binary}), port ${port}`, admin, stopServer);
}

/** A MongoDB to test against, or why there is none. */
export async function discoverMongo(): Promise<MongoDiscovery> {
  const uri = process.env.MONGODB_URI?.trim();
  if (uri) {
    const admin = new MongoClient(uri, { serverSelectionTimeoutMS: 10_000 });
    await admin.connect();
    return { target: makeTarget(uri, 'MONGODB_URI', admin, async () => undefined) };
  }
  const binary = findOnPath('mongod');
  if (!binary) return { reason: 'MONGODB_URI is not set and no mongod binary is on PATH' };
  return { target: await startMongod(binary) };
}
