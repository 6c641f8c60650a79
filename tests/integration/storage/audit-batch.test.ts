/**
 * Group commit of audited changes (issue 14, Deliver 2): the changes that arrive together share one store
 * transaction, their audit entries are appended in one batch with the chain exact (links, contiguous numbers,
 * signatures), each change still commits with its event, a change that throws is rolled back alone, and nobody
 * is answered before the commit; across kill -9 too. Verified with THE verification, through the log and through
 * `npm run audit:verify`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/audit/events';
import { auditedChange } from '../../../server/audit/command';
import { AUDIT_COLLECTION, AuditLog } from '../../../server/audit/log';
import { EMBEDDED_FILE, openEmbeddedStore } from '../../../server/storage/embedded/store';
import type { BaseDoc, Store } from '../../../server/storage/port';
import { cliVerify } from './audit-tamper-support';
import { runChildUntilKill } from './kill';
import { auditOnlyContext } from './audit-context';

const KEY = 'an-audit-key-for-the-group-commit-tests-0123456789';
const SCHOOL = 'school-b';
const WRITER = join(import.meta.dirname, 'audit-burst-writer.ts');

interface Change extends BaseDoc {
  i: number;
}

/** The store's audit log as a server opens it: signed entries, reservations and checkpoints in DATA_DIR. */
async function openLog(store: Store, dataDir: string): Promise<AuditLog> {
  const audit = new AuditLog(store, { anchor: { key: KEY, dir: join(dataDir, 'audit-checkpoints') } });
  await audit.init();
  return audit;
}

async function entriesOf(store: Store, chain: string): Promise<AuditEntry[]> {
  return store.collection<AuditEntry>(AUDIT_COLLECTION).find({ schoolId: chain }, { sort: { seq: 1 } });
}

describe('audited changes committed in groups', () => {
  let dataDir: string;
  let store: Store;
  let audit: AuditLog;
  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'preau-audit-batch-'));
    store = await openEmbeddedStore({ dataDir });
    audit = await openLog(store, dataDir);
  });
  afterEach(async () => {
    await audit.close();
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('commit a concurrent burst together, the one that throws rolled back alone, with a verified chain', async () => {
    const ctx = auditOnlyContext(store, audit);
    const changes = store.collection<Change>('changes');
    // Another connection to the file, as another process would read it: it sees only what was committed.
    const observer = new Database(join(dataDir, EMBEDDED_FILE), { readonly: true });
    const countCommitted = observer.prepare('SELECT COUNT(*) FROM "c_audit"').pluck();
    const SIZE = 40;
    const FAILING = 17;
    const answered: number[] = [];
    let seenByLast: { committed: unknown; answered: number } | undefined;
    const burst = Array.from({ length: SIZE }, (_, i) =>
      auditedChange(ctx, async (record) => {
        await changes.insertOne({ _id: `c${i}`, i });
        await record({ schoolId: SCHOOL, actor: { userId: 'u1' }, origin: 'job', event: 'user.updated', target: { type: 'change', id: `c${i}`, ownerId: null }, change: { fields: ['i'], after: { i } } });
        if (i === FAILING) throw new Error('refused');
        if (i === SIZE - 1) seenByLast = { committed: countCommitted.get(), answered: answered.length };
        return i;
      }).then((value) => {
        answered.push(value);
        return value;
      }),
    );
    const results = await Promise.allSettled(burst);
    observer.close();

    // One group: when the last change ran, none of the 38 before it was committed, nor answered.
    expect(seenByLast).toEqual({ committed: 0, answered: 0 });
    const kept = Array.from({ length: SIZE }, (_, i) => i).filter((i) => i !== FAILING);
    expect(results.filter((result) => result.status === 'fulfilled').map((result) => result.value)).toEqual(kept);
    expect(results[FAILING]).toMatchObject({ status: 'rejected', reason: new Error('refused') });

    // Every change with its event, in the order they ran; nothing of the failed one; the chain exact.
    expect((await changes.find({}, { sort: { i: 1 } })).map((doc) => doc.i)).toEqual(kept);
    const entries = await entriesOf(store, SCHOOL);
    expect(entries.map((entry) => entry.target.id)).toEqual(kept.map((i) => `c${i}`));
    expect(entries.map((entry) => entry.seq)).toEqual(kept.map((_, n) => n + 1));
    entries.forEach((entry, n) => {
      if (n > 0) expect(entry.prevHash).toBe(entries[n - 1]?.hash);
    });
    expect(await audit.verify(SCHOOL)).toMatchObject({ ok: true, count: SIZE - 1, anchored: true, problems: [], skipped: [] });
  });

  it('leave a chain that `npm run audit:verify` accepts after bursts on several chains', async () => {
    const ctx = auditOnlyContext(store, audit);
    const changes = store.collection<Change>('changes');
    for (let round = 0; round < 3; round++) {
      await Promise.allSettled(
        Array.from({ length: 30 }, (_, i) =>
          auditedChange(ctx, async (record) => {
            const id = `r${round}-${i}`;
            await changes.insertOne({ _id: id, i });
            await record({ schoolId: i % 3 === 0 ? null : SCHOOL, actor: { userId: 'u1' }, origin: 'job', event: 'user.updated', target: { type: 'change', id, ownerId: null } });
            if (i % 7 === 3) throw new Error('refused');
          }),
        ),
      );
    }
    await audit.close();
    await store.close();
    const { status, chains, stdout } = await cliVerify(dataDir, { AUDIT_KEY: KEY });
    expect(status, stdout).toBe(0);
    expect([...chains.keys()].sort()).toEqual([SCHOOL, 'system']);
    for (const verdict of chains.values()) expect(verdict).toMatchObject({ ok: true, problems: [], skipped: [] });
    store = await openEmbeddedStore({ dataDir });
    audit = await openLog(store, dataDir);
    const failed = (await store.collection<Change>('changes').find({ i: { $in: [3, 10, 17, 24] } })).length;
    expect(failed, 'a change that threw was committed').toBe(0);
    expect((await entriesOf(store, SCHOOL)).length + (await entriesOf(store, 'system')).length).toBe(await store.collection('changes').count());
  });
});

describe('audited changes committed in groups, under kill -9', () => {
  it('keep every acknowledged change with its event, nothing of the failed ones, and a verifiable chain', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'preau-audit-burst-kill-'));
    try {
      const acknowledged: string[] = [];
      for (let round = 1; round <= 3; round++) {
        const killAt = round + 1;
        const lines = await runChildUntilKill(WRITER, { DATA_DIR: dataDir, AUDIT_KEY: KEY, ROUND: String(round), BURST: '16' }, (stdout) => (stdout.match(/^between /gm)?.length ?? 0) >= killAt);
        acknowledged.push(...lines.filter((line) => line.startsWith('done ')).map((line) => line.slice(5)));
      }
      const store = await openEmbeddedStore({ dataDir });
      try {
        const changes = (await store.collection('changes').find({})).map((doc) => doc._id).sort();
        const events = (await entriesOf(store, 'school-k')).map((entry) => entry.target.id ?? '').sort();
        expect(acknowledged.length, 'no change was acknowledged before the kills').toBeGreaterThan(0);
        expect(events, 'a change without its audit event, or an event without its change').toEqual(changes);
        expect(acknowledged.filter((id) => !changes.includes(id)), 'acknowledged changes missing').toEqual([]);
        expect(changes.filter((id) => id.endsWith('-8')), 'a change that threw was committed').toEqual([]);
        // Killed inside an open group three times: whatever was committed is signed, linked and anchored.
        const audit = await openLog(store, dataDir);
        const verdict = await audit.verify('school-k');
        await audit.close();
        expect(verdict).toMatchObject({ ok: true, count: changes.length, anchored: true, problems: [] });
      } finally {
        await store.close();
      }
      const { status, stdout } = await cliVerify(dataDir, { AUDIT_KEY: KEY });
      expect(status, stdout).toBe(0);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
