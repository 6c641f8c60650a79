import type { Server, Socket } from 'socket.io';
import type {
  ClientEventName,
  ClientEventPayload,
  ClientEventResults,
  ClientToServerEvents,
  ServerToClientEvents,
} from '../../shared/realtime/events';
import type { RateLimitName } from '../../shared/ratelimit/limits';
import type { ServerContext } from '../context';
import type { AuthedRequestState, RequestState } from '../http/request-state';
import type { PolicyQuestion } from '../http/route';

/** What the gateway keeps about each connection. */
export interface SocketData {
  state: RequestState;
  /** Whether the presence listener of spaces is attached to this socket. */
  spaceListenerSet?: boolean;
  /** A socket recovered after a short disconnection: the user it was (`server/realtime/recovery.ts`). */
  recoveredFrom?: string;
}

export type PreauServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type PreauSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** The room of every live connection of one user: suspension and sign-out-everywhere empty it. */
export const userRoom = (userId: string): string => `user:${userId}`;

/** What a handler gets: the validated payload, the sender's state, what the policy check loaded, and the server. */
export interface SocketHandlerInput<E extends ClientEventName, S = unknown> {
  socket: PreauSocket;
  payload: ClientEventPayload<E>;
  state: AuthedRequestState;
  /** What the policy check loaded to ask `can()` (the space, the item…), handed over as is. */
  subject: S;
  ctx: ServerContext;
  io: PreauServer;
}

/** A server-side handler for one client event: returns the ack data, or throws an AppError. */
export type SocketHandler<E extends ClientEventName, S = unknown> = (
  input: SocketHandlerInput<E, S>,
) => Promise<ClientEventResults[E]> | ClientEventResults[E];

/**
 * Who may send an event (every socket is already signed in, active and past the charter gate at the
 * handshake): `signedIn` for events about the sender only, or the `can()` question to ask.
 */
export type SocketPolicy<E extends ClientEventName, S = unknown> =
  | { signedIn: string }
  | {
      check: (
        state: AuthedRequestState,
        payload: ClientEventPayload<E>,
        ctx: ServerContext,
      ) => PolicyQuestion<S> | Promise<PolicyQuestion<S>>;
    };

/** How an event is registered beyond its policy. */
export interface SocketHandlerOptions {
  /**
   * A stricter named limit (shared/ratelimit/limits.ts) this costly event also spends, per user, on top of the
   * default `socketEvent` limit that every event spends.
   */
  limit?: RateLimitName;
}

export interface RegisteredHandler {
  policy: SocketPolicy<ClientEventName>;
  handler: SocketHandler<ClientEventName>;
  limit?: RateLimitName;
}

/** Every registered handler, by event; the policy-coverage test enumerates it. */
export const socketHandlers = new Map<ClientEventName, RegisteredHandler>();

/**
 * Registers the handler of one client event, with its policy (required: a handler without one cannot be
 * written) and, for costly events, a stricter rate limit. Its payload schema comes from
 * `shared/realtime/events.ts`. Features call this at module load.
 */
export function defineSocketHandler<E extends ClientEventName, S = unknown>(event: E, policy: SocketPolicy<E, S>, handler: SocketHandler<E, S>, options: SocketHandlerOptions = {}): void {
  if (socketHandlers.has(event)) throw new Error(`Socket handler for ${event} registered twice`);
  socketHandlers.set(event, { policy, handler, ...(options.limit ? { limit: options.limit } : {}) } as unknown as RegisteredHandler);
}

defineSocketHandler(
  'system:ping',
  { signedIn: 'a latency check about the sender only' },
  ({ payload }) => ({ sentAt: payload.sentAt, serverTime: Date.now() }),
  { limit: 'socketPing' },
);
