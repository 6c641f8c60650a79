import type { AuditEntry } from '../../shared/audit/events';
import type { ServerContext } from '../context';
import type { AuditInput } from './log';

/** Records one audit event inside the change's transaction. */
export type AuditRecorder = (input: AuditInput) => Promise<AuditEntry>;

/**
 * THE audit command of every feature: runs a change and records its audit event(s) in ONE store transaction,
 * so a change is never stored without its event, nor an event without its change (even across kill -9).
 * `change` writes, then calls `record` with what it did (the before/after contents are hashed by the log).
 * It may run again after a conflict with another process, so it must not broadcast or touch anything but the
 * store: broadcast what it returns, after it resolves.
 */
export function auditedChange<T>(ctx: ServerContext, change: (record: AuditRecorder) => Promise<T>): Promise<T> {
  return ctx.store.transaction(() => change((input) => ctx.services.audit.record(input)));
}
