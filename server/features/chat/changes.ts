import { isChatModerator, mayChangeOwnMessage, mayModerateChat } from '../../../shared/chat/policy';
import type { ChatMessageStatus, ChatMessageView, ChatModerationAction } from '../../../shared/chat/types';
import type { AuditEventName } from '../../../shared/audit/events';
import type { ReasonCode } from '../../../shared/moderation/types';
import { AppError } from '../../../shared/errors';
import { personalInfoKinds } from '../../../shared/pii/detect';
import { contentHash } from '../../audit/canonical';
import type { ServerContext } from '../../context';
import { auditActorOf, type AuthedRequestState } from '../../http/request-state';
import type { PreauServer } from '../../realtime/handlers';
import type { Update } from '../../storage/port';
import type { SpaceDoc } from '../spaces/model';
import { chatCollections, type ChatMessageDoc } from './model';
import { assertNotMuted } from '../moderation/mutes';
import { moderationActor } from '../moderation/socket';
import { chatFlood } from './send';
import { auditContextOf, refuse, roomFacts } from './rooms';
import { broadcastMessage, presentMessage } from './views';

async function loadMessage(ctx: ServerContext, room: SpaceDoc, messageId: string): Promise<ChatMessageDoc> {
  const message = await (await chatCollections(ctx.store)).messages.findOne({ _id: messageId, roomId: room._id });
  if (!message) throw new AppError('NOT_FOUND', 'Message not found');
  return message;
}

/** Applies a change, records its one audit event, and sends everyone their view of the result. */
async function applyChange(
  ctx: ServerContext,
  io: PreauServer | null,
  state: AuthedRequestState,
  room: SpaceDoc,
  before: ChatMessageDoc,
  update: Update,
  event: AuditEventName,
  fields: string[],
): Promise<ChatMessageDoc> {
  const collections = await chatCollections(ctx.store);
  // Only if unchanged since it was read: two moderators acting at once cannot both win silently.
  const after = await collections.messages.findOneAndUpdate({ _id: before._id, version: before.version }, { ...update, $inc: { version: 1 } }, { returnDocument: 'after' });
  if (!after) throw new AppError('CONFLICT', 'The message changed meanwhile');
  await ctx.services.audit.record({
    schoolId: room.schoolId,
    actor: auditActorOf(state),
    origin: 'socket',
    event,
    target: { type: 'chatMessage', id: after._id, ownerId: after.authorId },
    context: auditContextOf(room),
    change: { fields, beforeHash: contentHash({ body: before.body, status: before.status }), afterHash: contentHash({ body: after.body, status: after.status }) },
    reason: event === 'chat.message_edited' && after.pii.length > 0 ? `personal information: ${after.pii.join(', ')}` : null,
  });
  broadcastMessage(io, 'chat:updated', after);
  return after;
}

/** The author's own change (edit or delete): within the edit window, in a room they may still post in, not muted. */
async function ownChangeAllowed(ctx: ServerContext, state: AuthedRequestState, room: SpaceDoc, message: ChatMessageDoc, action: string): Promise<void> {
  const target = { type: 'chatMessage', id: message._id, ownerId: message.authorId };
  if (!mayChangeOwnMessage(state.actor, roomFacts(room), message, Date.now())) {
    const why = message.authorId === state.user._id ? 'the edit window has passed' : 'not the author';
    throw await refuse(ctx, state, room, 'FORBIDDEN', `${action} (${why})`, target, `You cannot change this message: ${why}`);
  }
  if (!chatFlood.take(state.user._id)) throw new AppError('RATE_LIMITED', 'Too many changes: slow down');
  await assertNotMuted(ctx, state, 'socket', room, action, target);
}

export async function messageEditor(
  ctx: ServerContext,
  io: PreauServer | null,
  state: AuthedRequestState,
  room: SpaceDoc,
  input: { messageId: string; body: string },
): Promise<ChatMessageView> {
  const message = await loadMessage(ctx, room, input.messageId);
  await ownChangeAllowed(ctx, state, room, message, 'chat:edit');
  const now = Date.now();
  const after = await applyChange(
    ctx,
    io,
    state,
    room,
    message,
    { $set: { body: input.body, edited: true, editedAt: now, pii: personalInfoKinds(input.body) }, $push: { previousBodies: { body: message.body, at: now } } },
    'chat.message_edited',
    ['body'],
  );
  return presentMessage(after, isChatModerator(state.actor, roomFacts(room)));
}

export async function messageDeleter(
  ctx: ServerContext,
  io: PreauServer | null,
  state: AuthedRequestState,
  room: SpaceDoc,
  input: { messageId: string },
): Promise<ChatMessageView> {
  const message = await loadMessage(ctx, room, input.messageId);
  await ownChangeAllowed(ctx, state, room, message, 'chat:delete');
  const after = await applyChange(
    ctx,
    io,
    state,
    room,
    message,
    { $set: { status: 'deleted', removedBy: 'author', removedById: state.user._id } },
    'chat.message_deleted',
    ['status'],
  );
  return presentMessage(after, isChatModerator(state.actor, roomFacts(room)));
}

/** Which states each action applies to (a moderator never "restores" what its author deleted). */
const FROM: Record<ChatModerationAction, readonly ChatMessageStatus[]> = {
  hide: ['published', 'pending'],
  delete: ['published', 'pending', 'hidden'],
  restore: ['hidden', 'deleted'],
  approve: ['pending'],
};

/**
 * A moderator hides, deletes, restores or approves a message from the chat's menu. The action itself goes
 * through the moderation feature's one path (version check, evidence of the original, audit, the author told
 * why, the consoles updated), exactly as from the moderation console.
 */
export async function messageModerator(
  ctx: ServerContext,
  io: PreauServer,
  state: AuthedRequestState,
  room: SpaceDoc,
  input: { messageId: string; action: ChatModerationAction; reasonCode: ReasonCode },
): Promise<ChatMessageView> {
  const message = await loadMessage(ctx, room, input.messageId);
  if (!mayModerateChat(state.actor, roomFacts(room), input.action)) {
    throw await refuse(ctx, state, room, 'FORBIDDEN', `chat:moderate ${input.action}`, { type: 'chatMessage', id: message._id, ownerId: message.authorId }, 'Not allowed for this message');
  }
  const authorsOwnDeletion = input.action === 'restore' && message.removedBy === 'author';
  if (!FROM[input.action].includes(message.status) || authorsOwnDeletion) throw new AppError('CONFLICT', `Cannot ${input.action} a ${message.status} message`);
  await moderationActor(ctx, io, state, { kind: 'chatMessage', itemId: message._id, spaceId: room._id, action: input.action, reasonCode: input.reasonCode, version: message.version });
  return presentMessage(await loadMessage(ctx, room, message._id), true);
}
