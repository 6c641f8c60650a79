import { AppError } from '../../../shared/errors';
import type { ChatRoomFacts } from '../../../shared/chat/policy';
import { chatSettingsOf } from '../../../shared/chat/settings';
import type { ResourceOf } from '../../../shared/policy/resources';
import type { AuditContext } from '../../../shared/audit/events';
import type { ServerContext } from '../../context';
import type { AuthedRequestState } from '../../http/request-state';
import { deny } from '../auth/runtime';
import { spaceResource, type SpaceDoc } from '../spaces/model';
import { loadSpace } from '../spaces/service';

/** Loads a chat room of the actor's school: NOT_FOUND for anything else (another kind, another school). */
export async function loadChatRoom(ctx: ServerContext, roomId: string, schoolId: string): Promise<SpaceDoc> {
  const space = await loadSpace(ctx, roomId, schoolId);
  if (space.kind !== 'chat') throw new AppError('NOT_FOUND', 'Chat room not found');
  return space;
}

/**
 * The room of one event, loaded once: the gateway's policy check and the handler receive the same parsed
 * payload object, so the room loaded for the check is reused by the handler.
 */
const loaded = new WeakMap<object, Promise<SpaceDoc>>();
export function roomOf(ctx: ServerContext, state: AuthedRequestState, payload: { roomId: string }): Promise<SpaceDoc> {
  let room = loaded.get(payload);
  if (!room) {
    room = loadChatRoom(ctx, payload.roomId, state.user.schoolId);
    loaded.set(payload, room);
  }
  return room;
}

/** The policy question of a chat event: `action` on the room. */
export function askRoom(action: 'read' | 'comment' | 'moderate' | 'configure') {
  return async (state: AuthedRequestState, payload: { roomId: string }, ctx: ServerContext) => ({
    action,
    resource: spaceResource(await roomOf(ctx, state, payload)) as ResourceOf<'space'>,
  });
}

export function roomFacts(space: SpaceDoc): ChatRoomFacts {
  return { resource: spaceResource(space) as ResourceOf<'space'>, moderatorIds: space.moderatorIds, settings: chatSettingsOf(space.settings) };
}

export function auditContextOf(space: SpaceDoc): AuditContext {
  return { classId: space.scope.kind === 'class' ? space.scope.classId : null, spaceId: space._id };
}

/**
 * A per-item refusal (another pupil's message, a closed room), audited like every denial. A mute is refused by
 * the moderation feature's `mutedRefusal`, the same for every kind of space.
 */
export async function refuse(
  ctx: ServerContext,
  state: AuthedRequestState,
  space: SpaceDoc,
  code: 'FORBIDDEN',
  action: string,
  target: { type: string; id: string | null; ownerId: string | null },
  message: string,
): Promise<AppError> {
  const error = await deny(ctx, state, 'socket', code, { action, target, ...auditContextOf(space) });
  return new AppError(error.code, message);
}

/** Runs tasks of one key one after another (in this process): a room's messages get their seq and go out in order. */
const chains = new Map<string, Promise<unknown>>();
export function serialized<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = chains.get(key) ?? Promise.resolve();
  const next = previous.then(task, task);
  chains.set(key, next);
  void next.finally(() => {
    if (chains.get(key) === next) chains.delete(key);
  }).catch(() => undefined);
  return next;
}
