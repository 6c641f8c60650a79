/** Audit event names of spaces (composed into `AUDIT_EVENTS` in shared/audit/events.ts). */
export const SPACE_AUDIT_EVENTS = ['space.created', 'space.updated', 'space.locked', 'space.unlocked', 'space.viewed', 'space.duplicated'] as const;
