/**
 * Child process of audit-durability.test.ts: records changes through THE audit command (`auditedChange`: the
 * change and its audit event in one transaction) as fast as it can, pausing between the change and its event so
 * that the parent's SIGKILL lands there. Prints `between <id>` once the change is written (not committed), and
 * `done <id>` once the change and its event committed. Environment: DATA_DIR, ROUND (prefixes the ids), and
 * MONGODB_URI as the tests got it (the data dir's database then, `tests/helpers/store.ts`).
 */
import { auditedChange } from '../../../server/audit/command';
import { AuditLog } from '../../../server/audit/log';
import type { BaseDoc } from '../../../server/storage/port';
import { openTestStore } from '../../helpers/store';
import { print } from './print';
import { auditOnlyContext } from './audit-context';

const store = await openTestStore(process.env.DATA_DIR ?? '');
const audit = new AuditLog(store);
await audit.init();
const ctx = auditOnlyContext(store, audit);
const changes = store.collection<BaseDoc & { i: number }>('changes');
const round = process.env.ROUND ?? '0';
print('READY');
for (let i = 1; ; i++) {
  const id = `${round}-${i}`;
  await auditedChange(ctx, async (record) => {
    await changes.insertOne({ _id: id, i });
    print(`between ${id}`);
    await new Promise((resolve) => setTimeout(resolve, 15));
    await record({ schoolId: 'school-k', actor: { userId: 'u1' }, origin: 'job', event: 'user.updated', target: { type: 'change', id, ownerId: null }, change: { fields: ['i'], after: { i } } });
  });
  print(`done ${id}`);
}
