import type { AuditEntry, AuditEventName } from '../../../shared/audit/events';
import { MODERATED_KINDS, type ModeratedKind, type ModerationAction } from '../../../shared/moderation/types';
import type { NotificationKind } from '../../../shared/notifications/types';
import type { ItemResource } from '../../../shared/policy/resources';
import type { ServerContext } from '../../context';
import { forumCollections } from '../forum/model';
import { moderationAdapter, type ModeratedItem } from '../moderation/adapters';
import { itemResource } from '../moderation/items';
import type { SpaceDoc } from '../spaces/model';
import { liveSpaceOfKind } from '../spaces/live';
import { cardsCollection, commentsCollection } from '../wall/model';

/**
 * What an audit entry means for notifications (audit entry → fact), decided from the entry alone:
 * - `created`: a contribution was written: announced to its readers as `announce` when published, to the
 *   moderators as `toReview` while it waits; a comment or reply also tells the author of what it answers;
 * - `reaction`: someone reacted to a card (its author hears it);
 * - `decision`: a moderator decided on an item (its author and reporters hear it; a first approval announces it);
 * - `removed`: its author deleted it (it leaves every notification);
 * - `edited`: its author changed it; a change waiting for review goes to the moderators.
 */
export type Fact =
  | { type: 'created'; entry: AuditEntry; item: ItemRef; announce: NotificationKind; answers: boolean }
  | { type: 'reaction'; entry: AuditEntry; item: ItemRef }
  | { type: 'decision'; entry: AuditEntry; item: ItemRef; action: ModerationAction }
  | { type: 'removed'; entry: AuditEntry; item: ItemRef }
  | { type: 'edited'; entry: AuditEntry; item: ItemRef };

/** An item named by an entry: a forum topic is found through its opening post (`topicId`). */
export interface ItemRef {
  kind: ModeratedKind;
  id: string | null;
  topicId?: string;
  spaceId: string;
}

/** The events that may concern anyone: every other event (a move, a view, a sign-in) is dropped at once. */
export const SOURCE_EVENTS: ReadonlySet<AuditEventName> = new Set<AuditEventName>([
  'wall.card_created',
  'wall.comment_created',
  'wall.card_reacted',
  'wall.card_approved',
  'wall.card_deleted',
  'wall.comment_deleted',
  'wall.card_edited',
  'forum.topic_created',
  'forum.post_created',
  'forum.post_edited',
  'pad.version_created',
  'moderation.approve',
  'moderation.hide',
  'moderation.restore',
  'moderation.edit',
  'moderation.delete',
  'moderation.reject',
]);

/** The cheap first filter, on the request path: the event name and its status only. */
export const concernsNotifications = (entry: AuditEntry): boolean => entry.status === 'success' && SOURCE_EVENTS.has(entry.event) && entry.context.spaceId !== null;

const isModeratedKind = (type: string): type is ModeratedKind => (MODERATED_KINDS as readonly string[]).includes(type);

/** The fact of an entry that passed `concernsNotifications`, or null. */
export function factOf(entry: AuditEntry): Fact | null {
  const spaceId = entry.context.spaceId;
  const id = entry.target.id;
  if (!spaceId || !id) return null;
  const ref = (kind: ModeratedKind): ItemRef => ({ kind, id, spaceId });
  switch (entry.event) {
    case 'wall.card_created':
      return { type: 'created', entry, item: ref('wallCard'), announce: 'newCard', answers: false };
    case 'wall.comment_created':
      return { type: 'created', entry, item: ref('wallComment'), announce: 'newComment', answers: true };
    case 'forum.topic_created':
      return { type: 'created', entry, item: { kind: 'forumPost', id: null, topicId: id, spaceId }, announce: 'newTopic', answers: false };
    case 'forum.post_created':
      return { type: 'created', entry, item: ref('forumPost'), announce: 'newReply', answers: true };
    case 'pad.version_created':
      return { type: 'created', entry, item: { kind: 'pad', id: spaceId, spaceId }, announce: 'padVersion', answers: false };
    case 'wall.card_reacted':
      return { type: 'reaction', entry, item: ref('wallCard') };
    case 'wall.card_approved':
      return { type: 'decision', entry, item: ref('wallCard'), action: 'approve' };
    case 'wall.card_deleted':
      return { type: 'removed', entry, item: ref('wallCard') };
    case 'wall.comment_deleted':
      return { type: 'removed', entry, item: ref('wallComment') };
    case 'wall.card_edited':
      return { type: 'edited', entry, item: ref('wallCard') };
    case 'forum.post_edited':
      return { type: 'edited', entry, item: ref('forumPost') };
    default: {
      if (!entry.event.startsWith('moderation.') || !isModeratedKind(entry.target.type)) return null;
      return { type: 'decision', entry, item: ref(entry.target.type), action: entry.event.slice('moderation.'.length) as ModerationAction };
    }
  }
}

/** An item as loaded ONCE for a delivery: its space, its policy resource, where it is shown and whom it answers. */
export interface LoadedItem {
  space: SpaceDoc;
  item: ModeratedItem;
  resource: ItemResource;
  /** The card of a wall comment, the topic of a forum post. */
  parentId: string | null;
  /** The author of what it answers (the card's, the topic's), or null. */
  parentAuthorId: string | null;
}

/** Loads the item of a fact through its moderation adapter (null when it or its space is gone). */
export async function loadItem(ctx: ServerContext, schoolId: string, ref: ItemRef): Promise<LoadedItem | null> {
  const adapter = moderationAdapter(ref.kind);
  if (!adapter) return null;
  let space: SpaceDoc;
  try {
    space = (await liveSpaceOfKind(ctx, ref.spaceId, schoolId, null)).space;
  } catch {
    return null;
  }
  let itemId = ref.id;
  let parentId: string | null = null;
  let parentAuthorId: string | null = null;
  if (ref.kind === 'forumPost') {
    const { posts, topics } = await forumCollections(ctx.store);
    const post = itemId ? await posts.findOne({ _id: itemId, forumId: space._id }) : await posts.findOne({ topicId: ref.topicId, forumId: space._id, seq: 1 });
    if (!post) return null;
    itemId = post._id;
    parentId = post.topicId;
    parentAuthorId = (await topics.findOne({ _id: post.topicId }))?.authorId ?? null;
  } else if (ref.kind === 'wallComment' && itemId) {
    const comment = await commentsCollection(ctx.store).findOne({ _id: itemId, spaceId: space._id });
    if (!comment) return null;
    parentId = comment.cardId;
    parentAuthorId = (await cardsCollection(ctx.store).findOne({ _id: comment.cardId }))?.authorId ?? null;
  }
  if (!itemId) return null;
  const item = await adapter.load(ctx, space, itemId);
  if (!item) return null;
  return { space, item, resource: itemResource(space, item), parentId, parentAuthorId };
}

/** What a first approval announces to the readers, by kind of item. */
export function announcementOf(loaded: LoadedItem): NotificationKind | null {
  switch (loaded.item.kind) {
    case 'wallCard':
      return 'newCard';
    case 'wallComment':
      return 'newComment';
    case 'forumPost':
      return loaded.item.content.title === undefined ? 'newReply' : 'newTopic';
    default:
      return null;
  }
}
