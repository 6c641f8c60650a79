import type { IncomingMessage } from 'node:http';
import { SESSION_COOKIE } from '../../shared/identity/api';
import type { AuditOrigin } from '../../shared/audit/events';
import type { ServerContext } from '../context';
import { readCookies } from '../http/cookies';
import type { RequestState } from '../http/request-state';
import { loadActor } from '../features/directory/actor';
import { deny, gateSignedIn, type GateRefusal } from '../features/auth/runtime';
import { clientIpOf } from '../features/auth/client-ip';
import { userRoom, type PreauSocket } from './handlers';

/** The client IP of an upgrade or handshake: the same hop-count rule as REST (`clientIpOf`). */
function clientIp(ctx: ServerContext, request: IncomingMessage): string | null {
  return clientIpOf(request.socket.remoteAddress, request.headers['x-forwarded-for'], ctx.config.trustProxy);
}

/**
 * Authenticates a Socket.IO handshake or a collab upgrade from its session cookie, with the same gate as
 * REST (active account, password changed, charter accepted). A refusal is audited like any denial.
 */
export async function authenticateUpgrade(
  ctx: ServerContext,
  request: IncomingMessage,
  origin: AuditOrigin,
): Promise<{ ok: true; state: RequestState & { user: NonNullable<RequestState['user']> } } | { ok: false; code: GateRefusal }> {
  const { sessions, directory } = ctx.services;
  const state: RequestState = {
    ip: clientIp(ctx, request),
    userAgent: request.headers['user-agent']?.slice(0, 512) ?? null,
    session: null,
    user: null,
    actor: null,
  };
  const session = await sessions.resolve(readCookies(request).get(SESSION_COOKIE));
  const user = session ? await directory.users.findOne({ _id: session.userId }) : null;
  if (session && user) {
    state.session = session;
    state.user = user;
    state.actor = await loadActor(directory, user);
  }
  const gate = await gateSignedIn(ctx, state, false);
  if (gate !== 'ok') {
    await deny(ctx, state, origin, gate, { action: `${origin} connection` });
    return { ok: false, code: gate };
  }
  return { ok: true, state: state as RequestState & { user: NonNullable<RequestState['user']> } };
}

/** The room of every socket of one session: ending the session empties it (`services.live.disconnectSession`). */
export const sessionRoom = (sessionId: string): string => `session:${sessionId}`;

/**
 * Ties an authenticated socket to its user and its session, at the handshake: it joins both rooms (so ending the
 * session, on any node, closes it), and each event it sends is activity of its session (the idle timeout counts
 * the user's live activity, not only REST requests; SessionWatch stores it).
 */
export function bindSocketToSession(ctx: ServerContext, socket: PreauSocket, state: RequestState & { user: NonNullable<RequestState['user']> }): void {
  const sessionId = state.session!._id;
  void socket.join([userRoom(state.user._id), sessionRoom(sessionId)]);
  socket.use((_packet, next) => {
    ctx.services.sessions.markActive(sessionId);
    next();
  });
}
