/** The pad's audit event names (composed into `AUDIT_EVENTS` in shared/audit/events.ts). */
export const PAD_AUDIT_EVENTS = [
  /** One user's edits in one pad, coalesced over PAD_EDIT_AUDIT_WINDOW_MS. */
  'pad.edited',
  'pad.version_created',
  'pad.version_restored',
  'pad.redacted',
] as const;
