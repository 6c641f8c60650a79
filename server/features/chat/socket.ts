import { isChatConfigurer, isChatModerator } from '../../../shared/chat/policy';
import { spaceRoom } from '../../../shared/spaces/types';
import { auditActorOf } from '../../http/request-state';
import { defineSocketHandler } from '../../realtime/handlers';
import { moderatorsRoom } from '../../realtime/rights';
import { askItemAction, type ModerationTarget } from '../moderation/items';
import { liveMutedUntil } from '../spaces/live';
import type { SpaceDoc } from '../spaces/model';
import { messageDeleter, messageEditor, messageModerator } from './changes';
import { chatMe, historyPage } from './history';
import { activeMutes, userMuter, userUnmuter } from './mutes';
import { auditContextOf, roomCheck, roomFacts } from './rooms';
import { messageSender } from './send';

/**
 * The live chat's socket events. Each one: validated by the gateway (shared/chat/events.ts), the room loaded
 * once and the exact action asked on it with `can()` (`read` to join and read, `comment` to contribute,
 * `configure` to mute; a moderation action is asked on the message itself), the room handed to the handler as
 * its `subject`; then per-item rules (own message, edit window, mutes, hours) in the services, which persist
 * and audit in one transaction, then broadcast and answer.
 */

defineSocketHandler<'chat:join', SpaceDoc>('chat:join', roomCheck('read'), async ({ socket, state, ctx, subject: room }) => {
  const facts = roomFacts(room);
  await socket.join(spaceRoom(room._id));
  // Moderators get originals and what waits for review through their own room; a revoked moderator leaves it.
  if (isChatModerator(state.actor, facts)) await socket.join(moderatorsRoom(room._id));
  else await socket.leave(moderatorsRoom(room._id));
  await ctx.services.audit.recordView({
    schoolId: room.schoolId,
    actor: auditActorOf(state),
    origin: 'socket',
    target: { type: 'chat', id: room._id, ownerId: room.ownerId },
    context: auditContextOf(room),
  });
  const [page, me, mutes] = await Promise.all([historyPage(ctx, state, room, {}), chatMe(ctx, state, room), isChatConfigurer(state.actor, facts) ? activeMutes(ctx, room._id) : []]);
  return { ...page, me, mutes };
});

defineSocketHandler<'chat:history', SpaceDoc>('chat:history', roomCheck('read'), async ({ payload, state, ctx, subject: room }) => historyPage(ctx, state, room, payload));

defineSocketHandler<'chat:send', SpaceDoc>('chat:send', roomCheck('comment'), async ({ payload, state, ctx, io, subject: room }) => messageSender(ctx, io, state, room, payload));

defineSocketHandler<'chat:edit', SpaceDoc>('chat:edit', roomCheck('comment'), async ({ payload, state, ctx, io, subject: room }) => ({
  message: await messageEditor(ctx, io, state, room, payload),
}));

defineSocketHandler<'chat:delete', SpaceDoc>('chat:delete', roomCheck('comment'), async ({ payload, state, ctx, io, subject: room }) => ({
  message: await messageDeleter(ctx, io, state, room, payload),
}));

defineSocketHandler<'chat:moderate', ModerationTarget>(
  'chat:moderate',
  { check: (state, payload, ctx) => askItemAction(ctx, state, { kind: 'chatMessage', spaceId: payload.roomId, itemId: payload.messageId }, payload.action) },
  async ({ payload, state, ctx, subject }) => ({ message: await messageModerator(ctx, state, subject, payload) }),
);

defineSocketHandler<'chat:mute', SpaceDoc>('chat:mute', roomCheck('configure'), async ({ payload, state, ctx, io, subject: room }) => ({
  mute: await userMuter(ctx, io, state, room, payload),
}));

defineSocketHandler<'chat:unmute', SpaceDoc>('chat:unmute', roomCheck('configure'), async ({ payload, state, ctx, io, subject: room }) => userUnmuter(ctx, io, state, room, payload));

/**
 * Typing indicators are ephemeral: relayed at most once per interval per user and room (`chatTyping`), never
 * stored or audited. One beyond it is not an error (the composer sends them as the user types): it is simply not
 * relayed; a flood of them is refused by the gateway's default limit like any event.
 */
defineSocketHandler<'chat:typing', SpaceDoc>('chat:typing', roomCheck('comment'), async ({ socket, state, ctx, subject: room }) => {
  if (!socket.rooms.has(spaceRoom(room._id))) return { relayed: false };
  if (!(await ctx.services.rateLimits.consume('chatTyping', `${room._id}:${state.user._id}`)).ok) return { relayed: false };
  // A muted pupil's typing would only tease the class.
  if ((await liveMutedUntil(ctx, room, state.user._id)) !== null) return { relayed: false };
  socket.to(spaceRoom(room._id)).emit('chat:typing', { roomId: room._id, userId: state.user._id, name: state.user.displayName });
  return { relayed: true };
});
