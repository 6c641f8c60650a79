/** The wall's audit event names (composed into `AUDIT_EVENTS` in shared/audit/events.ts). */
export const WALL_AUDIT_EVENTS = [] as const;
