import { NOTIFICATION_COALESCE_MS, NOTIFICATION_MAX_ITEMS, NOTIFICATION_MAX_NAMES, NOTIFICATION_RETENTION_MS } from '../../../shared/notifications/limits';
import type { Delivery, NotificationKind } from '../../../shared/notifications/types';
import type { ModeratedKind } from '../../../shared/moderation/types';
import type { SpaceKindName } from '../../../shared/policy/resources';
import type { ServerContext } from '../../context';
import { DuplicateKeyError, TransactionConflictError, type BaseDoc, type Collection } from '../../storage/port';

/** One item a notification gathered (the newest last). */
export interface NotificationItemRef {
  kind: ModeratedKind;
  id: string;
  /** The card of a wall comment, the topic of a forum post, or null. */
  parentId: string | null;
  at: number;
}

/**
 * One notification of one recipient, as stored. While unread and within its window it has an `openKey`
 * (`kind:space:window[:decision]`, unique with `userId`) that gathers the next items of its kind and space (`gatherMany`:
 * one `updateMany` and one `insertMany` for many recipients); reading it sets the key to `read:<id>`, so the next item
 * opens a new one.
 */
export interface NotificationDoc extends BaseDoc {
  schoolId: string;
  userId: string;
  kind: NotificationKind;
  openKey: string;
  spaceId: string | null;
  spaceKind: SpaceKindName | null;
  /** The items gathered, the newest last, at most NOTIFICATION_MAX_ITEMS (`count` goes on). */
  items: NotificationItemRef[];
  count: number;
  /** Who acted, the newest last, at most NOTIFICATION_MAX_NAMES (may repeat: presentation keeps each once). */
  actorIds: string[];
  /** For a parent: their child who acted or is concerned. */
  childId: string | null;
  /** The moderation decision of `moderationOfMine` and `reportOutcome`. */
  decision: string | null;
  /** For `quietSummary`: how many were held, by kind (the quiet-hours feature's). */
  held?: Partial<Record<NotificationKind, number>> | null;
  delivery: Exclude<Delivery, 'off'>;
  /** Until when quiet hours hold it (nothing pops until then), or null. */
  heldUntil: number | null;
  /** When an e-mail summary told it (the e-mail feature's), or null. */
  emailedAt: number | null;
  read: boolean;
  firstAt: number;
  lastAt: number;
}

export const NOTIFICATIONS_COLLECTION = 'notifications';
/** One per item announced to its readers: a later approval or restore does not announce it again. */
const ANNOUNCED_COLLECTION = 'notificationAnnounced';

interface AnnouncedDoc extends BaseDoc {
  at: number;
}

export const notificationsCollection = (ctx: ServerContext): Collection<NotificationDoc> => ctx.store.collection<NotificationDoc>(NOTIFICATIONS_COLLECTION);
const announcedCollection = (ctx: ServerContext) => ctx.store.collection<AnnouncedDoc>(ANNOUNCED_COLLECTION);

export async function initNotifications(ctx: ServerContext): Promise<void> {
  await notificationsCollection(ctx).ensureIndexes([
    { fields: { userId: 1, openKey: 1 }, unique: true },
    { fields: { userId: 1, lastAt: -1 } },
    { fields: { userId: 1, read: 1 } },
    { fields: { spaceId: 1, lastAt: -1 } },
    { fields: { heldUntil: 1 } },
  ]);
  await announcedCollection(ctx).ensureIndexes([{ fields: { at: 1 } }]);
}

/** What one delivery adds to a recipient's notification of its kind and space. */
export interface Gathered {
  schoolId: string;
  kind: NotificationKind;
  spaceId: string;
  spaceKind: SpaceKindName;
  items: NotificationItemRef[];
  actorIds: string[];
  childId: string | null;
  decision: string | null;
  delivery: Exclude<Delivery, 'off'>;
  heldUntil: number | null;
}

/** The key that gathers the unread items of a kind and space within one coalescing window. */
export function openKeyOf(gathered: Pick<Gathered, 'kind' | 'spaceId' | 'decision'>, now: number): string {
  const window = Math.floor(now / NOTIFICATION_COALESCE_MS);
  return `${gathered.kind}:${gathered.spaceId}:${window}${gathered.decision ? `:${gathered.decision}` : ''}`;
}

/**
 * Adds the same items to the open notification of each of these recipients, or opens one, in ONE store transaction:
 * one `updateMany` for those who have it, one `insertMany` for the others (a key another process inserted
 * meanwhile reruns the transaction, which then finds it). Returns the notification after of each recipient `wanted`
 * picks (those to be told now): the others' are not read back.
 */
export function gatherMany(ctx: ServerContext, userIds: readonly string[], gathered: Gathered, now: number, wanted: (userId: string) => boolean = () => true): Promise<NotificationDoc[]> {
  const notifications = notificationsCollection(ctx);
  const openKey = openKeyOf(gathered, now);
  const recipients = { openKey, userId: { $in: [...userIds] } };
  return ctx.store.transaction(async () => {
    const { matchedCount } = await notifications.updateMany(recipients, {
      $set: { lastAt: now, delivery: gathered.delivery, heldUntil: gathered.heldUntil, decision: gathered.decision, ...(gathered.childId ? { childId: gathered.childId } : {}) },
      $inc: { count: gathered.items.length },
      $push: { items: { $each: gathered.items, $slice: -NOTIFICATION_MAX_ITEMS }, actorIds: { $each: gathered.actorIds, $slice: -NOTIFICATION_MAX_NAMES } },
    });
    const told = userIds.filter(wanted);
    // Everyone had it open (the usual case within a window): read back only those to be told.
    if (matchedCount === userIds.length) return told.length === 0 ? [] : notifications.find({ openKey, userId: { $in: told } });
    const found = await notifications.find(recipients);
    const have = new Set(found.map((doc) => doc.userId));
    const opened = userIds
      .filter((userId) => !have.has(userId))
      .map((userId) => ({
        schoolId: gathered.schoolId,
        userId,
        kind: gathered.kind,
        openKey,
        spaceId: gathered.spaceId,
        spaceKind: gathered.spaceKind,
        items: gathered.items.slice(-NOTIFICATION_MAX_ITEMS),
        count: gathered.items.length,
        actorIds: gathered.actorIds.slice(-NOTIFICATION_MAX_NAMES),
        childId: gathered.childId,
        decision: gathered.decision,
        delivery: gathered.delivery,
        heldUntil: gathered.heldUntil,
        emailedAt: null,
        read: false,
        firstAt: now,
        lastAt: now,
      }));
    const keep = (docs: NotificationDoc[]) => docs.filter((doc) => wanted(doc.userId));
    if (opened.length === 0) return keep(found);
    try {
      return keep([...found, ...(await notifications.insertMany(opened))]);
    } catch (error) {
      if (error instanceof DuplicateKeyError) throw new TransactionConflictError(`notification opened meanwhile: ${error.message}`);
      throw error;
    }
  });
}

/** The recipient's unread count. */
export const unreadCount = (ctx: ServerContext, userId: string): Promise<number> => notificationsCollection(ctx).count({ userId, read: false });

/** Marks one notification read (its key closed: the next item opens a new one); null when not the user's. */
export function markRead(ctx: ServerContext, userId: string, id: string): Promise<NotificationDoc | null> {
  return notificationsCollection(ctx).findOneAndUpdate({ _id: id, userId }, { $set: { read: true, openKey: `read:${id}` } }, { returnDocument: 'after' });
}

/** Marks every unread notification of the user read; returns those it changed. */
export async function markAllRead(ctx: ServerContext, userId: string): Promise<NotificationDoc[]> {
  const changed: NotificationDoc[] = [];
  for (const doc of await notificationsCollection(ctx).find({ userId, read: false }, { limit: 10_000 })) {
    const after = await markRead(ctx, userId, doc._id);
    if (after) changed.push(after);
  }
  return changed;
}

/** Kinds that gather items the way their readers see them: a hidden or deleted item leaves them. */
export const RETRACTED_KINDS: readonly NotificationKind[] = ['newCard', 'newTopic', 'newReply', 'newComment', 'commentOnMine', 'reactionOnMine', 'toReview', 'mention'];

/** What a retraction did to one recipient's notification: it gathers fewer items, or none (removed). */
export interface Retracted {
  userId: string;
  removed: string | null;
  changed: NotificationDoc | null;
}

/**
 * Takes an item out of every notification (of `kinds`) that gathered it, each with one atomic update ($pull and
 * decrement); a notification left with nothing is deleted.
 */
export async function retract(ctx: ServerContext, spaceId: string, itemId: string, kinds: readonly NotificationKind[] = RETRACTED_KINDS): Promise<Retracted[]> {
  const notifications = notificationsCollection(ctx);
  const done: Retracted[] = [];
  for (const doc of await notifications.find({ spaceId, kind: { $in: [...kinds] }, 'items.id': itemId }, { limit: 100_000 })) {
    const after = await notifications.findOneAndUpdate({ _id: doc._id, 'items.id': itemId }, { $pull: { items: { id: itemId } }, $inc: { count: -1 } }, { returnDocument: 'after' });
    if (!after) continue;
    if (after.count <= 0 || after.items.length === 0) {
      await notifications.deleteOne({ _id: after._id });
      done.push({ userId: after.userId, removed: after._id, changed: null });
    } else {
      done.push({ userId: after.userId, removed: null, changed: after });
    }
  }
  return done;
}

/**
 * Whether an item is announced to its readers for the first time (one insert on its id): its creation when
 * published at once, else its first approval; never again after.
 */
export async function firstAnnouncement(ctx: ServerContext, kind: ModeratedKind, itemId: string, now: number): Promise<boolean> {
  try {
    await announcedCollection(ctx).insertOne({ _id: `${kind}:${itemId}`, at: now });
    return true;
  } catch (error) {
    if (error instanceof DuplicateKeyError) return false;
    throw error;
  }
}

/**
 * Purges notifications (and announcement marks) older than NOTIFICATION_RETENTION_MS: the periodic job. It reads
 * `lastAt` without an index (one pass per run): every index costs each of the many writes more.
 */
export async function purgeNotifications(ctx: ServerContext, now: number): Promise<{ purged: number }> {
  const before = now - NOTIFICATION_RETENTION_MS;
  const purged = await notificationsCollection(ctx).deleteMany({ lastAt: { $lt: before } });
  await announcedCollection(ctx).deleteMany({ at: { $lt: before } });
  return { purged };
}
