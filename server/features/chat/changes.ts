import { chatReviewHold, mayChangeOwnMessage } from '../../../shared/chat/policy';
import type { ChatMessageView, ChatModerationAction } from '../../../shared/chat/types';
import type { AuditEventName } from '../../../shared/audit/events';
import type { ReasonCode } from '../../../shared/moderation/types';
import { AppError } from '../../../shared/errors';
import { personalInfoKinds } from '../../../shared/pii/detect';
import { auditedChange } from '../../audit/command';
import type { ServerContext } from '../../context';
import { spendLimit } from '../../http/rate-limit';
import { auditActorOf, type AuthedRequestState } from '../../http/request-state';
import type { PreauServer } from '../../realtime/handlers';
import type { Update } from '../../storage/port';
import { moderationActor } from '../moderation/actor';
import type { ModerationTarget } from '../moderation/items';
import { assertNotMuted } from '../moderation/mutes';
import { refusal } from '../spaces/access';
import type { SpaceDoc } from '../spaces/model';
import { chatCollections, type ChatMessageDoc } from './model';
import { toConsoles } from './send';
import { auditContextOf, loadMessage, roomFacts } from './rooms';
import { broadcastMessage, chatViewerFor, hasPendingChange, presentMessage } from './views';

/** An author's change of their message: what to write, what the audit names, and who sees the result. */
interface OwnChange {
  update: Update;
  event: AuditEventName;
  fields: string[];
  /** `reviewers` when nobody else sees anything new (a change held for review). */
  audience: 'everyone' | 'reviewers';
  reason: string | null;
}

/**
 * Writes an author's change if the message is unchanged since it was read, with its one audit event, in one
 * transaction; then sends everyone their view of it and tells the consoles (what waits for review is in
 * « À relire » at once).
 */
async function applyOwnChange(ctx: ServerContext, io: PreauServer | null, state: AuthedRequestState, room: SpaceDoc, before: ChatMessageDoc, change: OwnChange): Promise<ChatMessageView> {
  const { messages } = await chatCollections(ctx.store);
  const after = await auditedChange(ctx, async (record) => {
    const updated = await messages.findOneAndUpdate({ _id: before._id, version: before.version }, { ...change.update, $inc: { version: 1 } }, { returnDocument: 'after' });
    if (!updated) throw new AppError('CONFLICT', 'The message changed meanwhile');
    await record({
      schoolId: room.schoolId,
      actor: auditActorOf(state),
      origin: 'socket',
      event: change.event,
      target: { type: 'chatMessage', id: updated._id, ownerId: updated.authorId },
      context: auditContextOf(room),
      change: {
        fields: change.fields,
        before: { body: before.body, pendingBody: before.pendingBody ?? null, status: before.status },
        after: { body: updated.body, pendingBody: updated.pendingBody ?? null, status: updated.status },
      },
      reason: change.reason,
    });
    return updated;
  });
  broadcastMessage(io, 'chat:updated', after, room, change.audience);
  toConsoles(ctx, io, room, after);
  return presentMessage(after, chatViewerFor(state.actor, room, after));
}

/** The author's own change (edit or delete): within the edit window, in a room they may still post in, not muted. */
async function ownChangeAllowed(ctx: ServerContext, state: AuthedRequestState, room: SpaceDoc, message: ChatMessageDoc, action: string): Promise<void> {
  const target = { type: 'chatMessage', id: message._id, ownerId: message.authorId };
  if (!mayChangeOwnMessage(state.actor, roomFacts(room), message, Date.now())) {
    const why = message.authorId === state.user._id ? 'the edit window has passed' : 'not the author';
    throw await refusal(ctx, state, 'socket', room, `${action} (${why})`, target, `You cannot change this message: ${why}`);
  }
  await spendLimit(ctx, 'chatWrite', state.user._id, 'Too many changes');
  await assertNotMuted(ctx, state, 'socket', room, action, target);
}

/**
 * The change an author's edit makes. Pre-moderation holds every change, not only the first publication, and the
 * personal-information guard every pupil's change: an edit of a published message that must be reviewed is kept
 * aside (`pendingBody`) while everyone else keeps the published text; an edit of a message still waiting for its
 * first review replaces the text waiting. A change held by the guard stays held until a teacher decides, whatever
 * the author writes next.
 */
function editOf(state: AuthedRequestState, room: SpaceDoc, message: ChatMessageDoc, body: string, now: number): OwnChange {
  const hold = chatReviewHold(state.actor, roomFacts(room), body);
  const guarded = hold.personalInfo.length > 0;
  const pii = personalInfoKinds(body);
  const reason = pii.length > 0 ? `personal information: ${pii.join(', ')}${guarded ? ' (held for review)' : ''}` : null;
  const base = { event: 'chat.message_edited' as const, reason };
  if (message.status === 'pending') {
    const update = { $set: { body, edited: true, editedAt: now, pii, personalInfo: (message.personalInfo ?? false) || guarded }, $push: { previousBodies: { body: message.body, at: now } } };
    return { ...base, update, fields: ['body'], audience: 'reviewers' };
  }
  const waiting = hasPendingChange(message) ? message.pendingBody : null;
  if (hold.held || (waiting !== null && message.personalInfo)) {
    // The text waiting before (if any) is kept for the moderators: a pupil cannot edit an insult away.
    const update: Update = { $set: { pendingBody: body, personalInfo: (waiting !== null && (message.personalInfo ?? false)) || guarded } };
    if (waiting !== null) update.$push = { previousBodies: { body: waiting, at: now } };
    return { ...base, update, fields: ['pendingBody'], audience: 'reviewers' };
  }
  const update = { $set: { body, pendingBody: null, personalInfo: false, edited: true, editedAt: now, pii }, $push: { previousBodies: { body: message.body, at: now } } };
  return { ...base, update, fields: ['body'], audience: 'everyone' };
}

export async function messageEditor(ctx: ServerContext, io: PreauServer | null, state: AuthedRequestState, room: SpaceDoc, input: { messageId: string; body: string }): Promise<ChatMessageView> {
  const message = await loadMessage(ctx, room, input.messageId);
  await ownChangeAllowed(ctx, state, room, message, 'chat:edit');
  return applyOwnChange(ctx, io, state, room, message, editOf(state, room, message, input.body, Date.now()));
}

export async function messageDeleter(ctx: ServerContext, io: PreauServer | null, state: AuthedRequestState, room: SpaceDoc, input: { messageId: string }): Promise<ChatMessageView> {
  const message = await loadMessage(ctx, room, input.messageId);
  await ownChangeAllowed(ctx, state, room, message, 'chat:delete');
  const waiting = hasPendingChange(message) ? message.pendingBody : null;
  const update: Update = { $set: { status: 'deleted', removedBy: 'author', removedById: state.user._id, pendingBody: null, personalInfo: false } };
  // A change that was waiting for review is kept for the moderators, like every earlier text.
  if (waiting !== null) update.$push = { previousBodies: { body: waiting, at: Date.now() } };
  return applyOwnChange(ctx, io, state, room, message, { update, event: 'chat.message_deleted', fields: ['status'], audience: 'everyone', reason: null });
}

/**
 * A moderator's action from the chat's menu. The edge asked the policy table for this very action on this very
 * message (`askItemAction`); the action goes through the moderation feature's one path (state transition,
 * version, evidence, audit, the author told why, the consoles updated), exactly as from the moderation console.
 */
export async function messageModerator(ctx: ServerContext, state: AuthedRequestState, target: ModerationTarget, input: { action: ChatModerationAction; reasonCode: ReasonCode }): Promise<ChatMessageView> {
  await moderationActor(ctx, target, { state }, { action: input.action, reasonCode: input.reasonCode, version: target.item.version });
  const after = await loadMessage(ctx, target.space, target.item.id);
  return presentMessage(after, chatViewerFor(state.actor, target.space, after));
}
