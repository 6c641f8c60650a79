/**
 * Child process of audit-batch.test.ts: records bursts of concurrent changes through THE audit command
 * (`auditedChange`), with the audit key and checkpoints of a server, so that the store commits each burst as one
 * group. In every burst one change fails after writing (it must leave nothing), and one pauses after writing so
 * that the parent's SIGKILL lands while a group is open. Prints `between <id>` when that pause starts, and
 * `done <id>` once a change is acknowledged (committed). Environment: DATA_DIR, AUDIT_KEY, ROUND, BURST.
 */
import { join } from 'node:path';
import { auditedChange } from '../../../server/audit/command';
import { AuditLog } from '../../../server/audit/log';
import { openEmbeddedStore } from '../../../server/storage/embedded/store';
import type { BaseDoc } from '../../../server/storage/port';
import { print } from './print';
import { auditOnlyContext } from './audit-context';

const dataDir = process.env.DATA_DIR ?? '';
const store = await openEmbeddedStore({ dataDir });
const audit = new AuditLog(store, { anchor: { key: process.env.AUDIT_KEY ?? '', dir: join(dataDir, 'audit-checkpoints') } });
await audit.init();
const ctx = auditOnlyContext(store, audit);
const changes = store.collection<BaseDoc & { i: number }>('changes');
const round = process.env.ROUND ?? '0';
const size = Number(process.env.BURST ?? 16);
/** Which change of a burst fails, and which one pauses inside the open group. */
const FAILING = Math.floor(size / 2);
const PAUSING = Math.floor(size / 4);

/** One change and its audit event, as a feature writes them. */
async function change(id: string, i: number): Promise<void> {
  await auditedChange(ctx, async (record) => {
    await changes.insertOne({ _id: id, i });
    await record({ schoolId: 'school-k', actor: { userId: 'u1' }, origin: 'job', event: 'user.updated', target: { type: 'change', id, ownerId: null }, change: { fields: ['i'], after: { i } } });
    if (i === FAILING) throw new Error(`refused ${id}`);
    if (i === PAUSING) {
      print(`between ${id}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  });
  print(`done ${id}`);
}

// One change checkpointed first (a verification writes the checkpoint): a chain whose signed entries have no
// checkpoint at all is reported, rightly, as an anchor problem, whatever the kill did.
await change(`${round}-0-start`, -1);
await audit.verify('school-k');
print('READY');
for (let burst = 1; ; burst++) {
  await Promise.allSettled(Array.from({ length: size }, (_, i) => change(`${round}-${burst}-${i}`, i)));
}
