/** The forum's audit event names (composed into `AUDIT_EVENTS` in shared/audit/events.ts). */
export const FORUM_AUDIT_EVENTS = [] as const;
