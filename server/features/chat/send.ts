import { chatSendRefusal, isChatConfigurer, isChatModerator } from '../../../shared/chat/policy';
import { CHAT_FLOOD_BUCKET_CAPACITY, CHAT_FLOOD_REFILL_PER_SECOND } from '../../../shared/chat/limits';
import type { ChatMessageView } from '../../../shared/chat/types';
import { AppError } from '../../../shared/errors';
import { personalInfoKinds } from '../../../shared/pii/detect';
import { contentHash } from '../../audit/canonical';
import type { ServerContext } from '../../context';
import { auditActorOf, mainProfile, type AuthedRequestState } from '../../http/request-state';
import type { PreauServer } from '../../realtime/handlers';
import { DuplicateKeyError } from '../../storage/port';
import type { SpaceDoc } from '../spaces/model';
import { TokenBuckets } from './flood';
import { toModerationConsoles } from '../moderation/consoles';
import { chatItemView } from './moderation';
import { chatCollections, type ChatCollections, type ChatMessageDoc } from './model';
import { mutedRefusal, mutedUntil as activeMuteUntil } from '../moderation/mutes';
import { auditContextOf, refuse, roomFacts, serialized } from './rooms';
import { broadcastMessage, presentMessage } from './views';

/** Flood control for every chat write of a user, across their connections (named limits in shared/chat/limits.ts). */
export const chatFlood = new TokenBuckets(CHAT_FLOOD_BUCKET_CAPACITY, CHAT_FLOOD_REFILL_PER_SECOND);

/** The author's latest message in the room (for slow mode). */
export async function lastSentAt(collections: ChatCollections, roomId: string, userId: string): Promise<number | null> {
  const last = await collections.messages.findOne({ roomId, authorId: userId }, { sort: { createdAt: -1 } });
  return last?.createdAt ?? null;
}

export interface SendInput {
  key: string;
  body: string;
}

/**
 * Sends a message: exactly one copy per idempotency key (a retry returns the stored message, even when two
 * copies race), after flood control, the room's hours, mutes and slow mode; flagged when it looks like
 * personal information; persisted, audited, then broadcast with a per-room increasing seq.
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
  const moderator = isChatModerator(state.actor, facts);
  const userId = state.user._id;
  const existing = await collections.messages.findOne({ roomId: room._id, authorId: userId, key: input.key });
  if (existing) return { message: presentMessage(existing, moderator), duplicate: true };

  if (!chatFlood.take(userId)) throw new AppError('RATE_LIMITED', 'Too many messages: slow down');
  const now = Date.now();
  const mutedUntil = await activeMuteUntil(ctx, room._id, userId, now);
  const target = { type: 'chat', id: room._id, ownerId: room.ownerId };
  const pending = facts.settings.preModeration && !isChatConfigurer(state.actor, facts);
  return serialized(room._id, async () => {
    // Inside the room's queue: two sends of one pupil at once cannot both slip through slow mode.
    const refusal = chatSendRefusal(state.actor, facts, Date.now(), {
      mutedUntil,
      lastSentAt: facts.settings.slowModeSeconds > 0 ? await lastSentAt(collections, room._id, userId) : null,
    });
    if (refusal?.code === 'FORBIDDEN') throw await refuse(ctx, state, room, 'FORBIDDEN', 'chat:send (room closed)', target, 'The room is closed');
    if (refusal?.code === 'MUTED') throw await mutedRefusal(ctx, state, 'socket', room, 'chat:send', target, refusal.until);
    if (refusal?.code === 'RATE_LIMITED') throw new AppError('RATE_LIMITED', `Slow mode: wait ${Math.ceil(refusal.retryInMs / 1000)} s`);
    const counter = await collections.counters.findOneAndUpdate({ _id: room._id }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' });
    let doc: ChatMessageDoc;
    try {
      doc = await collections.messages.insertOne({
        schoolId: room.schoolId,
        roomId: room._id,
        seq: counter!.seq,
        key: input.key,
        authorId: userId,
        authorName: state.user.displayName,
        authorRole: mainProfile(state.user.profiles),
        body: input.body,
        status: pending ? 'pending' : 'published',
        shown: !pending,
        removedBy: null,
        removedById: null,
        edited: false,
        editedAt: null,
        previousBodies: [],
        pii: personalInfoKinds(input.body),
        createdAt: Date.now(),
        version: 1,
      });
    } catch (error) {
      // The same key raced in from another connection: the first copy wins, this send returns it.
      if (!(error instanceof DuplicateKeyError)) throw error;
      const stored = await collections.messages.findOne({ roomId: room._id, authorId: userId, key: input.key });
      if (!stored) throw error;
      return { message: presentMessage(stored, moderator), duplicate: true };
    }
    await ctx.services.audit.record({
      schoolId: room.schoolId,
      actor: auditActorOf(state),
      origin: 'socket',
      event: 'chat.message_sent',
      target: { type: 'chatMessage', id: doc._id, ownerId: userId },
      context: auditContextOf(room),
      change: { fields: ['body'], beforeHash: null, afterHash: contentHash(doc.body) },
      reason: doc.pii.length > 0 ? `personal information: ${doc.pii.join(', ')}` : null,
    });
    broadcastMessage(io, 'chat:message', doc);
    toModerationConsoles(io, room, chatItemView(doc, room));
    return { message: presentMessage(doc, moderator), duplicate: false };
  });
}
