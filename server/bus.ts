import { EventEmitter } from 'node:events';
import type { SpaceSummary } from '../shared/spaces/types';

/** Server-internal events, so features react to each other without importing each other. */
export interface BusEvents {
  /** A space's settings changed: connections must re-evaluate their rights (pads re-check read-only). */
  'space.updated': [space: SpaceSummary];
  /** A user's rights changed (suspension, profiles, memberships, moderator designation). */
  'user.rightsChanged': [userId: string];
  /** A user's live connections must close (suspension, profiles removed): sockets and pad connections. */
  'user.disconnect': [userId: string, reason: string];
  /** Sessions ended (sign-out, password change, expiry…): their live connections close, told why. */
  'sessions.ended': [sessionIds: string[], reason: string];
  /**
   * This node may have missed changes made elsewhere (Redis came back after an outage, or the invalidation stream
   * was trimmed past its position): drop every cache and re-decide every live connection. Never relayed.
   */
  'cluster.resync': [];
}

export type BusEvent = keyof BusEvents;

/** The events every node must hear, whichever node made them (carried by the invalidation stream with REDIS_URL). */
export const CLUSTER_EVENTS: ReadonlySet<BusEvent> = new Set<BusEvent>(['space.updated', 'user.rightsChanged', 'user.disconnect', 'sessions.ended']);

/**
 * Where a node sends the events it emits, for the other nodes (`server/cluster/invalidation.ts`); resolves once
 * sent (or given up waiting: it is then sent when Redis is back), never rejects.
 */
export type BusRelay = <K extends BusEvent>(event: K, args: BusEvents[K]) => Promise<void>;

/**
 * The server bus. Listeners on this node run at once; with a relay (REDIS_URL), the `CLUSTER_EVENTS` are also sent
 * to every other node, which delivers them to its own listeners (`deliver`), so every node's caches and
 * connections follow a change made on any node.
 */
export class Bus extends EventEmitter<BusEvents> {
  private relay: BusRelay | undefined;

  /** Sends this node's cluster events to the other nodes from now on. */
  relayTo(relay: BusRelay | undefined): void {
    this.relay = relay;
  }

  /**
   * Runs this node's listeners, and relays the event to the other nodes when it concerns them. Awaited by the
   * change's caller before it answers, so a client told « done » finds the other nodes told too (unless Redis is
   * down: then the event follows when it is back).
   */
  async publish<K extends BusEvent>(event: K, ...args: BusEvents[K]): Promise<void> {
    this.deliver(event, args);
    if (this.relay && CLUSTER_EVENTS.has(event)) await this.relay(event, args);
  }

  /** Runs this node's listeners only (an event from another node, or one that concerns this node alone). */
  deliver<K extends BusEvent>(event: K, args: BusEvents[K]): void {
    (this.emit as (name: K, ...values: BusEvents[K]) => boolean)(event, ...args);
  }
}
