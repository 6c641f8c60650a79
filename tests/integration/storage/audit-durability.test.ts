/**
 * A change and its audit event commit together or not at all, even when the process is killed between them
 * (issue « Trust, part 1 »: every mutation and its audit event in one transaction, through one audit command).
 * On the tests' store: embedded, or the data dir's MongoDB database with MONGODB_URI.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/audit/events';
import { AUDIT_COLLECTION, AuditLog } from '../../../server/audit/log';
import { dropTestDatabase, openTestStore } from '../../helpers/store';
import { runChildUntilKill } from './kill';

const WRITER = join(import.meta.dirname, 'audit-writer.ts');
const ROUNDS = 4;

describe('the audit command under kill -9', () => {
  it('keeps a change and its audit event both or neither, and the chain whole', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'preau-audit-kill-'));
    try {
      const acknowledged: string[] = [];
      for (let round = 1; round <= ROUNDS; round++) {
        const killAt = round + 2;
        const lines = await runChildUntilKill(WRITER, { DATA_DIR: dataDir, ROUND: String(round) }, (stdout) => (stdout.match(/^between /gm)?.length ?? 0) >= killAt);
        acknowledged.push(...lines.filter((line) => line.startsWith('done ')).map((line) => line.slice(5)));
      }
      const store = await openTestStore(dataDir);
      try {
        const changes = (await store.collection('changes').find({})).map((doc) => doc._id).sort();
        const events = (await store.collection<AuditEntry>(AUDIT_COLLECTION).find({ schoolId: 'school-k' })).map((entry) => entry.target.id ?? '').sort();
        expect(acknowledged.length, 'no change was acknowledged before the kills').toBeGreaterThan(0);
        expect(events, 'a change without its audit event, or an event without its change').toEqual(changes);
        expect(acknowledged.filter((id) => !changes.includes(id)), 'acknowledged changes missing').toEqual([]);
        // Killed mid-transaction, ROUNDS times: the chain has no gap and no broken link.
        expect(await new AuditLog(store).verify('school-k')).toMatchObject({ ok: true, count: changes.length });
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
      await dropTestDatabase(dataDir);
    }
  });
});
