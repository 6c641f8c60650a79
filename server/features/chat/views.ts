import type { ChatMessageView } from '../../../shared/chat/types';
import { spaceRoom } from '../../../shared/spaces/types';
import type { PreauServer } from '../../realtime/handlers';
import { userRoom } from '../../realtime/handlers';
import type { ChatMessageDoc } from './model';

/** The Socket.IO room of a space's moderators: they receive originals where others get redacted views. */
export const moderatorsRoom = (spaceId: string): string => `moderators:${spaceId}`;

/**
 * A message as one viewer may see it. Moderators see everything, the personal-information flag included;
 * others see a removed message without its text.
 */
export function presentMessage(doc: ChatMessageDoc, moderator: boolean): ChatMessageView {
  const removed = doc.status === 'hidden' || doc.status === 'deleted';
  return {
    id: doc._id,
    roomId: doc.roomId,
    seq: doc.seq,
    key: doc.key,
    authorId: doc.authorId,
    authorName: doc.authorName,
    authorRole: doc.authorRole,
    body: removed && !moderator ? null : doc.body,
    status: doc.status,
    removedBy: doc.removedBy,
    edited: doc.edited,
    createdAt: doc.createdAt,
    editedAt: doc.editedAt,
    pii: moderator ? doc.pii : [],
  };
}

/**
 * Sends a new or changed message to everyone who may see it, each with their own view: moderators get the
 * original, others the redacted version; a message never published (pre-moderation) only reaches the
 * moderators and its author.
 */
export function broadcastMessage(io: PreauServer | null, event: 'chat:message' | 'chat:updated', doc: ChatMessageDoc): void {
  if (!io) return;
  const moderators = moderatorsRoom(doc.roomId);
  io.to(moderators).emit(event, presentMessage(doc, true));
  const others = doc.shown ? io.to(spaceRoom(doc.roomId)) : io.to(userRoom(doc.authorId));
  others.except(moderators).emit(event, presentMessage(doc, false));
}
