import type { NotificationKind } from '../../../../shared/notifications/types';
import { QUIET_RELEASE_BATCH } from '../../../../shared/notifications/quiet';
import { serverNow } from '../../../clock';
import type { ServerContext } from '../../../context';
import { userRoom } from '../../../realtime/handlers';
import { notificationsCollection, unreadCount, type NotificationDoc } from '../model';
import { presentNotification } from '../present';

/** What one release did: notifications whose hold ended, and summaries delivered. */
export interface ReleaseResult {
  released: number;
  summaries: number;
}

/**
 * Ends one person's holds that are over and gathers what was held, unread and live, into ONE `quietSummary` (counts by
 * kind), in one transaction. Each hold is claimed by one atomic update (`heldUntil` still set and over), so a
 * notification is counted once even if two nodes release at once; the summary is one upsert keyed by the end of
 * the quiet period, so two such releases add to the same summary.
 */
async function releaseOne(ctx: ServerContext, userId: string, due: readonly NotificationDoc[], now: number): Promise<{ released: number; summary: NotificationDoc | null }> {
  const notifications = notificationsCollection(ctx);
  return ctx.store.transaction(async () => {
    const held: Partial<Record<NotificationKind, number>> = {};
    let released = 0;
    let unread = 0;
    let periodEnd = 0;
    for (const doc of due) {
      const before = await notifications.findOneAndUpdate({ _id: doc._id, heldUntil: { $gt: 0, $lte: now } }, { $set: { heldUntil: null } }, { returnDocument: 'before' });
      if (!before) continue;
      released += 1;
      periodEnd = Math.max(periodEnd, before.heldUntil ?? 0);
      // Only what would have popped: not what was read meanwhile, nor what its person keeps for the daily summary.
      if (before.read || before.kind === 'quietSummary' || before.delivery !== 'live') continue;
      held[before.kind] = (held[before.kind] ?? 0) + 1;
      unread += 1;
    }
    if (unread === 0) return { released, summary: null };
    const schoolId = due[0]?.schoolId ?? '';
    const summary = await notifications.findOneAndUpdate(
      { userId, openKey: `quietSummary:${periodEnd}` },
      {
        $setOnInsert: { schoolId, kind: 'quietSummary', spaceId: null, spaceKind: null, items: [], actorIds: [], childId: null, decision: null, delivery: 'live', heldUntil: null, emailedAt: null, read: false, firstAt: now },
        $set: { lastAt: now },
        $inc: { count: unread, ...Object.fromEntries(Object.entries(held).map(([kind, count]) => [`held.${kind}`, count])) },
      },
      { upsert: true, returnDocument: 'after' },
    );
    return { released, summary };
  });
}

/**
 * The release job: for each person whose held notifications' quiet period is over (by `serverNow`), ends the holds
 * and delivers one `quietSummary` live (`notifications:new` to `user:<id>`, on every node through the adapter).
 * Run by the periodic jobs (one node per interval with Redis); the atomic claims keep it once even when not.
 */
export async function releaseHeld(ctx: ServerContext): Promise<ReleaseResult> {
  const now = serverNow(ctx);
  const due = await notificationsCollection(ctx).find({ heldUntil: { $gt: 0, $lte: now } }, { sort: { heldUntil: 1 }, limit: QUIET_RELEASE_BATCH });
  const byUser = new Map<string, NotificationDoc[]>();
  for (const doc of due) byUser.set(doc.userId, [...(byUser.get(doc.userId) ?? []), doc]);
  const result: ReleaseResult = { released: 0, summaries: 0 };
  for (const [userId, docs] of byUser) {
    const { released, summary } = await releaseOne(ctx, userId, docs, now);
    result.released += released;
    if (!summary) continue;
    result.summaries += 1;
    ctx.services.realtime.io?.to(userRoom(userId)).emit('notifications:new', { notification: presentNotification(summary, null, new Map()), unread: await unreadCount(ctx, userId) });
  }
  return result;
}
