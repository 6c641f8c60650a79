import type { AuditEntry } from '../../../shared/audit/events';

/** The notification service as the rest of the server sees it. */
export interface Notifications {
  /** The audit entries of a change that committed: queued, turned into notifications off the request path. Never throws. */
  afterCommit(entries: readonly AuditEntry[]): void;
  /** Resolves once everything queued so far was delivered (shutdown, tests). */
  idle(): Promise<void>;
}

/** Does nothing: services built without a gateway (some tests), until the server wires the real one. */
export const NO_NOTIFICATIONS: Notifications = { afterCommit: () => undefined, idle: () => Promise.resolve() };
