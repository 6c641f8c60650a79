import { AppError } from '../../../shared/errors';
import { FORUM_FLOOD_BUCKET_CAPACITY, FORUM_FLOOD_REFILL_PER_SECOND, FORUM_QUOTE_EXCERPT_CHARS } from '../../../shared/forum/limits';
import { isForumConfigurer, isForumModerator, mayReply } from '../../../shared/forum/policy';
import { foldForSearch, type ForumPostView, type ForumTopicView } from '../../../shared/forum/types';
import { personalInfoKinds } from '../../../shared/pii/detect';
import { richTextToPlain, type RichTextDoc } from '../../../shared/richtext/validate';
import { cleanBody } from './apply';
import { contentHash } from '../../audit/canonical';
import type { ServerContext } from '../../context';
import { auditActorOf, mainProfile, type AuthedRequestState } from '../../http/request-state';
import type { PreauServer } from '../../realtime/handlers';
import { DuplicateKeyError, newId } from '../../storage/port';
import { TokenBuckets } from '../chat/flood';
import { toModerationConsoles } from '../moderation/consoles';
import { auditContextOf, refuse } from '../chat/rooms';
import { assertNotMuted } from '../moderation/mutes';
import { forumItemView } from './moderation';
import type { SpaceDoc } from '../spaces/model';
import { forumFacts, loadTopic } from './forums';
import { forumCollections, type ForumPostDoc } from './model';
import { broadcastPost, broadcastTopic, presentPost, presentTopic } from './views';

/** Flood control for every forum write of a user (named limits in shared/forum/limits.ts). */
export const forumFlood = new TokenBuckets(FORUM_FLOOD_BUCKET_CAPACITY, FORUM_FLOOD_REFILL_PER_SECOND);

function takeToken(state: AuthedRequestState): void {
  if (!forumFlood.take(state.user._id)) throw new AppError('RATE_LIMITED', 'Too many posts: slow down');
}

/** A post as first stored; pre-moderated posts wait (`pending`) unless their author moderates the forum. */
function newPost(state: AuthedRequestState, forum: SpaceDoc, topicId: string, seq: number, key: string, body: RichTextDoc, searchable: string, pending: boolean): Omit<ForumPostDoc, '_id'> {
  return {
    schoolId: forum.schoolId,
    forumId: forum._id,
    topicId,
    seq,
    key,
    authorId: state.user._id,
    authorName: state.user.displayName,
    authorRole: mainProfile(state.user.profiles),
    body,
    searchText: foldForSearch(searchable),
    status: pending ? 'pending' : 'published',
    shown: !pending,
    removedById: null,
    quote: null,
    quotePostId: '',
    edited: false,
    editedAt: null,
    revisionCount: 0,
    pii: personalInfoKinds(searchable),
    createdAt: Date.now(),
    version: 1,
  };
}

/** Opens a topic with its first post; idempotent on the client's key (a retry returns the stored topic). */
export async function topicCreator(
  ctx: ServerContext,
  io: PreauServer | null,
  state: AuthedRequestState,
  forum: SpaceDoc,
  input: { key: string; title: string; body: unknown },
): Promise<{ topic: ForumTopicView; post: ForumPostView; duplicate: boolean }> {
  const { topics, posts } = await forumCollections(ctx.store);
  const facts = forumFacts(forum);
  const moderator = isForumModerator(state.actor, facts);
  const existing = await topics.findOne({ forumId: forum._id, authorId: state.user._id, key: input.key });
  const existingPost = existing ? await posts.findOne({ topicId: existing._id, seq: 1 }) : null;
  if (existing && existingPost) return { topic: presentTopic(existing, 1), post: presentPost(existingPost, moderator), duplicate: true };
  await assertNotMuted(ctx, state, 'socket', forum, 'forum:topic:create', { type: 'forum', id: forum._id, ownerId: forum.ownerId });
  const { body, plain } = cleanBody(input.body);
  takeToken(state);
  const pending = facts.settings.preModeration && !isForumConfigurer(state.actor, facts);
  const now = Date.now();
  let topic = existing;
  if (!topic) {
    try {
      topic = await topics.insertOne({
        _id: newId(now),
        schoolId: forum.schoolId,
        forumId: forum._id,
        key: input.key,
        title: input.title,
        authorId: state.user._id,
        authorName: state.user.displayName,
        status: pending ? 'pending' : 'published',
        pinnedAt: 0,
        locked: false,
        closed: false,
        seqCounter: 1,
        lastVisibleSeq: pending ? 0 : 1,
        postCount: pending ? 0 : 1,
        lastPostAt: now,
        createdAt: now,
        updatedAt: now,
      });
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
      topic = (await topics.findOne({ forumId: forum._id, authorId: state.user._id, key: input.key }))!;
    }
  }
  let post: ForumPostDoc;
  try {
    post = await posts.insertOne(newPost(state, forum, topic._id, 1, input.key, body, `${input.title}\n${plain}`, pending));
  } catch (error) {
    if (!(error instanceof DuplicateKeyError)) throw error;
    const stored = (await posts.findOne({ topicId: topic._id, seq: 1 }))!;
    return { topic: presentTopic(topic, 1), post: presentPost(stored, moderator), duplicate: true };
  }
  await ctx.services.audit.record({
    schoolId: forum.schoolId,
    actor: auditActorOf(state),
    origin: 'socket',
    event: 'forum.topic_created',
    target: { type: 'forumTopic', id: topic._id, ownerId: state.user._id },
    context: auditContextOf(forum),
    change: { fields: ['title', 'body'], beforeHash: null, afterHash: contentHash({ title: topic.title, body }) },
    reason: post.pii.length > 0 ? `personal information: ${post.pii.join(', ')}` : null,
  });
  broadcastTopic(io, topic);
  broadcastPost(io, 'forum:post', post, topic);
  toModerationConsoles(io, forum, forumItemView(post, forum));
  return { topic: presentTopic(topic, 1), post: presentPost(post, moderator), duplicate: false };
}

/** Replies in a topic, optionally quoting a post of it; idempotent on the client's key. */
export async function replier(
  ctx: ServerContext,
  io: PreauServer | null,
  state: AuthedRequestState,
  forum: SpaceDoc,
  input: { topicId: string; key: string; body: unknown; quotePostId?: string | undefined },
): Promise<{ post: ForumPostView; duplicate: boolean }> {
  const { topics, posts } = await forumCollections(ctx.store);
  const facts = forumFacts(forum);
  const moderator = isForumModerator(state.actor, facts);
  const existing = await posts.findOne({ forumId: forum._id, authorId: state.user._id, key: input.key });
  if (existing) return { post: presentPost(existing, moderator), duplicate: true };
  const topic = await loadTopic(ctx, forum, input.topicId, state.user._id, moderator);
  await assertNotMuted(ctx, state, 'socket', forum, 'forum:reply', { type: 'forumTopic', id: topic._id, ownerId: topic.authorId });
  if (!mayReply(state.actor, facts, topic)) {
    throw await refuse(ctx, state, forum, 'FORBIDDEN', 'forum:reply (topic locked or closed)', { type: 'forumTopic', id: topic._id, ownerId: topic.authorId }, 'This topic is closed to replies');
  }
  const { body, plain } = cleanBody(input.body);
  const quoted = input.quotePostId ? await posts.findOne({ _id: input.quotePostId, topicId: topic._id }) : null;
  if (input.quotePostId && (!quoted || (!moderator && (!quoted.shown || quoted.status !== 'published')))) throw new AppError('NOT_FOUND', 'Quoted post not found');
  takeToken(state);
  const pending = facts.settings.preModeration && !isForumConfigurer(state.actor, facts);
  const counter = await topics.findOneAndUpdate(
    { _id: topic._id },
    { $inc: { seqCounter: 1, ...(pending ? {} : { postCount: 1 }) }, $set: { updatedAt: Date.now() } },
    { returnDocument: 'after' },
  );
  const seq = counter!.seqCounter;
  const doc = newPost(state, forum, topic._id, seq, input.key, body, plain, pending);
  if (quoted) {
    const excerpt = richTextToPlain(quoted.body).trim().slice(0, FORUM_QUOTE_EXCERPT_CHARS);
    doc.quote = { postId: quoted._id, seq: quoted.seq, authorName: quoted.authorName, excerpt, removed: false };
    doc.quotePostId = quoted._id;
  }
  let post: ForumPostDoc;
  try {
    post = await posts.insertOne(doc);
  } catch (error) {
    if (!(error instanceof DuplicateKeyError)) throw error;
    if (!pending) await topics.updateOne({ _id: topic._id }, { $inc: { postCount: -1 } });
    const stored = (await posts.findOne({ forumId: forum._id, authorId: state.user._id, key: input.key }))!;
    return { post: presentPost(stored, moderator), duplicate: true };
  }
  const updatedTopic = pending
    ? counter!
    : (await topics.findOneAndUpdate({ _id: topic._id }, { $max: { lastVisibleSeq: seq, lastPostAt: post.createdAt } }, { returnDocument: 'after' }))!;
  await ctx.services.audit.record({
    schoolId: forum.schoolId,
    actor: auditActorOf(state),
    origin: 'socket',
    event: 'forum.post_created',
    target: { type: 'forumPost', id: post._id, ownerId: state.user._id },
    context: auditContextOf(forum),
    change: { fields: ['body'], beforeHash: null, afterHash: contentHash(body) },
    reason: post.pii.length > 0 ? `personal information: ${post.pii.join(', ')}` : null,
  });
  broadcastPost(io, 'forum:post', post, updatedTopic);
  if (!pending) broadcastTopic(io, updatedTopic);
  toModerationConsoles(io, forum, forumItemView(post, forum));
  return { post: presentPost(post, moderator), duplicate: false };
}

