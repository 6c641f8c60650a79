import { spaceRoom } from '../../../shared/spaces/types';
import type { ServerContext } from '../../context';
import type { Actor } from '../../../shared/policy/actor';
import { defineSocketHandler, type PreauServer, type PreauSocket } from '../../realtime/handlers';
import { allowedInSpaceRoom, moderatorsRoom, staffRoom, viewerRoom } from '../../realtime/rights';
import { auditActorOf } from '../../http/request-state';
import { askSpace } from './access';
import { presentSpaceFor, type SpaceDoc } from './model';
import { spaceAuditContext } from './service';

/** Tells a space's room how many people view it; counted across nodes by the adapter. */
export async function broadcastPresence(io: PreauServer, spaceId: string): Promise<number> {
  const sockets = await io.in(spaceRoom(spaceId)).fetchSockets();
  const present = new Set(sockets.map((socket) => socket.data.state.user?._id)).size;
  io.to(spaceRoom(spaceId)).emit('space:presence', { spaceId, present });
  return present;
}

const joinable = (ctx: ServerContext) => askSpace<{ spaceId: string }>(ctx, null, 'read', (payload) => payload.spaceId);

/**
 * The rooms a socket joins with a space, computed once per join (the edge asked `read`): the space's room, the
 * room of its user's sockets on this space, and the staff room when the user moderates the space by position (a
 * teacher of its scope, the director). A wall's broadcasts go to these rooms by class of viewers, each class's
 * view computed once (server/features/wall/broadcast.ts). Joining again (after a rights change) re-decides the
 * staff room; `server/realtime/rights.ts` takes the socket out of any room it may no longer be in.
 */
async function joinSpaceRooms(socket: PreauSocket, actor: Actor, space: SpaceDoc): Promise<void> {
  await socket.join([spaceRoom(space._id), viewerRoom(space._id, actor.userId)]);
  if (allowedInSpaceRoom(actor, space, { action: 'moderate', byPosition: true })) await socket.join(staffRoom(space._id));
  else await socket.leave(staffRoom(space._id));
}

/** The rooms `joinSpaceRooms` may have joined, and the moderators' room `chat:join` and `forum:join` may have. */
const spaceRoomsOf = (socket: PreauSocket, spaceId: string): string[] => [
  spaceRoom(spaceId),
  viewerRoom(spaceId, socket.data.state.user?._id ?? ''),
  staffRoom(spaceId),
  moderatorsRoom(spaceId),
];

defineSocketHandler<'space:join', SpaceDoc>(
  'space:join',
  { check: (state, payload, ctx) => joinable(ctx)(state, payload) },
  async ({ socket, state, ctx, io, subject: space }) => {
    await joinSpaceRooms(socket, state.actor, space);
    await ctx.services.audit.recordView({
      schoolId: space.schoolId,
      actor: auditActorOf(state),
      origin: 'socket',
      target: { type: space.kind, id: space._id, ownerId: space.ownerId },
      context: spaceAuditContext(space),
    });
    if (!socket.data.spaceListenerSet) {
      socket.data.spaceListenerSet = true;
      socket.on('disconnecting', () => {
        for (const room of socket.rooms) {
          if (room.startsWith('space:')) setTimeout(() => void broadcastPresence(io, room.slice('space:'.length)).catch(() => undefined), 0);
        }
      });
    }
    const present = await broadcastPresence(io, space._id);
    const view = presentSpaceFor(state.actor, space);
    return { space: view, present, rights: view.rights };
  },
);

defineSocketHandler('space:leave', { signedIn: 'leaving a room only concerns the sender' }, async ({ socket, payload, io }) => {
  for (const room of spaceRoomsOf(socket, payload.spaceId)) await socket.leave(room);
  await broadcastPresence(io, payload.spaceId);
  return { left: true };
});
