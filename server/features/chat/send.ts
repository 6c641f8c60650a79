import { chatReviewHold, chatSendRefusal, isChatConfigurer, isChatModerator, type ChatSendRefusal } from '../../../shared/chat/policy';
import type { ChatMessageView } from '../../../shared/chat/types';
import type { AppError } from '../../../shared/errors';
import { personalInfoKinds } from '../../../shared/pii/detect';
import { auditedChange } from '../../audit/command';
import type { ServerContext } from '../../context';
import { logRefusal, RateLimitedError } from '../../http/rate-limit';
import { auditActorOf, mainProfile, type AuthedRequestState } from '../../http/request-state';
import type { RateDecision } from '../../ratelimit/limiters';
import type { PreauServer } from '../../realtime/handlers';
import { toModerationConsoles } from '../moderation/consoles';
import { mutedRefusal, mutedUntil } from '../moderation/mutes';
import { refusal } from '../spaces/access';
import type { SpaceDoc } from '../spaces/model';
import { chatItem } from './moderation';
import { chatCollections, type ChatCollections, type ChatMessageDoc } from './model';
import { auditContextOf, roomFacts } from './rooms';
import { broadcastMessage, presentMessage } from './views';

/** The author's latest message in the room (for slow mode). */
export async function lastSentAt(collections: ChatCollections, roomId: string, userId: string): Promise<number | null> {
  const last = await collections.messages.findOne({ roomId, authorId: userId }, { sort: { createdAt: -1 } });
  return last?.createdAt ?? null;
}

/** Tells consoles about a message (the live stream, « À relire » for what waits for review), once committed. */
export function toConsoles(ctx: ServerContext, io: PreauServer | null, room: SpaceDoc, doc: ChatMessageDoc): void {
  void toModerationConsoles(io, room, chatItem(doc, room)).catch((error: unknown) => ctx.logger.error({ err: error, messageId: doc._id }, 'moderation consoles not told'));
}

export interface SendInput {
  key: string;
  body: string;
}

type SendOutcome = { kind: 'stored'; doc: ChatMessageDoc; duplicate: boolean } | { kind: 'refused'; refusal: ChatSendRefusal } | { kind: 'flooded'; retryAfterMs: number };

/**
 * Sends a message: exactly one copy per idempotency key (a retry returns the stored message, even when two
 * copies race), after flood control, the room's hours, mutes and slow mode. In a pre-moderated room (for an
 * author who does not run it), or when a pupil's text seems to hold personal information, it waits for review:
 * only its author and the moderators see it, and the consoles list it at once. The idempotency check, slow
 * mode's read, the seq, the message and its audit event are one transaction, broadcast once committed.
 */
export async function messageSender(
  ctx: ServerContext,
  io: PreauServer | null,
  state: AuthedRequestState,
  room: SpaceDoc,
  input: SendInput,
): Promise<{ message: ChatMessageView; duplicate: boolean }> {
  const collections = await chatCollections(ctx.store);
  const facts = roomFacts(room);
  const userId = state.user._id;
  const viewer = { userId, moderator: isChatModerator(state.actor, facts) };
  const byKey = { roomId: room._id, authorId: userId, key: input.key };
  const hold = chatReviewHold(state.actor, facts, input.body);
  const pii = personalInfoKinds(input.body);
  // Flood control is spent inside the transaction, after the idempotency read, so that a retry of a stored message
  // is free; and at most once per send: the limiter is asked once and its answer kept if the transaction reruns
  // after a conflict. (In memory its answer is immediate; with Redis it is one round trip.)
  let flood: Promise<RateDecision> | undefined;
  const outcome = await auditedChange<SendOutcome>(ctx, async (record) => {
    // A retry of a stored message (a copy of the same key raced in from another connection included) is answered
    // with it, without spending flood control.
    const existing = await collections.messages.findOne(byKey);
    if (existing) return { kind: 'stored', doc: existing, duplicate: true };
    flood ??= ctx.services.rateLimits.consume('chatWrite', userId);
    const decision = await flood;
    if (!decision.ok) return { kind: 'flooded', retryAfterMs: decision.retryAfterMs };
    const now = Date.now();
    // Two sends of one pupil at once cannot both slip through slow mode: this read and the insert are one transaction.
    const refused = chatSendRefusal(state.actor, facts, now, {
      mutedUntil: await mutedUntil(ctx, room._id, userId, now),
      lastSentAt: facts.settings.slowModeSeconds > 0 ? await lastSentAt(collections, room._id, userId) : null,
    });
    if (refused) return { kind: 'refused', refusal: refused };
    const counter = await collections.counters.findOneAndUpdate({ _id: room._id }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' });
    const doc = await collections.messages.insertOne({
      schoolId: room.schoolId,
      roomId: room._id,
      seq: counter!.seq,
      key: input.key,
      authorId: userId,
      authorName: state.user.displayName,
      authorRole: mainProfile(state.user.profiles),
      authorRunsRoom: isChatConfigurer(state.actor, facts),
      body: input.body,
      status: hold.held ? 'pending' : 'published',
      shown: !hold.held,
      removedBy: null,
      removedById: null,
      edited: false,
      editedAt: null,
      previousBodies: [],
      pii,
      pendingBody: null,
      personalInfo: hold.personalInfo.length > 0,
      createdAt: now,
      version: 1,
    });
    await record({
      schoolId: room.schoolId,
      actor: auditActorOf(state),
      origin: 'socket',
      event: 'chat.message_sent',
      target: { type: 'chatMessage', id: doc._id, ownerId: userId },
      context: auditContextOf(room),
      change: { fields: ['body'], after: { body: doc.body, status: doc.status } },
      reason: pii.length > 0 ? `personal information: ${pii.join(', ')}${hold.personalInfo.length > 0 ? ' (held for review)' : ''}` : null,
    });
    return { kind: 'stored', doc, duplicate: false };
  });

  if (outcome.kind === 'flooded') {
    await logRefusal(ctx, 'chatWrite', userId);
    throw new RateLimitedError(outcome.retryAfterMs, 'Too many messages');
  }
  if (outcome.kind === 'refused') throw await sendRefusal(ctx, state, room, outcome.refusal);
  if (!outcome.duplicate) {
    broadcastMessage(io, 'chat:message', outcome.doc);
    toConsoles(ctx, io, room, outcome.doc);
  }
  return { message: presentMessage(outcome.doc, viewer), duplicate: outcome.duplicate };
}

/** The error of a refused send, the denial audited (outside the send's transaction, which wrote nothing). */
async function sendRefusal(ctx: ServerContext, state: AuthedRequestState, room: SpaceDoc, refused: ChatSendRefusal): Promise<AppError> {
  const target = { type: 'chat', id: room._id, ownerId: room.ownerId };
  switch (refused.code) {
    case 'FORBIDDEN':
      return refusal(ctx, state, 'socket', room, 'chat:send (room closed)', target, 'The room is closed');
    case 'MUTED':
      return mutedRefusal(ctx, state, 'socket', room, 'chat:send', target, refused.until);
    case 'RATE_LIMITED':
      return new RateLimitedError(refused.retryInMs, 'Slow mode');
  }
}
