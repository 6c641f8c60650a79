import type { AuditEntry } from '../../../shared/audit/events';
import { FAMILY_EXCERPT_MAX } from '../../../shared/family/limits';
import type { FeedEntry, FeedEntryKind } from '../../../shared/family/types';
import type { Actor } from '../../../shared/policy/actor';
import { canReadItem } from '../../../shared/policy/can';
import type { ModeratedKind } from '../../../shared/moderation/types';
import { richTextToPlain, type RichTextDoc } from '../../../shared/richtext/validate';
import type { WallAttachment } from '../../../shared/wall/types';
import type { ServerContext } from '../../context';
import { topicReadable } from '../forum/forums';
import { forumCollections } from '../forum/model';
import { moderationAdapter, type ModeratedItem } from '../moderation/adapters';
import { itemResource } from '../moderation/items';
import type { SpaceDoc } from '../spaces/model';
import { commentsCollection, ensureWallIndexes } from '../wall/model';

/** The audit events a week's feed is read from: each creation of a contribution (pads: `feed.ts` groups their edits). */
export const ITEM_EVENTS = ['wall.card_created', 'wall.comment_created', 'forum.topic_created', 'forum.post_created'] as const;
export const PAD_EVENT = 'pad.edited';
export const FEED_EVENTS = [...ITEM_EVENTS, PAD_EVENT] as const;

/** Who reads the feed, and whose contributions it marks (`byChild`): the child, or the pupils of the class. */
export interface FeedReader {
  actor: Actor;
  subjectIds: ReadonlySet<string>;
}

/** The profiles whose contributions are « published by the teachers ». */
const STAFF_PROFILES: ReadonlySet<string> = new Set(['teacher', 'director']);

export const excerptOf = (text: string): string | null => {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean === '') return null;
  return clean.length > FAMILY_EXCERPT_MAX ? `${clean.slice(0, FAMILY_EXCERPT_MAX - 1)}…` : clean;
};

/** Loads one item through its feature's moderation adapter, and keeps it only if the reader may read it now. */
async function readable(ctx: ServerContext, reader: FeedReader, space: SpaceDoc, kind: ModeratedKind, itemId: string): Promise<ModeratedItem | null> {
  const item = await moderationAdapter(kind)?.load(ctx, space, itemId);
  if (!item || !canReadItem(reader.actor, itemResource(space, item))) return null;
  return item;
}

/** The card's image as a small picture: the wall's thumbnail route, which checks again who may see it. */
function pictureOf(space: SpaceDoc, attachment: unknown): string | null {
  const file = attachment as WallAttachment | null | undefined;
  if (!file || file.kind !== 'image') return null;
  return `/api/walls/${encodeURIComponent(space._id)}/files/${encodeURIComponent(file.blobId)}${file.hasThumb ? '/thumb' : ''}`;
}

function entryOf(
  reader: FeedReader,
  event: AuditEntry,
  space: SpaceDoc,
  kind: FeedEntryKind,
  item: ModeratedItem,
  place: { cardId?: string | null; topicId?: string | null; title?: string | null; pictureUrl?: string | null; text?: string },
): FeedEntry {
  return {
    kind,
    space: { id: space._id, title: space.title, kind: space.kind },
    itemId: item.id,
    cardId: place.cardId ?? null,
    topicId: place.topicId ?? null,
    title: place.title ?? null,
    authorId: item.authorId,
    authorName: item.authorName,
    byChild: item.authorId !== null && reader.subjectIds.has(item.authorId),
    byTeacher: event.actor.profile !== null && STAFF_PROFILES.has(event.actor.profile),
    excerpt: excerptOf(place.text ?? item.excerpt),
    pictureUrl: place.pictureUrl ?? null,
    // Deleted items never get here (canReadItem).
    state: item.state === 'deleted' ? 'hidden' : item.state,
    at: event.ts,
  };
}

/**
 * The feed entry of one creation event, or null when the reader may not read the item now (pending, hidden or
 * deleted for them, or in a topic or on a card they may not read). Each item is loaded through its moderation
 * adapter and asked `canReadItem` for the reader, so nothing the reader cannot open is described to them.
 */
export async function itemEntry(ctx: ServerContext, reader: FeedReader, event: AuditEntry, space: SpaceDoc): Promise<FeedEntry | null> {
  const targetId = event.target.id;
  if (!targetId) return null;
  switch (event.event) {
    case 'wall.card_created': {
      const card = await readable(ctx, reader, space, 'wallCard', targetId);
      if (!card) return null;
      const title = typeof card.content.title === 'string' && card.content.title !== '' ? card.content.title : null;
      // The card's text without its title, which the entry already names.
      const body = card.content.body ? richTextToPlain(card.content.body as RichTextDoc) : '';
      return entryOf(reader, event, space, 'wallCard', card, { cardId: card.id, title, pictureUrl: pictureOf(space, card.content.attachment), text: body });
    }
    case 'wall.comment_created': {
      await ensureWallIndexes(ctx.store);
      const stored = await commentsCollection(ctx.store).findOne({ _id: targetId, spaceId: space._id });
      const comment = stored ? await readable(ctx, reader, space, 'wallComment', targetId) : null;
      // A comment is read on its card: none of a card the reader may not read.
      const card = stored && comment ? await readable(ctx, reader, space, 'wallCard', stored.cardId) : null;
      if (!stored || !comment || !card) return null;
      const title = typeof card.content.title === 'string' && card.content.title !== '' ? card.content.title : null;
      return entryOf(reader, event, space, 'wallComment', comment, { cardId: card.id, title });
    }
    case 'forum.topic_created':
    case 'forum.post_created': {
      const { posts, topics } = await forumCollections(ctx.store);
      const post =
        event.event === 'forum.topic_created'
          ? await posts.findOne({ topicId: targetId, forumId: space._id, seq: 1 })
          : await posts.findOne({ _id: targetId, forumId: space._id });
      // The opening post is told once, as its topic.
      if (!post || (event.event === 'forum.post_created' && post.seq === 1)) return null;
      const topic = await topics.findOne({ _id: post.topicId, forumId: space._id });
      if (!topic || !(await topicReadable(ctx, reader.actor, space, topic))) return null;
      const item = await readable(ctx, reader, space, 'forumPost', post._id);
      if (!item) return null;
      return entryOf(reader, event, space, event.event === 'forum.topic_created' ? 'forumTopic' : 'forumPost', item, { topicId: topic._id, title: topic.title });
    }
    default:
      return null;
  }
}
