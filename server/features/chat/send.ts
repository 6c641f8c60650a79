import { chatReviewHold, chatSendRefusal, isChatConfigurer, isChatModerator, type ChatSendRefusal } from '../../../shared/chat/policy';
import type { ChatMessageView } from '../../../shared/chat/types';
import type { AppError } from '../../../shared/errors';
import { personalInfoKinds } from '../../../shared/pii/detect';
import { auditedChange } from '../../audit/command';
import type { ServerContext } from '../../context';
import { logRefusal, RateLimitedError } from '../../http/rate-limit';
import { auditActorOf, mainProfile, type AuthedRequestState } from '../../http/request-state';
import type { PreauServer } from '../../realtime/handlers';
import { DuplicateKeyError } from '../../storage/port';
import { toModerationConsoles } from '../moderation/consoles';
import { mutedRefusal } from '../moderation/mutes';
import { refusal } from '../spaces/access';
import { liveMutedUntil } from '../spaces/live';
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

type SendOutcome = { kind: 'stored'; doc: ChatMessageDoc } | { kind: 'refused'; refusal: ChatSendRefusal };

/** Thrown out of the send's transaction (so that nothing of it stays) when the key is already taken. */
class KeyTaken extends Error {}

/**
 * Sends a message: exactly one copy per idempotency key (a retry returns the stored message, even when two
 * copies race), after flood control, the room's hours, mutes and slow mode. In a pre-moderated room (for an
 * author who does not run it), or when a pupil's text seems to hold personal information, it waits for review:
 * only its author and the moderators see it, and the consoles list it at once. Slow mode's read, the seq, the
 * message and its audit event are one transaction, broadcast once committed.
 *
 * A new message costs no read of its key: the unique index (room, author, key) refuses a second copy, and that
 * refusal (or any refusal of the send) is answered with the stored copy when there is one. A retry is free: the
 * flood control it spent is given back. Hours and mutes are decided before the transaction, on the room as the
 * check took it and this node's live mutes (both dropped at once by every change of them).
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
  const stored = async (): Promise<{ message: ChatMessageView; duplicate: true } | null> => {
    const existing = await collections.messages.findOne(byKey);
    return existing ? { message: presentMessage(existing, viewer), duplicate: true } : null;
  };
  const retried = async () => {
    const copy = await stored();
    if (copy) await ctx.services.rateLimits.refund('chatWrite', userId);
    return copy;
  };
  /** A refused send: a retry of a stored message is answered with it all the same. */
  const answerRefused = async (refused: ChatSendRefusal) => {
    const copy = await retried();
    if (copy) return copy;
    throw await sendRefusal(ctx, state, room, refused);
  };

  const flood = await ctx.services.rateLimits.consume('chatWrite', userId);
  if (!flood.ok) {
    // A retry of a stored message is answered with it even now.
    const copy = await stored();
    if (copy) return copy;
    await logRefusal(ctx, 'chatWrite', userId);
    throw new RateLimitedError(flood.retryAfterMs, 'Too many messages');
  }
  const now = Date.now();
  const muted = isChatConfigurer(state.actor, facts) ? null : await liveMutedUntil(ctx, room, userId, now);
  const early = chatSendRefusal(state.actor, facts, now, { mutedUntil: muted, lastSentAt: null });
  if (early) return answerRefused(early);
  const pii = personalInfoKinds(input.body);
  const hold = chatReviewHold(state.actor, facts, input.body, pii);

  let outcome: SendOutcome;
  try {
    outcome = await auditedChange<SendOutcome>(ctx, async (record) => {
      // Two sends of one pupil at once cannot both slip through slow mode: this read and the insert are one transaction.
      if (facts.settings.slowModeSeconds > 0) {
        const refused = chatSendRefusal(state.actor, facts, now, { mutedUntil: null, lastSentAt: await lastSentAt(collections, room._id, userId) });
        if (refused) return { kind: 'refused', refusal: refused };
      }
      const counter = await collections.counters.findOneAndUpdate({ _id: room._id }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' });
      const doc = await collections.messages
        .insertOne({
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
        })
        .catch((error: unknown) => {
          // The key is taken (a retry, or a copy racing in from another connection): undo the whole send.
          throw error instanceof DuplicateKeyError ? new KeyTaken(error.message, { cause: error }) : error;
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
      return { kind: 'stored', doc };
    });
  } catch (error) {
    if (!(error instanceof KeyTaken)) throw error;
    const copy = await retried();
    // Taken by another index than the key's (none is expected): the store's own error.
    if (!copy) throw error.cause;
    return copy;
  }

  if (outcome.kind === 'refused') return answerRefused(outcome.refusal);
  broadcastMessage(io, 'chat:message', outcome.doc, room);
  toConsoles(ctx, io, room, outcome.doc);
  return { message: presentMessage(outcome.doc, viewer), duplicate: false };
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
