/** The pad's audit event names (composed into `AUDIT_EVENTS` in shared/audit/events.ts). */
export const PAD_AUDIT_EVENTS = [] as const;
