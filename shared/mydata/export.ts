import type { AuditEventName } from '../audit/events';

/** The most audit entries about one person an export holds (the newest first): the log's retention bounds it too. */
export const MYDATA_AUDIT_MAX_ENTRIES = 5_000;

/**
 * The events that say someone read a person's data (« qui a consulté mes données »): an administrator's read of
 * the account, a teacher's read of a pupil's activity or of evidence, a view of their content, an export of it.
 */
export const MYDATA_READ_EVENTS = ['admin.read_personal', 'activity.read', 'evidence.read', 'content.viewed', 'mydata.exported'] as const satisfies readonly AuditEventName[];
