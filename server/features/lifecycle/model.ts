import { DELETION_DELAY_DAYS_DEFAULT, DELETION_DELAY_DAYS_MAX } from '../../../shared/lifecycle/limits';
import type { ServerContext } from '../../context';
import type { BaseDoc } from '../../storage/port';

/**
 * A person removed from the school and waiting for erasure (one per person, `_id` = their user id). It holds no
 * name: the account (status `pending_deletion`, `deletionDate`) still does until the job erases both.
 */
export interface RemovalDoc extends BaseDoc {
  schoolId: string;
  removedAt: number;
  /** When the deletion job erases them (removedAt + the school's delay). */
  deleteAt: number;
  /** Their guardians (or the director) asked that their contributions to shared spaces be removed, not kept. */
  objectsToKeeping: boolean;
}

/** A school's lifecycle settings (`_id` = school id). */
export interface LifecycleSettingsDoc extends BaseDoc {
  deletionDelayDays: number;
  updatedAt: number;
}

export const removalsCollection = (ctx: ServerContext) => ctx.store.collection<RemovalDoc>('lifecycleRemovals');
export const lifecycleSettingsCollection = (ctx: ServerContext) => ctx.store.collection<LifecycleSettingsDoc>('lifecycleSettings');

/** The removals of some people of a school, by user id (a guardian's « Mes données » shows their child's). */
export async function removalsOf(ctx: ServerContext, schoolId: string, userIds: string[]): Promise<Map<string, RemovalDoc>> {
  if (userIds.length === 0) return new Map();
  const found = await removalsCollection(ctx).find({ _id: { $in: userIds }, schoolId });
  return new Map(found.map((removal) => [removal._id, removal]));
}

/** The school's delay between a removal and the erasure (default 90 days, never more than 90). */
export async function deletionDelayDays(ctx: ServerContext, schoolId: string): Promise<number> {
  const settings = await lifecycleSettingsCollection(ctx).findOne({ _id: schoolId });
  return Math.min(settings?.deletionDelayDays ?? DELETION_DELAY_DAYS_DEFAULT, DELETION_DELAY_DAYS_MAX);
}
