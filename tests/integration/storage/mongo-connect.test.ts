/**
 * The MongoDB adapter's start-up behaviour, testable without a MongoDB: bounded retries with backoff, logged,
 * then a clear failure; and openStore choosing the adapter.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openMongoStore } from '../../../server/storage/mongo/adapter';
import { openStore } from '../../../server/storage/open';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  const address = server.address();
  await new Promise<void>((done) => server.close(() => done()));
  return typeof address === 'object' && address ? address.port : 1;
}

describe('MongoDB connection', () => {
  it('retries with backoff, logs each failure, then gives up', async () => {
    const events: Array<{ level: string; msg?: string; obj: object }> = [];
    const logger = {
      info: (obj: object, msg?: string) => events.push({ level: 'info', obj, msg }),
      warn: (obj: object, msg?: string) => events.push({ level: 'warn', obj, msg }),
      error: (obj: object, msg?: string) => events.push({ level: 'error', obj, msg }),
    };
    const port = await closedPort();
    const started = Date.now();
    await expect(
      openMongoStore({ uri: `mongodb://user:secret@127.0.0.1:${port}/preau`, logger, serverSelectionTimeoutMS: 200, maxAttempts: 3, initialBackoffMs: 50 }),
    ).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(3 * 200);
    const retries = events.filter((e) => e.level === 'warn' && e.msg?.includes('retrying'));
    expect(retries).toHaveLength(2);
    expect(events.filter((e) => e.level === 'error' && e.msg?.includes('giving up'))).toHaveLength(1);
    expect(JSON.stringify(events)).not.toContain('secret');
  });

  it('does not retry a malformed URI', async () => {
    await expect(openMongoStore({ uri: 'mongodb://', maxAttempts: 5, initialBackoffMs: 5_000 })).rejects.toThrow();
  });
});

describe('openStore', () => {
  it('opens the embedded store when no MongoDB URI is configured (empty counts as none)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'preau-open-'));
    try {
      const store = await openStore({ mongodbUri: '', dataDir });
      expect(store.kind).toBe('embedded');
      await store.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
