import { AsyncLocalStorage } from 'node:async_hooks';
import type { AuditEntry } from '../../shared/audit/events';
import type { ServerContext } from '../context';
import type { AuditInput } from './log';

/** Records one audit event inside the change's transaction. */
export type AuditRecorder = (input: AuditInput) => Promise<AuditEntry>;

/** The entries recorded by the current attempt of the outermost audited change (a nested one adds to them). */
const attemptEntries = new AsyncLocalStorage<AuditEntry[]>();

/**
 * THE audit command of every feature: runs a change and records its audit event(s) in ONE store transaction,
 * so a change is never stored without its event, nor an event without its change (even across kill -9).
 * `change` writes, then calls `record` with what it did (the before/after contents are hashed by the log).
 * It may run again after a conflict with another process, so it must not broadcast or touch anything but the
 * store: broadcast what it returns, after it resolves.
 *
 * Once the transaction committed, the entries its committed attempt recorded (a retried attempt starts afresh) go
 * to the notification service, the same path as the audit: queued, never blocking nor failing the change.
 */
export async function auditedChange<T>(ctx: ServerContext, change: (record: AuditRecorder) => Promise<T>): Promise<T> {
  const outer = attemptEntries.getStore();
  const recorder: AuditRecorder = async (input) => {
    const entry = await ctx.services.audit.record(input);
    attemptEntries.getStore()?.push(entry);
    return entry;
  };
  // Nested in another audited change: its entries are that change's, told once the outer one commits.
  if (outer && ctx.store.inTransaction()) return ctx.store.transaction(() => change(recorder));
  let committed: AuditEntry[] = [];
  const result = await ctx.store.transaction(() => {
    const entries: AuditEntry[] = [];
    committed = entries;
    return attemptEntries.run(entries, () => change(recorder));
  });
  try {
    ctx.services.notifications.afterCommit(committed);
  } catch (error) {
    ctx.logger.error({ err: error }, 'notifications: the committed entries were not handed over');
  }
  return result;
}
