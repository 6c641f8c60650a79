import { useSyncExternalStore } from 'react';
import type { Socket } from 'socket.io-client';
import type { ErrorCode } from '../../../shared/errors';
import type { Ack } from '../../../shared/realtime/ack';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../shared/realtime/events';
import type { SessionEndReason } from '../../../shared/identity/session-end';
import type * as SocketClient from './socketClient';
import { reportRateLimited } from './rateLimit';

/**
 * The one Socket.IO connection of a signed-in tab (same origin, session cookie), and its state for the UI.
 * - `connecting`: opening, or reconnecting by itself after a network drop;
 * - `online`: connected;
 * - `closed`: the server closed it or refused it (suspension, sign-out elsewhere): it will not come back alone.
 */
export type LiveState = 'offline' | 'connecting' | 'online' | 'closed';

/** How long an emit waits for the server's ack before it counts as unanswered. */
export const ACK_TIMEOUT_MS = 10_000;

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface LiveHandlers {
  /**
   * The server ended the connection on purpose (`io server disconnect`; `ended` when it said the session ended) or
   * refused it (with its error code).
   */
  onClosedByServer: (why: { reason: string; code?: ErrorCode; ended?: SessionEndReason }) => void;
}

let socket: LiveSocket | null = null;
let state: LiveState = 'offline';
/** Stops the watch on the open connection's network (see `watchConnectionHealth`). */
let stopHealth: (() => void) | null = null;

/**
 * The tab's connection while it is connected: a new object on every (re)connection, null while there is none. A page
 * that joins rooms puts it in its effect's dependencies: the effect runs again on each reconnection (the server
 * forgot the socket's rooms) and after a reopened connection (a new socket), and its cleanup unsubscribes.
 */
export interface LiveConnection {
  readonly socket: LiveSocket;
}
let connection: LiveConnection | null = null;
const listeners = new Set<() => void>();

/** What `rights:changed` says: the space concerned, or null for any. */
export interface RightsChange {
  spaceId: string | null;
}
const rightsListeners = new Set<(change: RightsChange) => void>();
/** How many times this tab was told its rights changed: pages that joined rooms join again when it moves. */
let rightsEpoch = 0;
const rightsEpochListeners = new Set<() => void>();

function rightsChanged(change: RightsChange): void {
  rightsEpoch += 1;
  for (const listener of rightsListeners) listener(change);
  for (const listener of rightsEpochListeners) listener();
}

function setState(next: LiveState): void {
  if (state === next) return;
  state = next;
  for (const listener of listeners) listener();
}

function setConnection(next: LiveConnection | null): void {
  if (connection === next) return;
  connection = next;
  for (const listener of listeners) listener();
}

function errorCodeOf(error: Error): ErrorCode | undefined {
  const data = (error as Error & { data?: { code?: unknown } }).data;
  return typeof data?.code === 'string' ? (data.code as ErrorCode) : undefined;
}

let client: Promise<typeof SocketClient> | null = null;

/** Fetches the Socket.IO client (once; again after a failure). A signed-in tab starts early, in parallel with `/api/me`. */
export function loadSocketClient(): Promise<typeof SocketClient> {
  client ??= import('./socketClient').catch((error: unknown) => {
    client = null;
    throw error;
  });
  return client;
}

/** The open in progress while the client library arrives (a close in the meantime cancels it). */
let opening: object | null = null;

/** Opens the connection (once: a second call while one is open or opening does nothing). */
export function openLiveConnection(handlers: LiveHandlers): void {
  if (socket || opening) return;
  const attempt = {};
  opening = attempt;
  setState('connecting');
  loadSocketClient().then(
    ({ io }) => {
      if (opening !== attempt) return;
      opening = null;
      connect(io({ withCredentials: true }), handlers);
    },
    () => {
      // The library could not be fetched (offline, or a new release replaced it): a reload brings it back.
      if (opening !== attempt) return;
      opening = null;
      setState('closed');
    },
  );
}

function connect(current: LiveSocket, handlers: LiveHandlers): void {
  socket = current;
  // The network went (the browser said so, or the heartbeat went unanswered): shown at once, not 30–45 s later. The
  // watch is a chunk of its own, fetched once the connection opens (the first render does not wait for it).
  void import('./socketHealth').then(
    ({ watchConnectionHealth }) => {
      if (socket !== current) return; // closed meanwhile
      stopHealth = watchConnectionHealth(current, () => {
        if (socket !== current) return;
        setConnection(null);
        if (state !== 'closed') setState('connecting');
      });
    },
    () => undefined, // its chunk could not be fetched: Socket.IO's own timeouts still apply
  );
  current.on('connect', () => {
    setConnection({ socket: current });
    setState('online');
  });
  // The server says this user's rights changed (designated or revoked as a moderator, muted…): whoever depends on
  // them reloads (the app: `/api/me` and the spaces; open pages: their rooms).
  current.on('rights:changed', (change) => rightsChanged(change ?? { spaceId: null }));
  // Said just before the server disconnects this session's sockets (signed out, revoked, expired…).
  let ended: SessionEndReason | undefined;
  current.on('session:ended', (info) => {
    ended = info?.reason ?? 'ended';
  });
  current.on('disconnect', (reason) => {
    setConnection(null);
    if (reason === 'io server disconnect') {
      setState('closed');
      handlers.onClosedByServer({ reason, ...(ended ? { ended } : {}) });
    } else if (reason !== 'io client disconnect') {
      setState('connecting'); // Socket.IO reconnects by itself.
    }
  });
  current.on('connect_error', (error) => {
    // A refusal by the server's handshake check is final; a network error is retried by Socket.IO.
    if (current.active) return;
    setState('closed');
    const code = errorCodeOf(error);
    handlers.onClosedByServer({ reason: error.message, ...(code ? { code } : {}) });
  });
}

/** Closes the connection (sign-out, or leaving the signed-in part of the app). */
export function closeLiveConnection(): void {
  const current = socket;
  socket = null;
  opening = null;
  stopHealth?.();
  stopHealth = null;
  if (current) {
    current.removeAllListeners();
    current.disconnect();
  }
  setConnection(null);
  setState('offline');
}

/** Reopens a connection the server closed while the session is still valid (e.g. after a profile change). */
export function reopenLiveConnection(handlers: LiveHandlers): void {
  closeLiveConnection();
  openLiveConnection(handlers);
}

/** The tab's connection, for features that emit or listen on it (one connection per tab, not one per feature). */
export function getLiveSocket(): LiveSocket | null {
  return socket;
}

export function getLiveState(): LiveState {
  return state;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The live connection's state, for components. */
export function useLiveState(): LiveState {
  return useSyncExternalStore(subscribe, getLiveState, () => 'offline');
}

function getLiveConnection(): LiveConnection | null {
  return connection;
}

/** The tab's connection while it is connected (see `LiveConnection`), for pages that join rooms and listen. */
export function useLiveConnection(): LiveConnection | null {
  return useSyncExternalStore(subscribe, getLiveConnection, () => null);
}

type LooseHandler = (...args: never[]) => void;

/**
 * Subscribes a page's handlers to the connection's events; returns the unsubscribe, which removes exactly these
 * handlers (the tab's own listeners and other pages' stay).
 */
export function listen(socket: LiveSocket, handlers: Partial<ServerToClientEvents>): () => void {
  const entries = Object.entries(handlers) as Array<[string, LooseHandler]>;
  // The typed overloads take one literal event at a time: go through a loosely typed view of the same methods.
  const loose = socket as unknown as { on(event: string, handler: LooseHandler): void; off(event: string, handler: LooseHandler): void };
  for (const [event, handler] of entries) loose.on(event, handler);
  return () => {
    for (const [event, handler] of entries) loose.off(event, handler);
  };
}

/**
 * Listens to the tab's rights changes, whatever connection is open now or later (one listener for the app, set up
 * once); returns the unsubscribe.
 */
export function onRightsChanged(listener: (change: RightsChange) => void): () => void {
  rightsListeners.add(listener);
  return () => rightsListeners.delete(listener);
}

/** Tells this tab its rights changed, as the server's `rights:changed` does (after the user's own change, for instance). */
export function announceRightsChanged(change: RightsChange = { spaceId: null }): void {
  rightsChanged(change);
}

function subscribeRights(listener: () => void): () => void {
  rightsEpochListeners.add(listener);
  return () => rightsEpochListeners.delete(listener);
}

/**
 * A number that moves each time this tab's rights change: a page that joined a room (a console, a space) puts it in
 * its effect's dependencies to join again, on its new rights.
 */
export function useRightsEpoch(): number {
  return useSyncExternalStore(subscribeRights, () => rightsEpoch, () => 0);
}

/**
 * Emits on a socket and resolves with the server's ack, or an `UNAVAILABLE` failure when the socket is offline
 * or no answer came within `timeoutMs`: every feature's emit goes through here. A `RATE_LIMITED` answer is also
 * reported to the tab's rate-limit notice, which tells the user how long to wait.
 */
export async function emitWithAck<R>(socket: { connected: boolean; timeout(ms: number): unknown } | null | undefined, event: string, payload: unknown, timeoutMs = ACK_TIMEOUT_MS): Promise<Ack<R>> {
  if (!socket?.connected) return { ok: false, code: 'UNAVAILABLE', message: 'offline' };
  let answer: Ack<R>;
  try {
    // The typed overloads do not accept a generic event name: call through a loosely typed view of the same method.
    const timed = socket.timeout(timeoutMs) as unknown as { emitWithAck(name: string, body: unknown): Promise<Ack<R>> };
    answer = await timed.emitWithAck(event, payload);
  } catch {
    return { ok: false, code: 'UNAVAILABLE', message: 'no answer' };
  }
  if (answer && !answer.ok && answer.code === 'RATE_LIMITED') reportRateLimited(answer.retryAfterMs);
  return answer;
}
