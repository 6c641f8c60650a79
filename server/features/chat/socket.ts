import { CHAT_TYPING_THROTTLE_MS } from '../../../shared/chat/limits';
import { chatModerationNeeds, isChatConfigurer, isChatModerator } from '../../../shared/chat/policy';
import { spaceRoom } from '../../../shared/spaces/types';
import { auditActorOf } from '../../http/request-state';
import { defineSocketHandler } from '../../realtime/handlers';
import { messageDeleter, messageEditor, messageModerator } from './changes';
import { Throttle } from './flood';
import { chatMe, historyPage } from './history';
import { mutedUntil } from '../moderation/mutes';
import { activeMutes, userMuter, userUnmuter } from './mutes';
import { askRoom, auditContextOf, roomFacts, roomOf } from './rooms';
import { messageSender } from './send';
import { moderatorsRoom } from './views';

/**
 * The live chat's socket events. Each one: validated by the gateway (shared/chat/events.ts), authorized with
 * `can()` on the room (the `check`), then per-item rules (own message, edit window, mutes, hours) in the
 * services, which persist, audit, broadcast and answer.
 */

defineSocketHandler('chat:join', { check: askRoom('read') }, async ({ socket, payload, state, ctx }) => {
  const room = await roomOf(ctx, state, payload);
  const moderator = isChatModerator(state.actor, roomFacts(room));
  await socket.join(spaceRoom(room._id));
  // Moderators get originals of removed messages through their own room; a revoked moderator leaves it.
  if (moderator) await socket.join(moderatorsRoom(room._id));
  else await socket.leave(moderatorsRoom(room._id));
  await ctx.services.audit.recordView({
    schoolId: room.schoolId,
    actor: auditActorOf(state),
    origin: 'socket',
    target: { type: 'chat', id: room._id, ownerId: room.ownerId },
    context: auditContextOf(room),
  });
  const [page, me, mutes] = await Promise.all([historyPage(ctx, state, room, {}), chatMe(ctx, state, room), isChatConfigurer(state.actor, roomFacts(room)) ? activeMutes(ctx, room._id) : []]);
  return { ...page, me, mutes };
});

defineSocketHandler('chat:history', { check: askRoom('read') }, async ({ payload, state, ctx }) =>
  historyPage(ctx, state, await roomOf(ctx, state, payload), payload),
);

defineSocketHandler('chat:send', { check: askRoom('comment') }, async ({ payload, state, ctx, io }) =>
  messageSender(ctx, io, state, await roomOf(ctx, state, payload), payload),
);

defineSocketHandler('chat:edit', { check: askRoom('comment') }, async ({ payload, state, ctx, io }) => ({
  message: await messageEditor(ctx, io, state, await roomOf(ctx, state, payload), payload),
}));

defineSocketHandler('chat:delete', { check: askRoom('comment') }, async ({ payload, state, ctx, io }) => ({
  message: await messageDeleter(ctx, io, state, await roomOf(ctx, state, payload), payload),
}));

defineSocketHandler('chat:moderate', { check: (state, payload, ctx) => askRoom(chatModerationNeeds(payload.action))(state, payload, ctx) }, async ({ payload, state, ctx, io }) => ({
  message: await messageModerator(ctx, io, state, await roomOf(ctx, state, payload), payload),
}));

defineSocketHandler('chat:mute', { check: askRoom('configure') }, async ({ payload, state, ctx, io }) => ({
  mute: await userMuter(ctx, io, state, await roomOf(ctx, state, payload), payload),
}));

defineSocketHandler('chat:unmute', { check: askRoom('configure') }, async ({ payload, state, ctx, io }) =>
  userUnmuter(ctx, io, state, await roomOf(ctx, state, payload), payload),
);

/** Typing indicators are ephemeral: relayed at most once per interval per user and room, never stored or audited. */
const typing = new Throttle(CHAT_TYPING_THROTTLE_MS);

defineSocketHandler('chat:typing', { check: askRoom('comment') }, async ({ socket, payload, state, ctx }) => {
  const room = await roomOf(ctx, state, payload);
  if (!socket.rooms.has(spaceRoom(room._id)) || !typing.pass(`${room._id}:${state.user._id}`)) return { relayed: false };
  // A muted pupil's typing would only tease the class.
  if ((await mutedUntil(ctx, room._id, state.user._id)) !== null) return { relayed: false };
  socket.to(spaceRoom(room._id)).emit('chat:typing', { roomId: room._id, userId: state.user._id, name: state.user.displayName });
  return { relayed: true };
});
