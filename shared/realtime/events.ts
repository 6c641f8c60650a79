import { z } from 'zod';
import type { AckCallback } from './ack';

/**
 * The Socket.IO contract, typed once for the server and the client.
 * Every client-to-server event has a zod schema in `clientEventSchemas`; the gateway refuses to register a
 * handler for an event without one, and validates every payload against it before the handler runs.
 */
export const clientEventSchemas = {
  /** A round-trip check used by clients to measure latency and by tests. */
  'system:ping': z.object({ sentAt: z.number().int().nonnegative() }).strict(),
} as const;

export type ClientEventName = keyof typeof clientEventSchemas;
export type ClientEventPayload<E extends ClientEventName> = z.infer<(typeof clientEventSchemas)[E]>;

/** What each client-to-server event answers through its ack. */
export interface ClientEventResults {
  'system:ping': { sentAt: number; serverTime: number };
}

export type ClientToServerEvents = {
  [E in ClientEventName]: (payload: ClientEventPayload<E>, ack: AckCallback<ClientEventResults[E]>) => void;
};

export interface ServerToClientEvents {
  /** Sent before the server closes for a restart: reconnect after `reconnectInMs`. */
  'system:shutdown': (info: { reconnectInMs: number }) => void;
}
