import { spaceRoom } from '../../../shared/spaces/types';
import { defineSocketHandler, type PreauServer } from '../../realtime/handlers';
import { auditActorOf } from '../../http/request-state';
import { presentSpace, spaceResource } from './model';
import { loadSpace } from './service';

/** Tells a space's room how many people view it; counted across nodes by the adapter. */
export async function broadcastPresence(io: PreauServer, spaceId: string): Promise<void> {
  const sockets = await io.in(spaceRoom(spaceId)).fetchSockets();
  const present = new Set(sockets.map((socket) => socket.data.state.user?._id)).size;
  io.to(spaceRoom(spaceId)).emit('space:presence', { spaceId, present });
}

defineSocketHandler(
  'space:join',
  { check: async (state, payload, ctx) => ({ action: 'read', resource: spaceResource(await loadSpace(ctx, payload.spaceId, state.user.schoolId)) }) },
  async ({ socket, payload, state, ctx, io }) => {
    const space = await loadSpace(ctx, payload.spaceId, state.user.schoolId);
    await socket.join(spaceRoom(space._id));
    await ctx.services.audit.recordView({
      schoolId: space.schoolId,
      actor: auditActorOf(state),
      origin: 'socket',
      target: { type: space.kind, id: space._id, ownerId: space.ownerId },
      context: { classId: space.scope.kind === 'class' ? space.scope.classId : null, spaceId: space._id },
    });
    if (!socket.data.spaceListenerSet) {
      socket.data.spaceListenerSet = true;
      socket.on('disconnecting', () => {
        for (const room of socket.rooms) {
          if (room.startsWith('space:')) setTimeout(() => void broadcastPresence(io, room.slice('space:'.length)).catch(() => undefined), 0);
        }
      });
    }
    await broadcastPresence(io, space._id);
    const present = new Set((await io.in(spaceRoom(space._id)).fetchSockets()).map((s) => s.data.state.user?._id)).size;
    return { space: presentSpace(space), present };
  },
);

defineSocketHandler('space:leave', { signedIn: 'leaving a room only concerns the sender' }, async ({ socket, payload, io }) => {
  await socket.leave(spaceRoom(payload.spaceId));
  await broadcastPresence(io, payload.spaceId);
  return { left: true };
});
