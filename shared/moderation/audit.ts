/** Moderation's audit event names (composed into `AUDIT_EVENTS` in shared/audit/events.ts). */
export const MODERATION_AUDIT_EVENTS = [
  'moderation.designated',
  'moderation.revoked',
  'activity.read',
  'evidence.read',
  'evidence.purged',
] as const;
