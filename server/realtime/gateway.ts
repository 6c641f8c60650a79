import type { Server as HttpServer } from 'node:http';
import { Server, type ServerOptions } from 'socket.io';
import { AppError } from '../../shared/errors';
import type { Ack } from '../../shared/realtime/ack';
import { clientEventSchemas, type ClientEventName } from '../../shared/realtime/events';
import { SOCKET_MAX_PAYLOAD_BYTES, SOCKET_PING_INTERVAL_MS, SOCKET_PING_TIMEOUT_MS, SOCKET_RECOVERY_MAX_DISCONNECTION_MS } from '../../shared/limits';
import type { ServerContext } from '../context';
import { zodIssues } from '../http/errors';
import { RateLimitedError, spendLimit } from '../http/rate-limit';
import { DocumentTooLargeError } from '../storage/port';
import type { AuthedRequestState } from '../http/request-state';
import { can } from '../../shared/policy/can';
import { auditPlaceOf, deny } from '../features/auth/runtime';
import { authenticateUpgrade, bindSocketToSession } from './authenticate';
import { resyncSockets, rightsRefresher, spaceViewersRefresher } from './rights';
import { socketHandlers, type PreauServer, type PreauSocket } from './handlers';
import { guardRecovery, recoveredSocket } from './recovery';
import '../features/sockets';

export { userRoom, type PreauServer, type PreauSocket } from './handlers';

/**
 * Validates and dispatches one event. Every path ends in exactly one ack: the data, or
 * `{ ok: false, code, message }` (with `retryAfterMs` when a rate limit refused it). Errors never escape to
 * Socket.IO, so no rejection goes unhandled. Events sent without an ack get no answer: a refused one is dropped.
 *
 * Rate limits are per user, in the one limiter service (shared by every node with Redis), so opening more
 * sockets or reconnecting does not reset them: every event, even unknown or invalid, spends the default
 * `socketEvent` limit first; a costly event also spends its own named limit once its payload is valid.
 */
async function dispatch(ctx: ServerContext, io: PreauServer, socket: PreauSocket, event: string, args: unknown[]): Promise<void> {
  const last = args[args.length - 1];
  const ack = typeof last === 'function' ? (last as (answer: Ack<unknown>) => void) : undefined;
  const reply = (answer: Ack<unknown>): void => {
    if (ack) ack(answer);
  };
  const name = event as ClientEventName;
  const state = socket.data.state as AuthedRequestState;
  try {
    await spendLimit(ctx, 'socketEvent', state.user._id, 'Too many events');
    const schema = Object.hasOwn(clientEventSchemas, name) ? clientEventSchemas[name] : undefined;
    const registered = socketHandlers.get(name);
    if (!schema || !registered) {
      reply({ ok: false, code: 'NOT_FOUND', message: `Unknown event ${event.slice(0, 64)}` });
      return;
    }
    const parsed = schema.safeParse(args[0]);
    if (!parsed.success) {
      reply({ ok: false, code: 'VALIDATION', message: 'Invalid payload', issues: zodIssues(parsed.error) });
      return;
    }
    if (registered.limit) await spendLimit(ctx, registered.limit, state.user._id, `Too many ${name}`);
    let subject: unknown;
    if ('check' in registered.policy) {
      const question = await registered.policy.check(state, parsed.data, ctx);
      if (!can(state.actor, question.action, question.resource)) {
        throw await deny(ctx, state, 'socket', 'FORBIDDEN', { action: `${name} (${question.action} ${question.resource.type})`, ...auditPlaceOf(question.resource) });
      }
      subject = question.subject;
    }
    const data = await registered.handler({ socket, payload: parsed.data, state, subject, ctx, io });
    reply({ ok: true, data });
  } catch (error) {
    if (error instanceof AppError) {
      reply({
        ok: false,
        code: error.code,
        message: error.message,
        ...(error.issues ? { issues: error.issues } : {}),
        ...(error instanceof RateLimitedError ? { retryAfterMs: error.retryAfterMs } : {}),
      });
      return;
    }
    if (error instanceof DocumentTooLargeError) {
      reply({ ok: false, code: 'PAYLOAD_TOO_LARGE', message: 'The content is too large to be saved' });
      return;
    }
    ctx.logger.error({ err: error, event: name, socket: socket.id }, 'socket handler failed');
    reply({ ok: false, code: 'INTERNAL', message: 'Internal error' });
  }
}

/**
 * Attaches Socket.IO to the HTTP server, with the Origin check and payload limit. `adapter` carries rooms across
 * nodes (`socketAdapter`, with REDIS_URL); without it, Socket.IO's in-memory adapter.
 */
export function createGateway(httpServer: HttpServer, ctx: ServerContext, adapter?: ServerOptions['adapter']): PreauServer {
  const io: PreauServer = new Server(httpServer, {
    // With Redis, a short disconnection (a Redis restart, a tablet changing networks) is recovered: rooms and missed
    // events back, once the session and the rights are checked again (recovery.ts); the handshake still authenticates.
    ...(adapter ? { adapter, connectionStateRecovery: { maxDisconnectionDuration: SOCKET_RECOVERY_MAX_DISCONNECTION_MS, skipMiddlewares: false } } : {}),
    maxHttpBufferSize: SOCKET_MAX_PAYLOAD_BYTES,
    pingInterval: SOCKET_PING_INTERVAL_MS,
    pingTimeout: SOCKET_PING_TIMEOUT_MS,
    // The collab server handles its own upgrades on /collab; engine.io must not destroy them.
    destroyUpgrade: false,
    serveClient: false,
    allowRequest: (req, callback) => {
      const allowed = ctx.origins.isAllowed(req.headers.origin);
      if (!allowed) ctx.logger.warn({ origin: req.headers.origin }, 'socket handshake refused: foreign origin');
      callback(allowed ? null : 'Origin not allowed', allowed);
    },
  });
  // Authentication at the handshake: a refused connection gets `connect_error` with `data.code`.
  io.use((socket, next) => {
    authenticateUpgrade(ctx, socket.request, 'socket').then(
      (result) => {
        if (!result.ok) {
          next(Object.assign(new Error(result.code), { data: { code: result.code } }));
          return;
        }
        socket.data.state = result.state;
        bindSocketToSession(ctx, socket, result.state);
        next();
      },
      (error: unknown) => {
        ctx.logger.error({ err: error }, 'socket authentication failed');
        next(Object.assign(new Error('INTERNAL'), { data: { code: 'INTERNAL' } }));
      },
    );
  });
  if (adapter) guardRecovery(ctx, io);
  io.on('connection', (socket) => {
    if (socket.recovered) void recoveredSocket(ctx, socket).catch((error: unknown) => ctx.logger.error({ err: error }, 'recovered socket check failed'));
    socket.onAny((event: string, ...args: unknown[]) => {
      void dispatch(ctx, io, socket, event, args);
    });
  });
  // Rights changed (moderator designated or revoked, mutes, memberships) or a space's settings: the sockets
  // concerned are decided on the new rights at once, leave the rooms they may no longer be in, and are told.
  ctx.services.bus.on('user.rightsChanged', (userId) => {
    void rightsRefresher(ctx, io, userId).catch((error: unknown) => ctx.logger.error({ err: error, userId }, 'rights refresh failed'));
  });
  ctx.services.bus.on('space.updated', (summary) => {
    void spaceViewersRefresher(ctx, io, summary).catch((error: unknown) => ctx.logger.error({ err: error, spaceId: summary.id }, 'space viewers refresh failed'));
  });
  ctx.services.bus.on('cluster.resync', () => {
    void resyncSockets(ctx, io).catch((error: unknown) => ctx.logger.error({ err: error }, 'sockets resync failed'));
  });
  return io;
}
