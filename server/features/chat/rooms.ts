import type { ChatRoomFacts } from '../../../shared/chat/policy';
import { chatSettingsOf } from '../../../shared/chat/settings';
import type { AuditContext } from '../../../shared/audit/events';
import { AppError } from '../../../shared/errors';
import type { Action } from '../../../shared/policy/resources';
import type { ServerContext } from '../../context';
import type { AuthedRequestState } from '../../http/request-state';
import { askLiveSpace } from '../spaces/live';
import { spaceResource, type SpaceDoc } from '../spaces/model';
import { chatCollections, type ChatMessageDoc } from './model';

/**
 * The check of a chat event on a room: the gateway takes the room (a chat space of the sender's school, else
 * NOT_FOUND) from this node's live spaces (loaded once, dropped at once by every change of it), asks `action` on
 * it, and hands it to the handler as its `subject`, which it must not change (it is shared).
 */
export function roomCheck(action: Action) {
  return {
    check: (state: AuthedRequestState, payload: { roomId: string }, ctx: ServerContext) =>
      askLiveSpace<{ roomId: string }>(ctx, 'chat', action, (input) => input.roomId)(state, payload),
  };
}

/** The facts of the live (frozen, so unchanging) rooms, computed once per loaded room. */
const liveFacts = new WeakMap<SpaceDoc, ChatRoomFacts>();

/** What the chat's per-item rules need to know about a room, from the room as the check loaded it. */
export function roomFacts(space: SpaceDoc): ChatRoomFacts {
  const kept = liveFacts.get(space);
  if (kept) return kept;
  const facts = { resource: spaceResource(space), settings: chatSettingsOf(space.settings) };
  if (Object.isFrozen(space)) liveFacts.set(space, facts);
  return facts;
}

export function auditContextOf(space: SpaceDoc): AuditContext {
  return { classId: space.scope.kind === 'class' ? space.scope.classId : null, spaceId: space._id };
}

/** A message of this room, or NOT_FOUND (also for a message of another room). */
export async function loadMessage(ctx: ServerContext, room: SpaceDoc, messageId: string): Promise<ChatMessageDoc> {
  const message = await (await chatCollections(ctx.store)).messages.findOne({ _id: messageId, roomId: room._id });
  if (!message) throw new AppError('NOT_FOUND', 'Message not found');
  return message;
}
