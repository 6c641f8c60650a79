import { moderationRoom, type ModeratedItemView } from '../../../shared/moderation/types';
import type { PreauServer } from '../../realtime/handlers';

/** The console rooms (space, class, school) that cover a space. */
export function consoleRooms(space: { _id: string; schoolId: string; scope: { kind: string; classId?: string } }): string[] {
  const classId = space.scope.kind === 'class' ? space.scope.classId : undefined;
  return [moderationRoom.space(space._id), ...(classId ? [moderationRoom.class(classId)] : []), moderationRoom.school(space.schoolId)];
}

/**
 * Feeds the moderation consoles that cover a space with an item: a new contribution (the live stream), a pending
 * one, or the new state of an item a moderator acted on.
 */
export function toModerationConsoles(io: PreauServer | null | undefined, space: { _id: string; schoolId: string; scope: { kind: string; classId?: string } }, view: ModeratedItemView): void {
  io?.to(consoleRooms(space)).emit('moderation:item', view);
}
