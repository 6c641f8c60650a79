/** Audit event names of spaces (composed into `AUDIT_EVENTS` in shared/audit/events.ts). */
export const SPACE_AUDIT_EVENTS = [
  'space.created',
  'space.updated',
  'space.locked',
  'space.unlocked',
  'space.viewed',
  'space.duplicated',
  'space.archived',
  'space.unarchived',
  'space.deleted',
  'space.restored',
  'space.purged',
  'space.co_owner_added',
  'space.co_owner_removed',
] as const;
