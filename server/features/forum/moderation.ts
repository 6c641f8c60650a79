import { AppError } from '../../../shared/errors';
import { FORUM_ITEM_STATE } from '../../../shared/forum/policy';
import { ForumTitleSchema } from '../../../shared/forum/types';
import { plainToRichText, richTextToPlain, type RichTextDoc } from '../../../shared/richtext/validate';
import type { ServerContext } from '../../context';
import { registerModerationAdapter, type ModeratedItem } from '../moderation/adapters';
import type { SpaceDoc } from '../spaces/model';
import { cleanBody, contentReplacer, statusChanger, type ChangedPost } from './apply';
import { openingPosts, topicPublicFor } from './forums';
import { forumCollections, type ForumPostDoc, type ForumTopicDoc } from './model';
import { postChangePublisher } from './publish';
import { excerptOf, postFacts, readsTopic } from './views';

/**
 * The topic of each item this adapter built, with its opening post when known: whether a user may read the item
 * depends on it (a post of a topic someone may not read is not theirs to read either).
 */
const topicOfItem = new WeakMap<ModeratedItem, { topic: ForumTopicDoc; opening: ForumPostDoc | null }>();

/**
 * A forum post as the moderation feature handles it: its published text (the opening post with its topic's
 * title) as `content`, an author's change waiting for review as `pendingContent`, and what the policy table
 * decides on (first review, personal-information hold, pending change).
 */
export function forumItem(doc: ForumPostDoc, topic: ForumTopicDoc, forum: SpaceDoc, opening: ForumPostDoc | null = null): ModeratedItem {
  const facts = postFacts(doc);
  const pendingBody = doc.pendingBody ?? null;
  const pendingTitle = doc.seq === 1 ? (topic.pendingTitle ?? null) : null;
  const item: ModeratedItem = {
    kind: 'forumPost',
    id: doc._id,
    spaceId: doc.forumId,
    classId: forum.scope.kind === 'class' ? forum.scope.classId : null,
    authorId: doc.authorId,
    authorName: doc.authorName,
    state: FORUM_ITEM_STATE[doc.status],
    version: doc.version,
    excerpt: excerptOf(doc.body),
    createdAt: doc.createdAt,
    personalInfo: facts.personalInfo,
    pendingEdit: facts.pendingEdit,
    pendingExcerpt: pendingBody ? excerptOf(pendingBody) : null,
    schoolId: doc.schoolId,
    content: doc.seq === 1 ? { title: topic.title, body: doc.body } : { body: doc.body },
    pendingContent: pendingBody ? { ...(pendingTitle ? { title: pendingTitle } : {}), body: pendingBody } : null,
    firstReview: facts.firstReview,
  };
  topicOfItem.set(item, { topic, opening: doc.seq === 1 ? doc : opening });
  return item;
}

/** The posts' items, with their topics read at once. */
async function itemsOf(ctx: ServerContext, forum: SpaceDoc, docs: readonly ForumPostDoc[]): Promise<ModeratedItem[]> {
  if (docs.length === 0) return [];
  const { topics } = await forumCollections(ctx.store);
  const found = await topics.find({ _id: { $in: [...new Set(docs.map((doc) => doc.topicId))] } });
  const byId = new Map(found.map((topic) => [topic._id, topic]));
  const openings = await openingPosts(ctx, found);
  return docs.flatMap((doc) => {
    const topic = byId.get(doc.topicId);
    return topic ? [forumItem(doc, topic, forum, openings.get(topic._id) ?? null)] : [];
  });
}

/** A teacher's correction: the new text, and for the opening post optionally its topic's new title. */
function correctionOf(content: unknown): { body: RichTextDoc; plain: string; title: string | undefined } {
  const given = (content ?? {}) as { body?: unknown; title?: unknown };
  const { body, plain } = cleanBody(given.body);
  return { body, plain, title: given.title === undefined ? undefined : ForumTitleSchema.parse(given.title) };
}

/**
 * The forum's adapter for the one moderation path (`moderationActor`: reports, claims, reasons, evidence and
 * audit happen there, in its transaction). `apply` writes only; everyone is told by `publish` once committed.
 */
registerModerationAdapter({
  kind: 'forumPost',
  async load(ctx, space, itemId) {
    if (space.kind !== 'forum') return null;
    const { posts, topics } = await forumCollections(ctx.store);
    const doc = await posts.findOne({ _id: itemId, forumId: space._id });
    const topic = doc ? await topics.findOne({ _id: doc.topicId }) : null;
    return doc && topic ? forumItem(doc, topic, space, (await openingPosts(ctx, [topic])).get(topic._id) ?? null) : null;
  },
  async apply(ctx, { space, item, action, version, moderator, content }) {
    const { posts, topics } = await forumCollections(ctx.store);
    const post = await posts.findOne({ _id: item.id, forumId: space._id });
    const topic = post ? await topics.findOne({ _id: post.topicId }) : null;
    if (!post || !topic) throw new AppError('NOT_FOUND', 'Post not found');
    let changed: ChangedPost & { firstShown?: boolean };
    if (action === 'edit') {
      if (post.status === 'deleted') throw new AppError('CONFLICT', 'The post was deleted');
      const correction = correctionOf(content);
      if (correction.title !== undefined && post.seq !== 1) throw new AppError('VALIDATION', 'Only the opening post carries the title', [{ path: 'title', message: 'opening post only' }]);
      changed = await contentReplacer(ctx, { forum: space, topic, post, version, editor: moderator, ...correction, correction: true });
    } else {
      changed = await statusChanger(ctx, { forum: space, topic, post, version, action, moderatorId: moderator.id });
    }
    return {
      after: forumItem(changed.updated, changed.updatedTopic, space),
      publish: postChangePublisher(ctx, space, { topic, ...changed }),
    };
  },
  async pending(ctx, space) {
    if (space.kind !== 'forum') return [];
    const { posts } = await forumCollections(ctx.store);
    // First publications, authors' changes waiting for review, and what a moderator (or many reports) hid.
    const docs = await posts.find({ forumId: space._id, $or: [{ status: { $in: ['pending', 'hidden'] } }, { pendingBody: { $ne: null } }] }, { sort: { createdAt: 1 }, limit: 200 });
    return itemsOf(ctx, space, docs);
  },
  async recent(ctx, space, limit) {
    if (space.kind !== 'forum') return [];
    const docs = await (await forumCollections(ctx.store)).posts.find({ forumId: space._id }, { sort: { createdAt: -1 }, limit });
    return itemsOf(ctx, space, docs);
  },
  readableBy(item, userId) {
    const topic = topicOfItem.get(item);
    if (!topic || !topicPublicFor(topic.topic, userId)) return false;
    return item.state === 'visible' || (item.state === 'pending' && item.authorId === userId);
  },
  readsContainer(actor, space, item) {
    const held = topicOfItem.get(item);
    return !held || readsTopic(actor, space, held.topic, held.opening);
  },
  plainText: (item) => richTextToPlain(item.content.body as RichTextDoc).trimEnd(),
  fromPlainText: (text) => ({ body: plainToRichText(text) }),
});
