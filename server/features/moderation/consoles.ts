import { moderationRoom } from '../../../shared/moderation/types';
import { can } from '../../../shared/policy/can';
import type { PreauServer } from '../../realtime/handlers';
import { spaceResource, type SpaceDoc } from '../spaces/model';
import type { ModeratedItem } from './adapters';
import { viewItem } from './items';

/** The console rooms (space, class, school) that cover a space. */
export function consoleRooms(space: { _id: string; schoolId: string; scope: { kind: string; classId?: string } }): string[] {
  const classId = space.scope.kind === 'class' ? space.scope.classId : undefined;
  return [moderationRoom.space(space._id), ...(classId ? [moderationRoom.class(classId)] : []), moderationRoom.school(space.schoolId)];
}

/**
 * Feeds the moderation consoles that cover a space with an item: a new contribution (the live stream), a pending
 * one, or the new state of an item a moderator acted on. Each console gets the actions its user may take on it,
 * decided by the policy table (the console's sockets are few: the space's teachers, the director, its pupil
 * moderators). A console whose user may not read the item (a pupil moderator, once it is hidden or held for a
 * teacher) gets it withdrawn, without its content, and drops it.
 */
export async function toModerationConsoles(io: PreauServer | null | undefined, space: SpaceDoc, item: ModeratedItem): Promise<void> {
  if (!io) return;
  const rooms = consoleRooms(space);
  const resource = spaceResource(space);
  for (const socket of await io.in(rooms).fetchSockets()) {
    const actor = socket.data.state?.actor ?? null;
    // A moderator whose rights were taken back since joining (a revoked pupil moderator) stops hearing at once.
    if (!can(actor, 'moderate', resource)) socket.leave(moderationRoom.space(space._id));
    else socket.emit('moderation:item', viewItem(actor, space, item));
  }
}
