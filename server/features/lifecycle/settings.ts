import { auditedChange } from '../../audit/command';
import { serverNow } from '../../clock';
import type { ServerContext } from '../../context';
import type { CommandAuthor } from '../directory/service';
import { deletionDelayDays, lifecycleSettingsCollection } from './model';

/** Sets the school's delay between a removal and the erasure (the schema bounds it to at most 90 days), audited. */
export async function deletionDelayChanger(ctx: ServerContext, by: CommandAuthor, days: number): Promise<{ deletionDelayDays: number }> {
  const before = await deletionDelayDays(ctx, by.schoolId);
  await auditedChange(ctx, async (record) => {
    await lifecycleSettingsCollection(ctx).updateOne({ _id: by.schoolId }, { $set: { deletionDelayDays: days, updatedAt: serverNow(ctx) } }, { upsert: true });
    await record({
      schoolId: by.schoolId,
      actor: by.actor,
      origin: by.origin,
      event: 'lifecycle.settings_changed',
      target: { type: 'school', id: by.schoolId, ownerId: null },
      change: { fields: ['deletionDelayDays'], before: { deletionDelayDays: before }, after: { deletionDelayDays: days } },
      reason: null,
    });
  });
  return { deletionDelayDays: days };
}
