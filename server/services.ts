import type { AnchorOptions } from './audit/anchor';
import { AuditLog } from './audit/log';
import { Bus } from './bus';
import type { PreauServer } from './realtime/handlers';
import { initSpaces } from './features/spaces/model';
import { SessionStore, type SessionTimeouts } from './features/auth/sessions';
import type { SessionEndReason } from '../shared/identity/session-end';
import { CharterService } from './features/charter/service';
import { clockNow } from './clock';
import { DirectoryCollections } from './features/directory/model';
import { NO_NOTIFICATIONS, type Notifications } from './features/notifications/service';
import { createRateLimiters, type RateLimiters } from './ratelimit/limiters';
import type { Store } from './storage/port';

/** Closes live connections (Socket.IO and collab); wired once both servers exist. */
export interface LiveConnections {
  /** Every connection of a user (suspension, sign-out everywhere, profiles taken back). */
  disconnectUser(userId: string, reason: string): Promise<void>;
  /**
   * The connections of these sessions, which ended: called by every path that ends a session, after the deletion
   * committed (and by SessionWatch on expiry). They are told why, and closed for good (no reconnection).
   */
  disconnectSession(sessionIds: string | readonly string[], reason: SessionEndReason): Promise<void>;
}

/** The long-lived services every feature is built on, created once per process. */
export interface Services {
  audit: AuditLog;
  directory: DirectoryCollections;
  sessions: SessionStore;
  /** Every rate limit, by name (shared/ratelimit/limits.ts): memory on one node, Redis when REDIS_URL is set. */
  rateLimits: RateLimiters;
  charters: CharterService;
  live: LiveConnections;
  /** Server-internal events between features. */
  bus: Bus;
  /** The Socket.IO server, once it exists (null in tests that build services without a gateway). */
  realtime: { io: PreauServer | null };
  /** The notification service, fed by `auditedChange` once a change committed (a no-op until the server wires it). */
  notifications: Notifications;
}

/** `audit`: the audit key and checkpoint directory (the server always gives them; some tests do not). */
export async function createServices(
  store: Store,
  options: { rateLimits?: RateLimiters; sessionTimeouts?: SessionTimeouts; audit?: AnchorOptions } = {},
): Promise<Services> {
  const rateLimits = options.rateLimits ?? createRateLimiters();
  const services: Services = {
    audit: new AuditLog(store, { anchor: options.audit, viewGate: async (key) => (await rateLimits.consume('contentViewLog', key)).ok }),
    directory: new DirectoryCollections(store, () => clockNow(options.audit?.clockFile)),
    sessions: new SessionStore(store, options.sessionTimeouts),
    rateLimits,
    charters: new CharterService(store),
    live: { disconnectUser: () => Promise.resolve(), disconnectSession: () => Promise.resolve() },
    bus: new Bus(),
    realtime: { io: null },
    notifications: NO_NOTIFICATIONS,
  };
  await Promise.all([
    services.audit.init(),
    services.directory.init(),
    services.sessions.init(),
    services.charters.init(),
    initSpaces(store),
  ]);
  return services;
}
