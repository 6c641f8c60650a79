import { CHAT_ITEM_STATE } from '../../../shared/chat/policy';
import type { ChatMessageView } from '../../../shared/chat/types';
import { personalInfoKinds } from '../../../shared/pii/detect';
import type { Actor } from '../../../shared/policy/actor';
import { can, canReadItem, canReadPendingChange } from '../../../shared/policy/can';
import type { ItemResource } from '../../../shared/policy/resources';
import { spaceRoom } from '../../../shared/spaces/types';
import type { PreauServer } from '../../realtime/handlers';
import { userRoom } from '../../realtime/handlers';
import { moderatorsRoom } from '../../realtime/rights';
import { spaceResource, type SpaceDoc } from '../spaces/model';
import type { ChatMessageDoc } from './model';

/**
 * Who receives a view: a moderator of the room, its author, or anyone else (`userId: null`). A moderator reads a
 * held or removed message (`held`) and an author's change waiting for review (`change`) as the policy table lets
 * them (`chatViewerFor`): its teachers and the director everything, a pupil moderator only a first publication
 * they may approve. Both default to `moderator`.
 */
export interface ChatViewer {
  userId: string | null;
  moderator: boolean;
  held?: boolean;
  change?: boolean;
}

/** Whether an author's change of this published message waits for review. */
export const hasPendingChange = (doc: ChatMessageDoc): doc is ChatMessageDoc & { pendingBody: string } =>
  doc.status === 'published' && typeof doc.pendingBody === 'string';

/** A message as the policy table sees it (the facts of its moderated item, `chatItem`). */
function messageResource(room: SpaceDoc, doc: ChatMessageDoc): ItemResource {
  const state = CHAT_ITEM_STATE[doc.status];
  return {
    type: 'item',
    schoolId: room.schoolId,
    space: spaceResource(room),
    kind: 'chatMessage',
    itemId: doc._id,
    authorId: doc.authorId,
    state,
    firstReview: doc.status === 'pending' && !doc.shown,
    personalInfo: doc.personalInfo ?? false,
    pendingEdit: hasPendingChange(doc),
  };
}

/** One actor as the viewer of one message of a room, each right asked to the policy table. */
export function chatViewerFor(actor: Actor | null, room: SpaceDoc, doc: ChatMessageDoc): ChatViewer {
  const userId = actor?.userId ?? null;
  if (!can(actor, 'moderate', spaceResource(room))) return { userId, moderator: false };
  const resource = messageResource(room, doc);
  const held = doc.status === 'deleted' ? can(actor, 'readHeld', resource) : canReadItem(actor, resource);
  const change = held && canReadPendingChange(actor, { ...resource, state: resource.state === 'deleted' ? 'hidden' : resource.state });
  return { userId, moderator: true, held, change };
}

/** Whether this viewer lists this message at all: published once, their own, or held and readable by them. */
export const listsMessage = (doc: ChatMessageDoc, viewer: ChatViewer): boolean =>
  doc.shown || doc.authorId === viewer.userId || (viewer.held ?? viewer.moderator);

/**
 * A message as one viewer may see it. Those who run the room see everything, the personal-information flags
 * included; a pupil moderator what everyone sees and the first publications they may approve; its author sees
 * their own message and their change waiting for review; others see the published text, and a removed message
 * without its text.
 */
export function presentMessage(doc: ChatMessageDoc, viewer: ChatViewer): ChatMessageView {
  const removed = doc.status === 'hidden' || doc.status === 'deleted';
  const held = viewer.held ?? viewer.moderator;
  const change = viewer.change ?? viewer.moderator;
  const own = viewer.userId === doc.authorId;
  const reviewer = change || own;
  const pendingBody = reviewer && hasPendingChange(doc) ? doc.pendingBody : null;
  const readsText = held || (!removed && (doc.status === 'published' || own));
  return {
    id: doc._id,
    roomId: doc.roomId,
    seq: doc.seq,
    key: doc.key,
    authorId: doc.authorId,
    authorName: doc.authorName,
    authorRole: doc.authorRole,
    body: readsText ? doc.body : null,
    status: doc.status,
    removedBy: doc.removedBy,
    edited: doc.edited,
    createdAt: doc.createdAt,
    editedAt: doc.editedAt,
    pii: viewer.moderator && held ? [...new Set([...doc.pii, ...(pendingBody === null || !change ? [] : personalInfoKinds(pendingBody))])] : [],
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
export function broadcastMessage(io: PreauServer | null | undefined, event: 'chat:message' | 'chat:updated', doc: ChatMessageDoc, space: SpaceDoc, audience: 'everyone' | 'reviewers' = 'everyone'): void {
  if (!io) return;
  const moderators = moderatorsRoom(doc.roomId);
  const room = spaceRoom(doc.roomId);
  if (space.moderatorIds.length === 0) {
    // The common case: only those who run the room moderate it, and they read everything: one emit, in order.
    io.to(moderators).emit(event, presentMessage(doc, { userId: null, moderator: true }));
  } else {
    // Designated pupils too: each moderator their own view (never what a teacher hid or the guard holds).
    void emitToEachModerator(io, event, doc, space, moderators);
  }
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

/** Each socket of the room's moderators gets its own view of the message (a room with designated pupils). */
function emitToEachModerator(io: PreauServer, event: 'chat:message' | 'chat:updated', doc: ChatMessageDoc, space: SpaceDoc, moderators: string): Promise<void> {
  return io
    .in(moderators)
    .fetchSockets()
    .then((sockets) => {
      for (const socket of sockets) {
        const viewer = chatViewerFor(socket.data.state?.actor ?? null, space, doc);
        const removed = doc.status === 'hidden' || doc.status === 'deleted';
        if (listsMessage(doc, viewer) || (viewer.moderator && removed)) socket.emit(event, presentMessage(doc, viewer));
      }
    })
    .catch(() => undefined);
}
