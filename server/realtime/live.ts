import { COLLAB_CLOSE } from '../../shared/realtime/close-codes';
import type { CollabServer } from '../../collab/server';
import type { SessionDoc } from '../features/auth/sessions';
import type { Bus } from '../bus';
import type { LiveConnections } from '../services';
import { sessionRoom } from './authenticate';
import { userRoom, type PreauServer } from './handlers';

/**
 * `services.live` on the running servers. Sockets are closed through their rooms (`user:<id>`, `session:<id>`,
 * joined at the handshake), which the Socket.IO adapter reaches on every node; pad connections by every node's
 * collab server, on the bus events `user.disconnect` and `sessions.ended` (relayed to every node with REDIS_URL).
 */
export function liveConnections(io: PreauServer, collab: CollabServer, bus: Bus): LiveConnections {
  bus.on('user.disconnect', (userId, reason) => collab.disconnectUser(userId, COLLAB_CLOSE.SUSPENDED, reason.slice(0, 100)));
  bus.on('sessions.ended', (sessionIds, reason) => collab.disconnectSessions(new Set(sessionIds), COLLAB_CLOSE.UNAUTHENTICATED, reason));
  return {
    async disconnectUser(userId, reason) {
      io.in(userRoom(userId)).disconnectSockets(true);
      await bus.publish('user.disconnect', userId, reason);
    },
    async disconnectSession(sessionIds, reason) {
      const ids = typeof sessionIds === 'string' ? [sessionIds] : [...sessionIds];
      if (ids.length === 0) return;
      const rooms = ids.map(sessionRoom);
      // Told why first (same connection, so it arrives before the disconnection): the tab shows the sign-in page
      // with the matching notice instead of reconnecting. A pad connection gets UNAUTHENTICATED with the reason.
      io.in(rooms).emit('session:ended', { reason });
      io.in(rooms).disconnectSockets(true);
      await bus.publish('sessions.ended', ids, reason);
    },
  };
}

/** The sessions of this process's live connections, as of their handshake (for SessionWatch). */
export function* liveSessionsOf(io: PreauServer, collab: CollabServer): Generator<SessionDoc> {
  for (const socket of io.of('/').sockets.values()) {
    const session = socket.data.state?.session;
    if (session) yield session;
  }
  for (const name of collab.loadedNames()) {
    for (const connection of collab.loaded(name)?.connections ?? []) yield connection.context.state.session;
  }
}
