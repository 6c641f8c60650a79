/** The chat's audit event names (composed into `AUDIT_EVENTS` in shared/audit/events.ts). */
export const CHAT_AUDIT_EVENTS = [] as const;
