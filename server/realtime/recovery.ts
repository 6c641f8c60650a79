import type { ServerContext } from '../context';
import { loadActor } from '../features/directory/actor';
import type { PreauServer, PreauSocket } from './handlers';
import { allowedInEveryRoom, socketRoomsFollowRights } from './rights';

/** What a disconnected socket leaves in Redis for its recovery: who it was, never the user's record. */
interface RecoveryData {
  userId: string;
  sessionId: string;
}

/** A disconnected socket's session as the adapter keeps it (socket.io-adapter's `Session`). */
interface Session {
  sid: string;
  pid: string;
  rooms: string[];
  data: unknown;
  missedPackets: unknown[][];
}

function recoveryDataOf(data: unknown): RecoveryData | null {
  const state = (data as { state?: { user?: { _id?: unknown }; session?: { _id?: unknown } } } | undefined)?.state;
  const userId = state?.user?._id;
  const sessionId = state?.session?._id;
  return typeof userId === 'string' && typeof sessionId === 'string' ? { userId, sessionId } : null;
}

/** Whether a recovery of `data` with these rooms may go ahead: the session lives, the user is active and may be in every room. */
async function mayRecover(ctx: ServerContext, data: unknown, rooms: readonly string[]): Promise<boolean> {
  const saved = data as Partial<RecoveryData> | null;
  if (typeof saved?.userId !== 'string' || typeof saved.sessionId !== 'string') return false;
  const { sessions, directory } = ctx.services;
  const [session] = await sessions.findMany([saved.sessionId]);
  if (!session || session.userId !== saved.userId || sessions.deadlineOf(session) <= Date.now()) return false;
  const user = await directory.users.findOne({ _id: saved.userId });
  if (!user || user.status !== 'active') return false;
  return allowedInEveryRoom(ctx, await loadActor(directory, user), rooms);
}

/**
 * Socket.IO's connection state recovery (with REDIS_URL: the Redis Streams adapter keeps a disconnected socket's
 * rooms and the packets sent to them for SOCKET_RECOVERY_MAX_DISCONNECTION_MS), made safe for Préau:
 * - the adapter sends a recovered socket its missed packets as soon as it restores it, BEFORE the handshake's
 *   middleware runs. So the restore itself is gated: the session must still live, the user be active and allowed
 *   in EVERY restored room by the current rights (a parent put out of a class chat, a revoked pupil moderator, a
 *   suspended pupil). Otherwise there is no recovery: the tab connects afresh and joins what it may;
 * - only the user's and session's ids are kept in Redis, never their records;
 * - the handshake then authenticates the socket as any other (`skipMiddlewares: false`), and `recoveredSocket`
 *   checks it is the same user and makes its rooms follow the rights of that moment.
 */
export function guardRecovery(ctx: ServerContext, io: PreauServer): void {
  const adapter = io.of('/').adapter as unknown as {
    persistSession(session: { data: unknown }): void;
    restoreSession(pid: string, offset: string): Promise<Session | undefined>;
  };
  const persist = adapter.persistSession.bind(adapter);
  const restore = adapter.restoreSession.bind(adapter);
  adapter.persistSession = (session) => persist({ ...session, data: recoveryDataOf(session.data) });
  adapter.restoreSession = async (pid, offset) => {
    const session = await restore(pid, offset);
    if (!session) return undefined;
    if (!(await mayRecover(ctx, session.data, session.rooms))) {
      ctx.logger.info({ rooms: session.rooms.length }, 'socket recovery refused: session or rights changed');
      return undefined;
    }
    // Only this survives of the previous socket's data until the handshake sets its state again.
    return { ...session, data: { recoveredFrom: (session.data as RecoveryData).userId } };
  };
}

/**
 * A recovered socket, once authenticated again: the same user, or it is closed; its restored rooms follow the
 * rights of this moment (a change between the restore and now).
 */
export async function recoveredSocket(ctx: ServerContext, socket: PreauSocket): Promise<void> {
  const state = socket.data.state;
  if (socket.data.recoveredFrom !== state.user?._id || !state.actor) {
    socket.disconnect(true);
    return;
  }
  if (await socketRoomsFollowRights(ctx, socket, state.actor)) socket.emit('rights:changed', { spaceId: null });
}
