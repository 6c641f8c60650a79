import { forumModerationNeeds, isForumModerator } from '../../../shared/forum/policy';
import { spaceRoom } from '../../../shared/spaces/types';
import { auditActorOf } from '../../http/request-state';
import { defineSocketHandler } from '../../realtime/handlers';
import { auditContextOf } from '../chat/rooms';
import { moderatorsRoom } from '../chat/views';
import { postEditor, postModerator, topicStateChanger } from './editing';
import { askForum, forumFacts, forumMe, forumOf } from './forums';
import { replier, topicCreator } from './posting';
import { readMarker } from './reads';

/**
 * The forum's socket events (writes and live following; reads go through REST). Each: validated by the
 * gateway, authorized with `can()` on the forum (the `check`), then per-item rules (author, edit window,
 * locked topic) in the services, which persist, audit, broadcast and answer.
 */

defineSocketHandler('forum:join', { check: askForum('read') }, async ({ socket, payload, state, ctx }) => {
  const forum = await forumOf(ctx, state.user.schoolId, payload, payload.forumId);
  await socket.join(spaceRoom(forum._id));
  if (isForumModerator(state.actor, forumFacts(forum))) await socket.join(moderatorsRoom(forum._id));
  else await socket.leave(moderatorsRoom(forum._id));
  return { me: forumMe(state.actor, forum) };
});

defineSocketHandler('forum:createTopic', { check: askForum('write') }, async ({ payload, state, ctx, io }) =>
  topicCreator(ctx, io, state, await forumOf(ctx, state.user.schoolId, payload, payload.forumId), payload),
);

defineSocketHandler('forum:reply', { check: askForum('comment') }, async ({ payload, state, ctx, io }) =>
  replier(ctx, io, state, await forumOf(ctx, state.user.schoolId, payload, payload.forumId), payload),
);

defineSocketHandler('forum:edit', { check: askForum('read') }, async ({ payload, state, ctx, io }) =>
  postEditor(ctx, io, state, await forumOf(ctx, state.user.schoolId, payload, payload.forumId), payload),
);

defineSocketHandler('forum:moderate', { check: (state, payload, ctx) => askForum(forumModerationNeeds(payload.action))(state, payload, ctx) }, async ({ payload, state, ctx, io }) =>
  postModerator(ctx, io, state, await forumOf(ctx, state.user.schoolId, payload, payload.forumId), payload),
);

defineSocketHandler('forum:topic', { check: askForum('configure') }, async ({ payload, state, ctx, io }) =>
  topicStateChanger(ctx, io, state, await forumOf(ctx, state.user.schoolId, payload, payload.forumId), payload),
);

defineSocketHandler('forum:markRead', { check: askForum('read') }, async ({ payload, state, ctx }) => {
  const forum = await forumOf(ctx, state.user.schoolId, payload, payload.forumId);
  const lastReadSeq = await readMarker(ctx, state.actor, forum, payload.topicId, payload.seq);
  // Reading is logged like every view of content (coalesced), not as a mutation.
  await ctx.services.audit.recordView({
    schoolId: forum.schoolId,
    actor: auditActorOf(state),
    origin: 'socket',
    target: { type: 'forumTopic', id: payload.topicId, ownerId: null },
    context: auditContextOf(forum),
  });
  return { lastReadSeq };
});
