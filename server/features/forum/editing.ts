import { AppError } from '../../../shared/errors';
import { editRefusal, heldForReview } from '../../../shared/forum/policy';
import type { ForumPostView, ForumTopicView } from '../../../shared/forum/types';
import type { ReasonCode } from '../../../shared/moderation/types';
import { personalInfoHold } from '../../../shared/pii/guard';
import { auditedChange } from '../../audit/command';
import type { ServerContext } from '../../context';
import { auditActorOf, type AuthedRequestState } from '../../http/request-state';
import type { PolicyQuestion } from '../../http/route';
import type { PreauServer } from '../../realtime/handlers';
import { moderationActor } from '../moderation/actor';
import { moderationAdapter } from '../moderation/adapters';
import { toModerationConsoles } from '../moderation/consoles';
import { itemResource, type ModerationTarget } from '../moderation/items';
import { assertNotMuted } from '../moderation/mutes';
import { loadSpaceOfKind, refusal } from '../spaces/access';
import { spaceResource, type SpaceDoc } from '../spaces/model';
import { spaceAuditContext } from '../spaces/service';
import { changeHolder, cleanBody, contentReplacer, searchableOf, type ChangedPost } from './apply';
import { forumFacts, forumViewer, loadPostAndTopic, openingPosts } from './forums';
import { forumCollections, type ForumPostDoc, type ForumTopicDoc } from './model';
import { forumItem } from './moderation';
import { takeToken } from './posting';
import { postChangePublisher } from './publish';
import { broadcastTopic, presentPost, presentTopic, quotedPosts } from './views';

const REFUSALS = {
  not_author: 'only its author or a moderator may edit this post',
  window: 'the edit window has passed: only moderators may edit now',
  topic_closed: 'the topic is locked or closed',
  removed: 'the post was removed by a moderator',
} as const;

/**
 * What the edit check loaded: the sender's own post (an author's edit: `comment` on the forum), or someone else's
 * (a teacher's correction: the moderation action `edit`, asked on the post itself).
 */
export type EditSubject = { own: true; forum: SpaceDoc; post: ForumPostDoc; topic: ForumTopicDoc } | { own: false; target: ModerationTarget };

/** The policy question of `forum:edit`: the exact action depends on whose post it is. */
export async function askEdit(ctx: ServerContext, state: AuthedRequestState, input: { forumId: string; postId: string }): Promise<PolicyQuestion<EditSubject>> {
  const forum = await loadSpaceOfKind(ctx, input.forumId, state.user.schoolId, 'forum');
  const { post, topic } = await loadPostAndTopic(ctx, forum, input.postId);
  if (post.authorId === state.user._id) return { action: 'comment', resource: spaceResource(forum), subject: { own: true, forum, post, topic } };
  const adapter = moderationAdapter('forumPost');
  if (!adapter) throw new AppError('UNAVAILABLE', 'Forum moderation is not ready');
  const item = forumItem(post, topic, forum);
  return { action: 'edit', resource: itemResource(forum, item), subject: { own: false, target: { space: forum, adapter, item } } };
}

type EditInput = { postId: string; body: unknown; title?: string | undefined; reasonCode?: ReasonCode | undefined };

async function answerFor(ctx: ServerContext, state: AuthedRequestState, forum: SpaceDoc, postId: string): Promise<{ post: ForumPostView; topic: ForumTopicView }> {
  const { post, topic } = await loadPostAndTopic(ctx, forum, postId);
  const quoted = (await quotedPosts(await forumCollections(ctx.store), [post])).get(post.quotePostId) ?? null;
  const viewer = forumViewer(state.actor, forum);
  return { post: presentPost(post, viewer, forum, quoted), topic: presentTopic(topic, 0, true) };
}

/**
 * An author edits their post: within the forum's window, in an open topic. Published at once, unless a moderator
 * must see it first: in a pre-moderated forum (for anyone who does not run it, pupil moderators included), or
 * when a pupil's text seems to hold personal information. Then the change waits for review: everyone else keeps
 * the published text until a moderator approves or rejects it; the author and the moderators see the change,
 * marked. A post still waiting for its first review simply gets its new text. Change and audit: one transaction.
 */
export async function ownPostEditor(ctx: ServerContext, io: PreauServer | null, state: AuthedRequestState, subject: Extract<EditSubject, { own: true }>, input: EditInput) {
  const { forum, post, topic } = subject;
  const facts = forumFacts(forum);
  const target = { type: 'forumPost', id: post._id, ownerId: post.authorId };
  const refused = editRefusal(state.actor, facts, topic, post, Date.now());
  if (refused) throw await refusal(ctx, state, 'socket', forum, `forum:edit (${refused})`, target, `You cannot edit this post: ${REFUSALS[refused]}`);
  await assertNotMuted(ctx, state, 'socket', forum, 'forum:edit', target);
  if (input.title !== undefined && post.seq !== 1) throw new AppError('VALIDATION', 'Only the opening post carries the title', [{ path: 'title', message: 'opening post only' }]);
  const { body, plain } = cleanBody(input.body);
  await takeToken(ctx, state, 'Too many edits');
  const kinds = personalInfoHold(state.user.profiles, searchableOf(post.seq, input.title ?? topic.pendingTitle ?? topic.title, plain));
  const hasPending = (post.pendingBody ?? null) !== null;
  // A post waiting for its first review gets its new text; a published one keeps its text while a change is reviewed.
  // A personal-information hold stays until a teacher decides, even if the author rewrote the text (a number
  // spelled out differently is still a number).
  const mode = post.status === 'pending' ? 'replaced' : kinds.length > 0 || hasPending || heldForReview(state.actor, facts) ? 'held' : 'published';
  const editor = { id: state.user._id, name: state.user.displayName };
  const changed = await auditedChange<ChangedPost>(ctx, async (record) => {
    const common = { topic, post, version: post.version, body, plain, title: input.title };
    const result =
      mode === 'held'
        ? await changeHolder(ctx, { ...common, personalInfo: kinds.length > 0 || (hasPending && (post.personalInfo ?? false)) })
        : await contentReplacer(ctx, { ...common, forum, editor, ...(mode === 'replaced' ? { personalInfo: kinds.length > 0 || (post.personalInfo ?? false) } : {}) });
    const titleChanged = input.title !== undefined && input.title !== topic.title;
    await record({
      schoolId: forum.schoolId,
      actor: auditActorOf(state),
      origin: 'socket',
      event: 'forum.post_edited',
      target,
      context: spaceAuditContext(forum),
      change: { fields: titleChanged ? ['body', 'title'] : ['body'], before: { title: topic.title, body: post.body }, after: { title: input.title ?? topic.title, body } },
      reason: kinds.length > 0 ? `held: personal information: ${kinds.join(', ')}` : mode === 'held' ? 'held for review' : null,
    });
    return result;
  });
  await postChangePublisher(ctx, forum, { topic, ...changed })();
  // What waits for review reaches the consoles' « À relire » at once; any change updates their live stream.
  await toModerationConsoles(io, forum, forumItem(changed.updated, changed.updatedTopic, forum));
  return answerFor(ctx, state, forum, post._id);
}

/**
 * A teacher (or the director) corrects someone else's post from the forum: the moderation action `edit`, on the
 * one moderation path (evidence of the original, audit, the author told, the consoles updated), exactly as from
 * the moderation console; the previous text is kept as a revision, and any change waiting for review is dropped.
 */
export async function othersPostCorrector(ctx: ServerContext, state: AuthedRequestState, target: ModerationTarget, input: EditInput) {
  const content = { body: input.body, ...(input.title !== undefined ? { title: input.title } : {}) };
  await takeToken(ctx, state, 'Too many edits');
  await moderationActor(ctx, target, { state }, { action: 'edit', reasonCode: input.reasonCode ?? 'autre', version: target.item.version, content });
  return answerFor(ctx, state, target.space, target.item.id);
}

/** Pins, locks, closes or hides a topic (asked `configure` at the edge): the change and its audit event in one transaction. */
export async function topicStateChanger(
  ctx: ServerContext,
  io: PreauServer | null,
  state: AuthedRequestState,
  forum: SpaceDoc,
  input: { topicId: string; pinned?: boolean | undefined; locked?: boolean | undefined; closed?: boolean | undefined; hidden?: boolean | undefined },
): Promise<{ topic: ForumTopicView }> {
  const { topics } = await forumCollections(ctx.store);
  const fields = (['pinned', 'locked', 'closed', 'hidden'] as const).filter((field) => input[field] !== undefined);
  const { after } = await auditedChange(ctx, async (record) => {
    const topic = await topics.findOne({ _id: input.topicId, forumId: forum._id });
    if (!topic) throw new AppError('NOT_FOUND', 'Topic not found');
    const now = Date.now();
    const set: Partial<ForumTopicDoc> = { updatedAt: now };
    if (input.pinned !== undefined) set.pinnedAt = input.pinned ? now : 0;
    if (input.locked !== undefined) set.locked = input.locked;
    if (input.closed !== undefined) set.closed = input.closed;
    if (input.hidden !== undefined && topic.status !== 'pending') set.status = input.hidden ? 'hidden' : 'published';
    const updated = await topics.findOneAndUpdate({ _id: topic._id }, { $set: set }, { returnDocument: 'after' });
    if (!updated) throw new AppError('NOT_FOUND', 'Topic not found');
    await record({
      schoolId: forum.schoolId,
      actor: auditActorOf(state),
      origin: 'socket',
      event: 'forum.topic_updated',
      target: { type: 'forumTopic', id: topic._id, ownerId: topic.authorId },
      context: spaceAuditContext(forum),
      change: { fields: [...fields], before: presentTopic(topic, 0, false), after: presentTopic(updated, 0, false) },
    });
    return { before: topic, after: updated };
  });
  // A topic's new state to everyone: one hidden disappears at once from the lists of those who may not read it.
  await broadcastTopic(io, after, forum, (await openingPosts(ctx, [after])).get(after._id) ?? null);
  return { topic: presentTopic(after, 0, true) };
}
