import { spaceRoom } from '../../../shared/spaces/types';
import type { Action } from '../../../shared/policy/resources';
import type { ServerContext } from '../../context';
import { auditActorOf, type AuthedRequestState } from '../../http/request-state';
import { defineSocketHandler } from '../../realtime/handlers';
import { moderatorsRoom } from '../../realtime/rights';
import { moderationActor } from '../moderation/actor';
import { askItemAction, type ModerationTarget } from '../moderation/items';
import { askLiveSpace } from '../spaces/live';
import type { SpaceDoc } from '../spaces/model';
import { spaceAuditContext } from '../spaces/service';
import { askEdit, othersPostCorrector, ownPostEditor, topicStateChanger, type EditSubject } from './editing';
import { forumMe, forumViewer, loadPostAndTopic } from './forums';
import { forumCollections } from './model';
import './moderation';
import { replier, topicCreator } from './posting';
import { readMarker } from './reads';
import { presentPost, quotedPosts } from './views';

/**
 * The forum's socket events (writes and live following; reads go through REST). Each: validated by the
 * gateway, authorized at the edge with `can()` for its exact action on the forum it loaded once (or on the post,
 * for moderation), which the handler gets as its `subject`; then per-item rules (edit window, locked topic) in
 * the services, which persist with their audit event in one transaction, then broadcast and answer.
 */

/**
 * The check of a forum event: the forum named by the payload, from this node's live spaces (loaded once, dropped at
 * once by every change of it), asked `action`; handlers must not change it (it is shared).
 */
const onForum = (action: Action) => ({
  check: (state: AuthedRequestState, payload: { forumId: string }, ctx: ServerContext) => askLiveSpace(ctx, 'forum', action, (input: { forumId: string }) => input.forumId)(state, payload),
});

defineSocketHandler<'forum:join', SpaceDoc>('forum:join', onForum('read'), async ({ socket, state, ctx, subject: forum }) => {
  await socket.join(spaceRoom(forum._id));
  if (forumViewer(state.actor, forum).moderator) await socket.join(moderatorsRoom(forum._id));
  else await socket.leave(moderatorsRoom(forum._id));
  return { me: await forumMe(ctx, state.actor, forum) };
});

defineSocketHandler<'forum:createTopic', SpaceDoc>('forum:createTopic', onForum('write'), ({ payload, state, ctx, io, subject }) =>
  topicCreator(ctx, io, state, subject, payload),
);

defineSocketHandler<'forum:reply', SpaceDoc>('forum:reply', onForum('comment'), ({ payload, state, ctx, io, subject }) =>
  replier(ctx, io, state, subject, payload),
);

/** One's own post: `comment` on the forum; someone else's: the moderation action `edit` on the post. */
defineSocketHandler<'forum:edit', EditSubject>('forum:edit', { check: (state, payload, ctx) => askEdit(ctx, state, payload) }, ({ payload, state, ctx, io, subject }) =>
  subject.own ? ownPostEditor(ctx, io, state, subject, payload) : othersPostCorrector(ctx, state, subject.target, payload),
);

/** Hide, delete, restore, approve or reject a post: the exact action asked on the post, then the one moderation path. */
defineSocketHandler<'forum:moderate', ModerationTarget>(
  'forum:moderate',
  { check: (state, payload, ctx) => askItemAction(ctx, state, { kind: 'forumPost', spaceId: payload.forumId, itemId: payload.postId }, payload.action) },
  async ({ payload, state, ctx, subject }) => {
    await moderationActor(ctx, subject, { state }, { action: payload.action, reasonCode: payload.reasonCode, version: subject.item.version });
    const { post } = await loadPostAndTopic(ctx, subject.space, subject.item.id);
    const quoted = (await quotedPosts(await forumCollections(ctx.store), [post])).get(post.quotePostId) ?? null;
    return { post: presentPost(post, forumViewer(state.actor, subject.space), subject.space, quoted) };
  },
);

defineSocketHandler<'forum:topic', SpaceDoc>('forum:topic', onForum('configure'), ({ payload, state, ctx, io, subject }) =>
  topicStateChanger(ctx, io, state, subject, payload),
);

defineSocketHandler<'forum:markRead', SpaceDoc>('forum:markRead', onForum('read'), async ({ payload, state, ctx, subject: forum }) => {
  const lastReadSeq = await readMarker(ctx, state.actor, forum, payload.topicId, payload.seq);
  // Reading is logged like every view of content (coalesced), not as a mutation.
  await ctx.services.audit.recordView({
    schoolId: forum.schoolId,
    actor: auditActorOf(state),
    origin: 'socket',
    target: { type: 'forumTopic', id: payload.topicId, ownerId: null },
    context: spaceAuditContext(forum),
  });
  return { lastReadSeq };
});
