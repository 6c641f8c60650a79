/**
 * Two app processes started at once on the same empty store (two nodes, or `npm start` twice): both become
 * ready, exactly one seeds while the other waits for it, and the demo school and each of its accounts exist once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/audit/events';
import { DEMO_ACCOUNTS } from '../../../server/features/directory/demo-roster';
import { DEMO_SCHOOL_ID, demoUserId } from '../../../server/features/directory/seed';
import { startServer, type TestServer } from '../../helpers/server';
import { signedIn } from '../../helpers/sockets';
import { dropTestDatabase, openTestStore } from '../../helpers/store';

describe('two processes starting at once on an empty store', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'preau-twin-'));
  const servers: TestServer[] = [];
  afterAll(async () => {
    for (const server of servers) await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
    await dropTestDatabase(dataDir);
  });

  it('both become ready, one seeds, and the demo school and each demo account exist once', async () => {
    servers.push(...(await Promise.all([startServer({ dataDir, timeoutMs: 60_000 }), startServer({ dataDir, timeoutMs: 60_000 })])));
    for (const server of servers) {
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).toBe(200);
      // Each serves the seeded school: a demo account signs in on either.
      expect((await (await signedIn(server, 'claire.fontaine')).get('/api/dashboard')).status).toBe(200);
    }
    const seeded = servers.filter((server) => server.output().includes('demo school seeded'));
    expect(seeded).toHaveLength(1);
    expect(servers.filter((server) => server.output().includes('another process is seeding the store'))).toHaveLength(1);

    for (const server of servers) expect(await server.stop()).toBe(0);
    const store = await openTestStore(dataDir);
    try {
      expect(await store.collection('schools').count({ _id: DEMO_SCHOOL_ID })).toBe(1);
      const users = store.collection<{ _id: string; login: string }>('users');
      expect(await users.count({ schoolId: DEMO_SCHOOL_ID })).toBe(DEMO_ACCOUNTS.length);
      for (const account of DEMO_ACCOUNTS) {
        expect(await users.count({ login: account.login }), account.login).toBe(1);
        expect(await users.count({ _id: demoUserId(account.login) }), account.login).toBe(1);
      }
      const audit = store.collection<AuditEntry>('audit');
      expect(await audit.count({ schoolId: DEMO_SCHOOL_ID, event: 'user.imported' })).toBe(1);
      expect(await store.collection('meta').count({ _id: 'seed', state: 'done' })).toBe(1);
    } finally {
      await store.close();
    }
  });
});
