import type { AuditEntry } from '../../../shared/audit/events';
import { NOTIFICATION_BATCH_MAX_MS, NOTIFICATION_BATCH_MS, NOTIFICATION_MAX_WORK_SHARE, NOTIFICATION_WRITE_CHUNK } from '../../../shared/notifications/limits';
import type { NotificationKind, NotificationView } from '../../../shared/notifications/types';
import { can } from '../../../shared/policy/can';
import { serverNow } from '../../clock';
import type { ServerContext } from '../../context';
import { userRoom } from '../../realtime/handlers';
import { readsItemWhereItLives } from '../moderation/items';
import { reportsCollection } from '../moderation/reports';
import { spacesCollection } from '../spaces/model';
import { deliveryOf, loadPreferencesOf } from './preferences';
import { heldUntilOf } from './quiet/hold';
import { firstAnnouncement, gatherMany, retract, RETRACTED_KINDS, unreadCount, type Gathered, type NotificationDoc, type Retracted } from './model';
import { mentionedIn } from './mentions';
import { displayNamesOf } from '../directory/queries';
import { namedIn, presentNotification } from './present';
import { guardiansOf, spaceRecipients, usersAsRecipients, type Recipient } from './recipients';
import type { Notifications } from './port';
import { announcementOf, concernsNotifications, factOf, loadItem, type Fact, type LoadedItem } from './sources';

export { NO_NOTIFICATIONS, type Notifications } from './port';

/** One recipient's share of a batch, for one kind, space and decision. */
interface Pending extends Gathered {
  recipient: Recipient;
  /** Whether the recipient may read the newest item (else only the space is shown). */
  showItem: boolean;
  spaceTitle: string;
}

/** Decisions that end a review: the item leaves the moderators' « to review ». */
const ENDS_REVIEW = new Set(['approve', 'reject', 'hide', 'delete', 'restore']);
/** Decisions that take an item away from its readers. */
const TAKES_AWAY = new Set(['hide', 'delete']);

/**
 * THE notification service: fed by `auditedChange` with the audit entries of every committed change (the same
 * path as the audit events), it turns them into facts (`sources.ts`), loads each item once through its moderation
 * adapter, asks each recipient of the space `canReadItem` at that moment (`recipients.ts`), applies preferences
 * and quiet hours, coalesces and stores (`model.ts`), then tells each recipient's sockets. Work runs in batches at
 * most every NOTIFICATION_BATCH_MS, never on the request path, and under load further apart so that it stays within
 * NOTIFICATION_MAX_WORK_SHARE of the time; an error is logged, never thrown at a change.
 */
export function createNotificationService(ctx: ServerContext): Notifications {
  let queue: AuditEntry[] = [];
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  /** How long the next batch waits: NOTIFICATION_BATCH_MS, longer when the last one's work was long. */
  let windowMs = NOTIFICATION_BATCH_MS;
  const waiters: (() => void)[] = [];

  const settle = () => {
    if (queue.length > 0 || running || timer) return;
    for (const done of waiters.splice(0)) done();
  };
  const schedule = () => {
    if (timer || running) return;
    timer = setTimeout(() => {
      timer = null;
      const batch = queue;
      queue = [];
      const startedAt = performance.now();
      running = deliverBatch(ctx, batch)
        .catch((error: unknown) => ctx.logger.error({ err: error }, 'notifications: a batch failed'))
        .finally(() => {
          running = null;
          const workMs = performance.now() - startedAt;
          windowMs = Math.min(NOTIFICATION_BATCH_MAX_MS, Math.max(NOTIFICATION_BATCH_MS, (workMs * (1 - NOTIFICATION_MAX_WORK_SHARE)) / NOTIFICATION_MAX_WORK_SHARE));
          if (queue.length > 0) schedule();
          settle();
        });
    }, windowMs);
  };

  return {
    afterCommit(entries) {
      try {
        for (const entry of entries) if (concernsNotifications(entry)) queue.push(entry);
        if (queue.length > 0) schedule();
      } catch (error) {
        ctx.logger.error({ err: error }, 'notifications: entries not queued');
      }
    },
    idle() {
      if (queue.length === 0 && !running && !timer) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
  };
}

/** One batch: the facts in order; what is gathered goes out before any retraction that follows it. */
async function deliverBatch(ctx: ServerContext, entries: readonly AuditEntry[]): Promise<void> {
  const pending = new Map<string, Pending>();
  for (const entry of entries) {
    const fact = factOf(entry);
    if (!fact) continue;
    try {
      const retractions = await handleFact(ctx, fact, pending);
      if (retractions.length > 0) {
        await flush(ctx, pending);
        await tellRetracted(ctx, (await Promise.all(retractions.map(([spaceId, itemId, kinds]) => retract(ctx, spaceId, itemId, kinds)))).flat());
      }
    } catch (error) {
      ctx.logger.error({ err: error, event: entry.event, target: entry.target.id }, 'notifications: an entry was not delivered');
    }
  }
  await flush(ctx, pending);
}

type Retraction = [spaceId: string, itemId: string, kinds: readonly NotificationKind[]];

/** Adds a fact's deliveries to the batch; returns the retractions it calls for. */
async function handleFact(ctx: ServerContext, fact: Fact, pending: Map<string, Pending>): Promise<Retraction[]> {
  const { entry } = fact;
  const actorId = entry.actor.userId;
  const loaded = await loadItem(ctx, entry.schoolId, fact.item);
  const itemId = loaded?.item.id ?? fact.item.id;
  if (fact.type === 'removed') return itemId ? [[fact.item.spaceId, itemId, RETRACTED_KINDS]] : [];
  if (!loaded) return fact.type === 'decision' && itemId && TAKES_AWAY.has(fact.action) ? [[fact.item.spaceId, itemId, RETRACTED_KINDS]] : [];
  const add = (kind: NotificationKind, recipients: readonly Recipient[], options: { actors: (string | null)[]; decision?: string | null; exclude?: (string | null)[]; anyItem?: boolean }) =>
    addDeliveries(pending, loaded, kind, recipients, { ...options, exclude: [actorId, ...(options.exclude ?? [])] });
  switch (fact.type) {
    case 'created': {
      if (loaded.item.state === 'pending') {
        add('toReview', await moderatorsOf(ctx, loaded), { actors: [actorId] });
      } else if (loaded.item.state === 'visible') {
        const once = fact.item.kind === 'pad' || (await firstAnnouncement(ctx, loaded.item.kind, loaded.item.id, entry.ts));
        if (once) await announce(ctx, loaded, fact.announce, [actorId], add, fact.answers);
      }
      return [];
    }
    case 'reaction': {
      const owner = loaded.item.authorId;
      if (owner) add('reactionOnMine', await usersAsRecipients(ctx, entry.schoolId, [owner]), { actors: [actorId] });
      return [];
    }
    case 'edited': {
      if (loaded.item.pendingEdit || loaded.item.state === 'pending') add('toReview', await moderatorsOf(ctx, loaded), { actors: [actorId] });
      return [];
    }
    case 'decision': {
      const decision = fact.action;
      const author = loaded.item.authorId;
      if (author && decision !== 'mute') {
        const concerned = [...(await usersAsRecipients(ctx, entry.schoolId, [author])), ...(await guardiansOf(ctx, entry.schoolId, author))];
        add('moderationOfMine', concerned, { actors: [actorId], decision, anyItem: true });
      }
      const reporters = await reportersOf(ctx, entry, loaded.item.id, decision);
      if (reporters.length > 0) add('reportOutcome', await usersAsRecipients(ctx, entry.schoolId, reporters), { actors: [actorId], decision, anyItem: true });
      const kind = announcementOf(loaded);
      if (decision === 'approve' && kind && loaded.item.state === 'visible' && (await firstAnnouncement(ctx, loaded.item.kind, loaded.item.id, entry.ts))) {
        // The class hears of the item at its first approval, as written by its author (never told of their own).
        await announce(ctx, loaded, kind, [author], (k, r, o) => add(k, r, { ...o, exclude: [author, ...(o.exclude ?? [])] }), kind === 'newComment' || kind === 'newReply');
      }
      const retractions: Retraction[] = [];
      if (TAKES_AWAY.has(decision) || (loaded.item.state !== 'visible' && decision === 'reject')) retractions.push([loaded.space._id, loaded.item.id, RETRACTED_KINDS]);
      else if (ENDS_REVIEW.has(decision)) retractions.push([loaded.space._id, loaded.item.id, ['toReview']]);
      return retractions;
    }
  }
}

type Add = (kind: NotificationKind, recipients: readonly Recipient[], options: { actors: (string | null)[]; decision?: string | null; exclude?: (string | null)[]; anyItem?: boolean }) => void;

/** A published item told to its space's readers, and a comment or reply to the author of what it answers. */
async function announce(ctx: ServerContext, loaded: LoadedItem, kind: NotificationKind, actors: (string | null)[], add: Add, answers: boolean): Promise<void> {
  // Who it mentions hears it as a mention only; the author of what it answers as an answer to theirs: never twice.
  const recipients = await spaceRecipients(ctx, loaded.space);
  const mentions = mentionedIn(loaded, recipients);
  const mentioned = mentions.map((recipient) => recipient.user._id);
  if (mentions.length > 0) add('mention', mentions, { actors });
  add(kind, recipients, { actors, exclude: [...(answers ? [loaded.parentAuthorId] : []), ...mentioned] });
  if (answers && loaded.parentAuthorId && !mentioned.includes(loaded.parentAuthorId)) add('commentOnMine', await usersAsRecipients(ctx, loaded.space.schoolId, [loaded.parentAuthorId]), { actors });
}

/**
 * Who is asked to review an item: the moderators of its space who may read what waits (`readHeld`): its teachers
 * and the director, a pupil moderator only for a first publication they may approve (never a change waiting for
 * review of a published item, nor what the personal-information guard holds).
 */
async function moderatorsOf(ctx: ServerContext, loaded: LoadedItem): Promise<Recipient[]> {
  return (await spaceRecipients(ctx, loaded.space)).filter((recipient) => can(recipient.actor, 'moderate', loaded.resource.space) && can(recipient.actor, 'readHeld', loaded.resource));
}

/** The reporters whose reports on this item this very decision resolved. */
async function reportersOf(ctx: ServerContext, entry: AuditEntry, itemId: string, decision: string): Promise<string[]> {
  const reports = await reportsCollection(ctx).find({ itemId, schoolId: entry.schoolId, status: 'resolved', resolution: decision, updatedAt: { $gte: entry.ts } }, { limit: 1_000 });
  return [...new Set(reports.map((report) => report.reporterId))];
}

/**
 * Adds one item to each recipient's share, decided for each at this moment: never the one who acted; the item
 * read through `readsItemWhereItLives` (`canReadItem`, and what contains it: a reply in a hidden topic is not a
 * pupil's), a decision on one's own item, or on one's child's, naming only the space when the item can no longer
 * be read, but needing the space to be readable.
 */
function addDeliveries(pending: Map<string, Pending>, loaded: LoadedItem, kind: NotificationKind, recipients: readonly Recipient[], options: { actors: (string | null)[]; decision?: string | null; exclude: (string | null)[]; anyItem?: boolean }): void {
  const { space, item, resource, parentId } = loaded;
  const now = Date.now();
  for (const recipient of recipients) {
    const userId = recipient.user._id;
    if (options.exclude.includes(userId)) continue;
    const readable = readsItemWhereItLives(recipient.actor, space, item);
    if (!readable && !(options.anyItem && can(recipient.actor, 'read', resource.space))) continue;
    const decision = options.decision ?? null;
    const key = `${userId}|${kind}|${space._id}|${decision ?? ''}`;
    const childId = recipient.actor.children.find((child) => child.userId === item.authorId)?.userId ?? null;
    const share = pending.get(key) ?? {
      recipient,
      schoolId: space.schoolId,
      kind,
      spaceId: space._id,
      spaceKind: space.kind,
      items: [],
      actorIds: [],
      childId,
      decision,
      delivery: 'live',
      heldUntil: null,
      showItem: readable,
      spaceTitle: space.title,
    };
    share.items.push({ kind: item.kind, id: item.id, parentId, at: now });
    share.actorIds.push(...options.actors.filter((id): id is string => id !== null));
    share.childId = childId ?? share.childId;
    share.showItem = readable;
    pending.set(key, share);
  }
}

/** Stores each share (preferences and quiet hours applied) and tells the recipients whose notification pops. */
async function flush(ctx: ServerContext, pending: Map<string, Pending>): Promise<void> {
  if (pending.size === 0) return;
  const shares = [...pending.values()];
  pending.clear();
  const users = [...new Map(shares.map((share) => [share.recipient.user._id, share.recipient.user])).values()];
  const preferences = await loadPreferencesOf(ctx, users.map((user) => user._id));
  const now = serverNow(ctx);
  const holds = await heldUntilOf(ctx, users, now, preferences);
  // Recipients given the same items alike (same kind, space, decision, delivery, hold, child) are written together:
  // one updateMany and one insertMany per group and chunk, each chunk one store transaction.
  const groups = new Map<string, { gathered: Gathered; shares: Pending[] }>();
  for (const share of shares) {
    const delivery = deliveryOf(preferences.get(share.recipient.user._id)!, share.kind, share.spaceId);
    if (delivery === 'off') continue;
    const held = holds.get(share.recipient.user._id) ?? null;
    const gathered: Gathered = { schoolId: share.schoolId, kind: share.kind, spaceId: share.spaceId, spaceKind: share.spaceKind, items: share.items, actorIds: share.actorIds, childId: share.childId, decision: share.decision, delivery, heldUntil: held && held > now ? held : null };
    const key = JSON.stringify(gathered);
    const group = groups.get(key) ?? { gathered, shares: [] };
    group.shares.push(share);
    groups.set(key, group);
  }
  const io = ctx.services.realtime.io;
  // One process (no REDIS_URL): its adapter knows every socket, so whoever has none open is not told (nor counted:
  // their count is read when they open Préau). Across nodes, a user's sockets may be elsewhere: every one is told.
  const listening = (userId: string): boolean => io !== null && (ctx.config.redisUrl !== undefined || io.sockets.adapter.rooms.has(userRoom(userId)));
  const popping: { share: Pending; doc: NotificationDoc }[] = [];
  for (const { gathered, shares: alike } of groups.values()) {
    const pops = gathered.delivery === 'live' && gathered.heldUntil === null;
    for (let start = 0; start < alike.length; start += NOTIFICATION_WRITE_CHUNK) {
      const chunk = alike.slice(start, start + NOTIFICATION_WRITE_CHUNK);
      const byUser = new Map((await gatherMany(ctx, chunk.map((share) => share.recipient.user._id), gathered, now, (userId) => pops && listening(userId))).map((doc) => [doc.userId, doc]));
      for (const share of chunk) {
        const doc = byUser.get(share.recipient.user._id);
        if (doc) popping.push({ share, doc });
      }
      // The features' changes waiting for the store and the event loop go first: a batch never holds them back long.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  if (!io || popping.length === 0) return;
  const names = await displayNamesOf(ctx, popping[0]!.doc.schoolId, popping.flatMap(({ doc }) => namedIn(doc)));
  for (const { share, doc } of popping) {
    const notification = presentNotification(doc, share.spaceTitle, names, share.showItem);
    io.to(userRoom(doc.userId)).emit('notifications:new', { notification, unread: await unreadCount(ctx, doc.userId) });
  }
}

/** Tells each recipient whose notifications lost an item: removed ones, changed ones, the new unread count. */
async function tellRetracted(ctx: ServerContext, retracted: readonly Retracted[]): Promise<void> {
  const io = ctx.services.realtime.io;
  if (!io || retracted.length === 0) return;
  const byUser = new Map<string, Retracted[]>();
  for (const each of retracted) byUser.set(each.userId, [...(byUser.get(each.userId) ?? []), each]);
  const changedDocs = retracted.flatMap((each) => (each.changed ? [each.changed] : []));
  const names = changedDocs.length > 0 ? await displayNamesOf(ctx, changedDocs[0]!.schoolId, changedDocs.flatMap(namedIn)) : new Map<string, string>();
  const spaceIds = [...new Set(changedDocs.flatMap((doc) => (doc.spaceId ? [doc.spaceId] : [])))];
  const titles = new Map((spaceIds.length > 0 ? await spacesCollection(ctx.store).find({ _id: { $in: spaceIds } }) : []).map((space) => [space._id, space.title]));
  for (const [userId, changes] of byUser) {
    const changed: NotificationView[] = changes.flatMap((each) => (each.changed ? [presentNotification(each.changed, titles.get(each.changed.spaceId ?? '') ?? null, names)] : []));
    io.to(userRoom(userId)).emit('notifications:changed', { removed: changes.flatMap((each) => (each.removed ? [each.removed] : [])), changed, unread: await unreadCount(ctx, userId) });
  }
}
