import { AppError } from '../../../shared/errors';
import { heldForReview, mayReply } from '../../../shared/forum/policy';
import { foldForSearch, type ForumPostView, type ForumTopicView } from '../../../shared/forum/types';
import { personalInfoKinds } from '../../../shared/pii/detect';
import { personalInfoHold } from '../../../shared/pii/guard';
import type { RichTextDoc } from '../../../shared/richtext/validate';
import { auditedChange } from '../../audit/command';
import type { ServerContext } from '../../context';
import { spendLimit } from '../../http/rate-limit';
import { auditActorOf, mainProfile, type AuthedRequestState } from '../../http/request-state';
import type { PreauServer } from '../../realtime/handlers';
import { toModerationConsoles } from '../moderation/consoles';
import { assertNotMuted } from '../moderation/mutes';
import { refusal } from '../spaces/access';
import type { SpaceDoc } from '../spaces/model';
import { spaceAuditContext } from '../spaces/service';
import { cleanBody, searchableOf } from './apply';
import { forumFacts, forumViewer, loadTopic, openingPosts } from './forums';
import { forumCollections, type ForumPostDoc, type ForumTopicDoc } from './model';
import { forumItem } from './moderation';
import { broadcastPosts, broadcastTopic, presentPost, presentTopic, quotedPosts } from './views';

/** Flood control for every forum write of a user, on every connection and node (`forumWrite`): throws RATE_LIMITED. */
export async function takeToken(ctx: ServerContext, state: AuthedRequestState, message = 'Too many posts'): Promise<void> {
  await spendLimit(ctx, 'forumWrite', state.user._id, message);
}

/** Why a contribution's audit event names personal information (moderators see the flag; pupils' posts are held). */
export const piiReason = (pii: readonly string[]): string | null => (pii.length > 0 ? `personal information: ${pii.join(', ')}` : null);

/**
 * A post as first stored. It waits for review (`pending`) when the forum is pre-moderated and its author does not
 * run it, or when the personal-information guard holds it (a pupil's text that seems to hold a phone number, an
 * e-mail or a postal address): then only its author and the moderators see it.
 */
function newPost(state: AuthedRequestState, forum: SpaceDoc, topicId: string, seq: number, key: string, body: RichTextDoc, searchable: string, hold: { pending: boolean; personalInfo: boolean }): Omit<ForumPostDoc, '_id'> {
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
    status: hold.pending ? 'pending' : 'published',
    shown: !hold.pending,
    reviewed: false,
    removedById: null,
    quote: null,
    quotePostId: '',
    pendingBody: null,
    pendingAt: null,
    personalInfo: hold.personalInfo,
    edited: false,
    editedAt: null,
    revisionCount: 0,
    pii: personalInfoKinds(searchable),
    createdAt: Date.now(),
    version: 1,
  };
}

/** Whether a new contribution waits for review: pre-moderation, or the personal-information guard. */
function holdOf(state: AuthedRequestState, forum: SpaceDoc, searchable: string): { pending: boolean; personalInfo: boolean } {
  const personalInfo = personalInfoHold(state.user.profiles, searchable).length > 0;
  return { pending: personalInfo || heldForReview(state.actor, forumFacts(forum)), personalInfo };
}

/**
 * Opens a topic with its first post, and its audit event, in one transaction; idempotent on the client's key
 * (a retry returns the stored topic: found inside the transaction, so a concurrent twin is found too).
 */
export async function topicCreator(
  ctx: ServerContext,
  io: PreauServer | null,
  state: AuthedRequestState,
  forum: SpaceDoc,
  input: { key: string; title: string; body: unknown },
): Promise<{ topic: ForumTopicView; post: ForumPostView; duplicate: boolean }> {
  const { topics, posts } = await forumCollections(ctx.store);
  const viewer = forumViewer(state.actor, forum);
  const stored = async () => {
    const topic = await topics.findOne({ forumId: forum._id, authorId: state.user._id, key: input.key });
    const post = topic ? await posts.findOne({ topicId: topic._id, seq: 1 }) : null;
    return topic && post ? { topic, post } : null;
  };
  const answer = (topic: ForumTopicDoc, post: ForumPostDoc, duplicate: boolean) => ({ topic: presentTopic(topic, 1, true), post: presentPost(post, viewer, forum, null), duplicate });
  // A retry of a stored topic is answered before any limit (it writes nothing).
  const earlier = await stored();
  if (earlier) return answer(earlier.topic, earlier.post, true);
  await assertNotMuted(ctx, state, 'socket', forum, 'forum:topic:create', { type: 'forum', id: forum._id, ownerId: forum.ownerId });
  const { body, plain } = cleanBody(input.body);
  await takeToken(ctx, state);
  const searchable = searchableOf(1, input.title, plain);
  const hold = holdOf(state, forum, searchable);
  const created = await auditedChange(ctx, async (record) => {
    const twin = await stored();
    if (twin) return { ...twin, duplicate: true };
    const now = Date.now();
    const topic = await topics.insertOne({
      schoolId: forum.schoolId,
      forumId: forum._id,
      key: input.key,
      title: input.title,
      authorId: state.user._id,
      authorName: state.user.displayName,
      status: hold.pending ? 'pending' : 'published',
      pinnedAt: 0,
      locked: false,
      closed: false,
      seqCounter: 1,
      lastVisibleSeq: hold.pending ? 0 : 1,
      postCount: hold.pending ? 0 : 1,
      lastPostAt: now,
      createdAt: now,
      updatedAt: now,
      pendingTitle: null,
    });
    const post = await posts.insertOne(newPost(state, forum, topic._id, 1, input.key, body, searchable, hold));
    await record({
      schoolId: forum.schoolId,
      actor: auditActorOf(state),
      origin: 'socket',
      event: 'forum.topic_created',
      target: { type: 'forumTopic', id: topic._id, ownerId: state.user._id },
      context: spaceAuditContext(forum),
      change: { fields: ['title', 'body'], after: { title: topic.title, body } },
      reason: piiReason(post.pii),
    });
    return { topic, post, duplicate: false };
  });
  if (!created.duplicate) {
    await broadcastTopic(io, created.topic, forum, created.post);
    await broadcastPosts(io, 'forum:post', [created.post], created.topic, forum, new Map());
    await toModerationConsoles(io, forum, forumItem(created.post, created.topic, forum));
  }
  return answer(created.topic, created.post, created.duplicate);
}

/**
 * Replies in a topic, optionally quoting a post of it: the topic's counter, the post and its audit event in one
 * transaction; idempotent on the client's key. The quote keeps no copy of the quoted text (see views.ts).
 */
export async function replier(
  ctx: ServerContext,
  io: PreauServer | null,
  state: AuthedRequestState,
  forum: SpaceDoc,
  input: { topicId: string; key: string; body: unknown; quotePostId?: string | undefined },
): Promise<{ post: ForumPostView; duplicate: boolean }> {
  const collections = await forumCollections(ctx.store);
  const { topics, posts } = collections;
  const viewer = forumViewer(state.actor, forum);
  const facts = forumFacts(forum);
  const stored = () => posts.findOne({ forumId: forum._id, authorId: state.user._id, key: input.key });
  const answer = async (post: ForumPostDoc, duplicate: boolean) => ({ post: presentPost(post, viewer, forum, (await quotedPosts(collections, [post])).get(post.quotePostId) ?? null), duplicate });
  const earlier = await stored();
  if (earlier) return answer(earlier, true);
  const topic = await loadTopic(ctx, forum, input.topicId, state.actor);
  const target = { type: 'forumTopic', id: topic._id, ownerId: topic.authorId };
  await assertNotMuted(ctx, state, 'socket', forum, 'forum:reply', target);
  if (!mayReply(state.actor, facts, topic)) throw await refusal(ctx, state, 'socket', forum, 'forum:reply (topic locked or closed)', target, 'This topic is closed to replies');
  const { body, plain } = cleanBody(input.body);
  const quoted = input.quotePostId ? await posts.findOne({ _id: input.quotePostId, topicId: topic._id }) : null;
  // Only what the replier can read may be quoted (moderators may quote anything of the topic).
  if (input.quotePostId && (!quoted || (!viewer.moderator && (!quoted.shown || quoted.status !== 'published')))) throw new AppError('NOT_FOUND', 'Quoted post not found');
  await takeToken(ctx, state);
  const hold = holdOf(state, forum, plain);
  const created = await auditedChange(ctx, async (record) => {
    const twin = await stored();
    if (twin) return { post: twin, topic, duplicate: true };
    const now = Date.now();
    const counted = await topics.findOneAndUpdate(
      { _id: topic._id },
      {
        $inc: { seqCounter: 1, ...(hold.pending ? {} : { postCount: 1 }) },
        $set: { updatedAt: now },
        ...(hold.pending ? {} : { $max: { lastPostAt: now } }),
      },
      { returnDocument: 'after' },
    );
    if (!counted) throw new AppError('NOT_FOUND', 'Topic not found');
    const doc = newPost(state, forum, topic._id, counted.seqCounter, input.key, body, plain, hold);
    if (quoted) {
      doc.quote = { postId: quoted._id, seq: quoted.seq, authorName: quoted.authorName };
      doc.quotePostId = quoted._id;
    }
    const post = await posts.insertOne(doc);
    const updatedTopic = hold.pending ? counted : ((await topics.findOneAndUpdate({ _id: topic._id }, { $max: { lastVisibleSeq: post.seq } }, { returnDocument: 'after' })) ?? counted);
    await record({
      schoolId: forum.schoolId,
      actor: auditActorOf(state),
      origin: 'socket',
      event: 'forum.post_created',
      target: { type: 'forumPost', id: post._id, ownerId: state.user._id },
      context: spaceAuditContext(forum),
      change: { fields: ['body'], after: body },
      reason: piiReason(post.pii),
    });
    return { post, topic: updatedTopic, duplicate: false };
  });
  if (!created.duplicate) {
    await broadcastPosts(io, 'forum:post', [created.post], created.topic, forum, new Map(quoted ? [[quoted._id, quoted]] : []));
    if (!hold.pending) await broadcastTopic(io, created.topic, forum, (await openingPosts(ctx, [created.topic])).get(created.topic._id) ?? null);
    await toModerationConsoles(io, forum, forumItem(created.post, created.topic, forum));
  }
  return answer(created.post, created.duplicate);
}
