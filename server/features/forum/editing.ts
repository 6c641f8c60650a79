import type { ReasonCode } from '../../../shared/moderation/types';
import { AppError } from '../../../shared/errors';
import { editRefusal, isForumConfigurer, isForumModerator, mayModerateForum } from '../../../shared/forum/policy';
import type { ForumModerationAction, ForumPostStatus, ForumPostView, ForumTopicView } from '../../../shared/forum/types';
import { contentHash } from '../../audit/canonical';
import type { ServerContext } from '../../context';
import { auditActorOf, type AuthedRequestState } from '../../http/request-state';
import type { PreauServer } from '../../realtime/handlers';
import { auditContextOf, refuse } from '../chat/rooms';
import { assertNotMuted } from '../moderation/mutes';
import { moderatorsRoom } from '../chat/views';
import { spaceRoom } from '../../../shared/spaces/types';
import type { SpaceDoc } from '../spaces/model';
import { forumFacts } from './forums';
import { forumCollections, type ForumTopicDoc } from './model';
import { forumFlood } from './posting';
import { moderationActor } from '../moderation/socket';
import { cleanBody, loadPostAndTopic, postContentChanger } from './apply';
import { broadcastTopic, presentPost, presentTopic } from './views';

const REFUSALS = {
  not_author: 'only its author or a moderator may edit this post',
  window: 'the edit window has passed: only moderators may edit now',
  topic_closed: 'the topic is locked or closed',
  removed: 'the post was removed by a moderator',
} as const;

/**
 * Edits a post: its author within the forum's window (in an open topic), a moderator at any time. Every edit
 * keeps a revision (who, when, the previous content) for moderators; everyone sees « modifié ».
 */
export async function postEditor(
  ctx: ServerContext,
  io: PreauServer | null,
  state: AuthedRequestState,
  forum: SpaceDoc,
  input: { postId: string; body: unknown; title?: string | undefined },
): Promise<{ post: ForumPostView; topic: ForumTopicView }> {
  const { post, topic } = await loadPostAndTopic(ctx, forum, input.postId);
  const facts = forumFacts(forum);
  const refusal = editRefusal(state.actor, facts, topic, post, Date.now());
  if (refusal) {
    throw await refuse(ctx, state, forum, 'FORBIDDEN', `forum:edit (${refusal})`, { type: 'forumPost', id: post._id, ownerId: post.authorId }, `You cannot edit this post: ${REFUSALS[refusal]}`);
  }
  await assertNotMuted(ctx, state, 'socket', forum, 'forum:edit', { type: 'forumPost', id: post._id, ownerId: post.authorId });
  if (input.title !== undefined && post.seq !== 1) throw new AppError('VALIDATION', 'Only the opening post carries the title', [{ path: 'title', message: 'opening post only' }]);
  const { body, plain } = cleanBody(input.body);
  if (!forumFlood.take(state.user._id)) throw new AppError('RATE_LIMITED', 'Too many edits: slow down');
  const { updated, updatedTopic } = await postContentChanger(ctx, io, {
    forum,
    topic,
    post,
    version: post.version,
    editor: { id: state.user._id, name: state.user.displayName },
    body,
    plain,
    title: input.title,
  });
  await ctx.services.audit.record({
    schoolId: forum.schoolId,
    actor: auditActorOf(state),
    origin: 'socket',
    event: 'forum.post_edited',
    target: { type: 'forumPost', id: post._id, ownerId: post.authorId },
    context: auditContextOf(forum),
    change: {
      fields: updatedTopic === topic ? ['body'] : ['body', 'title'],
      beforeHash: contentHash({ title: topic.title, body: post.body }),
      afterHash: contentHash({ title: updatedTopic.title, body }),
    },
    reason: updated.pii.length > 0 ? `personal information: ${updated.pii.join(', ')}` : null,
  });
  return { post: presentPost(updated, isForumModerator(state.actor, facts)), topic: presentTopic(updatedTopic, 0) };
}

const FROM: Record<ForumModerationAction, readonly ForumPostStatus[]> = {
  hide: ['published', 'pending'],
  delete: ['published', 'pending', 'hidden'],
  restore: ['hidden', 'deleted'],
  approve: ['pending'],
};

/**
 * A moderator hides, deletes, restores or approves a post from the forum's buttons; approving an opening post
 * publishes its topic. The action goes through the moderation feature's one path (version check, evidence,
 * audit, the author told why, the consoles updated), exactly as from the moderation console.
 */
export async function postModerator(
  ctx: ServerContext,
  io: PreauServer,
  state: AuthedRequestState,
  forum: SpaceDoc,
  input: { postId: string; action: ForumModerationAction; reasonCode: ReasonCode },
): Promise<{ post: ForumPostView }> {
  const { post } = await loadPostAndTopic(ctx, forum, input.postId);
  if (!mayModerateForum(state.actor, forumFacts(forum), input.action)) {
    throw await refuse(ctx, state, forum, 'FORBIDDEN', `forum:moderate ${input.action}`, { type: 'forumPost', id: post._id, ownerId: post.authorId }, 'Not allowed for this post');
  }
  if (!FROM[input.action].includes(post.status)) throw new AppError('CONFLICT', `Cannot ${input.action} a ${post.status} post`);
  await moderationActor(ctx, io, state, { kind: 'forumPost', itemId: post._id, spaceId: forum._id, action: input.action, reasonCode: input.reasonCode, version: post.version });
  return { post: presentPost((await loadPostAndTopic(ctx, forum, post._id)).post, true) };
}

/** Pins, locks, closes or hides a topic (the forum's teachers and the director). */
export async function topicStateChanger(
  ctx: ServerContext,
  io: PreauServer | null,
  state: AuthedRequestState,
  forum: SpaceDoc,
  input: { topicId: string; pinned?: boolean | undefined; locked?: boolean | undefined; closed?: boolean | undefined; hidden?: boolean | undefined },
): Promise<{ topic: ForumTopicView }> {
  const { topics } = await forumCollections(ctx.store);
  const topic = await topics.findOne({ _id: input.topicId, forumId: forum._id });
  if (!topic) throw new AppError('NOT_FOUND', 'Topic not found');
  if (!isForumConfigurer(state.actor, forumFacts(forum))) {
    throw await refuse(ctx, state, forum, 'FORBIDDEN', 'forum:topic', { type: 'forumTopic', id: topic._id, ownerId: topic.authorId }, 'Moderators only');
  }
  const now = Date.now();
  const set: Partial<ForumTopicDoc> = { updatedAt: now };
  if (input.pinned !== undefined) set.pinnedAt = input.pinned ? now : 0;
  if (input.locked !== undefined) set.locked = input.locked;
  if (input.closed !== undefined) set.closed = input.closed;
  if (input.hidden !== undefined && topic.status !== 'pending') set.status = input.hidden ? 'hidden' : 'published';
  const updated = (await topics.findOneAndUpdate({ _id: topic._id }, { $set: set }, { returnDocument: 'after' }))!;
  const fields = (['pinned', 'locked', 'closed', 'hidden'] as const).filter((field) => input[field] !== undefined);
  await ctx.services.audit.record({
    schoolId: forum.schoolId,
    actor: auditActorOf(state),
    origin: 'socket',
    event: 'forum.topic_updated',
    target: { type: 'forumTopic', id: topic._id, ownerId: topic.authorId },
    context: auditContextOf(forum),
    change: { fields: [...fields], beforeHash: contentHash(presentTopic(topic, 0)), afterHash: contentHash(presentTopic(updated, 0)) },
  });
  broadcastTopic(io, updated);
  // A topic hidden from everyone disappears from their lists at once.
  if (topic.status === 'published' && updated.status === 'hidden') {
    io?.to(spaceRoom(forum._id)).except(moderatorsRoom(forum._id)).emit('forum:topic', presentTopic(updated, 0));
  }
  return { topic: presentTopic(updated, 0) };
}
