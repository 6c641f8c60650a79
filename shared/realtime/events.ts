import { z } from 'zod';
import type { AckCallback } from './ack';
import type { SessionEndReason } from '../identity/session-end';
import { spaceClientEvents, type SpaceClientResults, type SpaceServerEvents } from '../spaces/events';
import { chatClientEvents, type ChatClientResults, type ChatServerEvents } from '../chat/events';
import { forumClientEvents, type ForumClientResults, type ForumServerEvents } from '../forum/events';
import { moderationClientEvents, type ModerationClientResults, type ModerationServerEvents } from '../moderation/events';
import { wallClientEvents, type WallClientResults, type WallServerEvents } from '../wall/events';
import { padClientEvents, type PadClientResults, type PadServerEvents } from '../pad/events';
import { notificationClientEvents, type NotificationClientResults, type NotificationServerEvents } from '../notifications/events';

/**
 * The Socket.IO contract, typed once for the server and the client.
 * Every client-to-server event has a zod schema in `clientEventSchemas`; the gateway refuses to register a
 * handler for an event without one, and validates every payload against it before the handler runs.
 */
const systemClientEvents = {
  /** A round-trip check used by clients to measure latency and by tests. */
  'system:ping': z.object({ sentAt: z.number().int().nonnegative() }).strict(),
} as const;

/** Every feature's events, composed: each feature owns `shared/<feature>/events.ts`. */
export const clientEventSchemas = {
  ...systemClientEvents,
  ...spaceClientEvents,
  ...chatClientEvents,
  ...forumClientEvents,
  ...moderationClientEvents,
  ...wallClientEvents,
  ...padClientEvents,
  ...notificationClientEvents,
} as const;

export type ClientEventName = keyof typeof clientEventSchemas;
export type ClientEventPayload<E extends ClientEventName> = z.infer<(typeof clientEventSchemas)[E]>;

/** What each client-to-server event answers through its ack. */
interface SystemClientResults {
  'system:ping': { sentAt: number; serverTime: number };
}

export interface ClientEventResults extends SystemClientResults, SpaceClientResults, ChatClientResults, ForumClientResults, ModerationClientResults, WallClientResults, PadClientResults, NotificationClientResults {}

export type ClientToServerEvents = {
  [E in ClientEventName]: (payload: ClientEventPayload<E>, ack: AckCallback<ClientEventResults[E]>) => void;
};

interface SystemServerEvents {
  /** Sent before the server closes for a restart: reconnect after `reconnectInMs`. */
  'system:shutdown': (info: { reconnectInMs: number }) => void;
  /** This connection's session ended (signed out, revoked, expired…): the server disconnects it right after. */
  'session:ended': (info: { reason: SessionEndReason }) => void;
  /** A notification for this user (moderation outcomes, …), in words a child understands, chosen by code. */
  'notify': (notification: { code: string; params?: Record<string, string> }) => void;
}

export interface ServerToClientEvents extends SystemServerEvents, SpaceServerEvents, ChatServerEvents, ForumServerEvents, ModerationServerEvents, WallServerEvents, PadServerEvents, NotificationServerEvents {}
