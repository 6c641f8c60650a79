import { spaceRoom } from '../../../shared/spaces/types';
import type { ServerContext } from '../../context';
import { defineSocketHandler, type PreauServer } from '../../realtime/handlers';
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

defineSocketHandler<'space:join', SpaceDoc>(
  'space:join',
  { check: (state, payload, ctx) => joinable(ctx)(state, payload) },
  async ({ socket, state, ctx, io, subject: space }) => {
    await socket.join(spaceRoom(space._id));
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
  await socket.leave(spaceRoom(payload.spaceId));
  await broadcastPresence(io, payload.spaceId);
  return { left: true };
});
