import type { ChatMessageView } from '../../../shared/chat/types';
import { personalInfoKinds } from '../../../shared/pii/detect';
import { spaceRoom } from '../../../shared/spaces/types';
import type { PreauServer } from '../../realtime/handlers';
import { userRoom } from '../../realtime/handlers';
import { moderatorsRoom } from '../../realtime/rights';
import type { ChatMessageDoc } from './model';

/** Who receives a view: a moderator of the room, its author, or anyone else (`userId: null`). */
export interface ChatViewer {
  userId: string | null;
  moderator: boolean;
}

/** Whether an author's change of this published message waits for review. */
export const hasPendingChange = (doc: ChatMessageDoc): doc is ChatMessageDoc & { pendingBody: string } =>
  doc.status === 'published' && typeof doc.pendingBody === 'string';

/**
 * A message as one viewer may see it. Moderators see everything, the personal-information flags included; its
 * author sees their own message and their change waiting for review; others see the published text, and a
 * removed message without its text.
 */
export function presentMessage(doc: ChatMessageDoc, viewer: ChatViewer): ChatMessageView {
  const removed = doc.status === 'hidden' || doc.status === 'deleted';
  const reviewer = viewer.moderator || viewer.userId === doc.authorId;
  const pendingBody = reviewer && hasPendingChange(doc) ? doc.pendingBody : null;
  return {
    id: doc._id,
    roomId: doc.roomId,
    seq: doc.seq,
    key: doc.key,
    authorId: doc.authorId,
    authorName: doc.authorName,
    authorRole: doc.authorRole,
    body: removed && !viewer.moderator ? null : doc.body,
    status: doc.status,
    removedBy: doc.removedBy,
    edited: doc.edited,
    createdAt: doc.createdAt,
    editedAt: doc.editedAt,
    pii: viewer.moderator ? [...new Set([...doc.pii, ...(pendingBody === null ? [] : personalInfoKinds(pendingBody))])] : [],
    pendingBody,
    personalInfo: reviewer ? (doc.personalInfo ?? false) : false,
    authorRunsRoom: doc.authorRunsRoom ?? (doc.authorRole === 'teacher' || doc.authorRole === 'director'),
  };
}

/**
 * Sends a new or changed message to everyone who may see it, each with their own view: moderators get the
 * original, its author their own view (with their change waiting for review), others the published version. A
 * message never published (waiting for review) only reaches the moderators and its author; so does a change only
 * they can see (`reviewers`: an author's change held for review, a change a moderator rejected).
 */
export function broadcastMessage(io: PreauServer | null | undefined, event: 'chat:message' | 'chat:updated', doc: ChatMessageDoc, audience: 'everyone' | 'reviewers' = 'everyone'): void {
  if (!io) return;
  const moderators = moderatorsRoom(doc.roomId);
  const room = spaceRoom(doc.roomId);
  io.to(moderators).emit(event, presentMessage(doc, { userId: null, moderator: true }));
  const everyone = doc.shown && audience === 'everyone';
  const authorView = presentMessage(doc, { userId: doc.authorId, moderator: false });
  // The common case: nothing waits for review, so its author sees what everyone sees: one emit to the room.
  if (everyone && authorView.pendingBody === null && !authorView.personalInfo) {
    io.to(room).except(moderators).emit(event, authorView);
    return;
  }
  // Otherwise its author gets their own view (on any of their tabs: the client keeps a room's messages only).
  const author = userRoom(doc.authorId);
  io.to(author).except(moderators).emit(event, authorView);
  if (everyone) io.to(room).except([moderators, author]).emit(event, presentMessage(doc, { userId: null, moderator: false }));
}
