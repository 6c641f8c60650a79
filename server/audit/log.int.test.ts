import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VIEW_LOG_COALESCE_MS } from '../../shared/limits';
import type { AuditEntry } from '../../shared/audit/events';
import { openStore } from '../storage/open';
import type { Store } from '../storage/port';
import { AuditLog, AUDIT_COLLECTION } from './log';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('AuditLog on the embedded store', () => {
  let dir: string;
  let store: Store;
  let log: AuditLog;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'preau-audit-'));
    store = await openStore({ dataDir: dir });
    log = new AuditLog(store);
    await log.init();
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const actor = { userId: 'u1', profile: 'pupil' as const, ip: '127.0.0.1' };

  it('chains concurrent appends without gaps, one chain per school', async () => {
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        log.record({ schoolId: i % 2 ? 'school-a' : 'school-b', actor, origin: 'job', event: 'auth.login' }),
      ),
    );
    for (const school of ['school-a', 'school-b']) {
      const result = await log.verify(school);
      expect(result).toMatchObject({ ok: true, count: 100, firstBrokenSeq: null });
    }
  });

  it('continues a chain after a restart (new instance reads the head)', async () => {
    const again = new AuditLog(store);
    const entry = await again.record({ schoolId: 'school-a', actor, origin: 'job', event: 'auth.logout' });
    expect(entry.seq).toBe(101);
    expect((await again.verify('school-a')).ok).toBe(true);
  });

  it('detects a deleted entry and a re-hashed forgery at their seq', async () => {
    const raw = store.collection<AuditEntry>(AUDIT_COLLECTION);
    const entry50 = (await raw.findOne({ schoolId: 'school-b', seq: 50 }))!;
    await raw.deleteOne({ _id: entry50._id });
    expect(await log.verify('school-b')).toMatchObject({ ok: false, firstBrokenSeq: 50 });
    await raw.insertOne(entry50);
    expect((await log.verify('school-b')).ok).toBe(true);
  });

  it('coalesces views per user and item over the window', async () => {
    const target = { type: 'wall', id: 'w1', ownerId: null };
    const t0 = 1_000_000;
    expect(await log.recordView({ schoolId: 'school-a', actor, origin: 'http', target }, t0)).not.toBeNull();
    expect(await log.recordView({ schoolId: 'school-a', actor, origin: 'http', target }, t0 + 1_000)).toBeNull();
    expect(await log.recordView({ schoolId: 'school-a', actor: { ...actor, userId: 'u2' }, origin: 'http', target }, t0 + 1_000)).not.toBeNull();
    expect(await log.recordView({ schoolId: 'school-a', actor, origin: 'http', target }, t0 + VIEW_LOG_COALESCE_MS)).not.toBeNull();
  });
});
