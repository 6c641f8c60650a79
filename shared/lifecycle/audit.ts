/**
 * Loss of eligibility's audit event names (composed into `AUDIT_EVENTS` in shared/audit/events.ts). The erasure's
 * entry names the person's pseudonym only, never their id, name or login.
 */
export const LIFECYCLE_AUDIT_EVENTS = [
  // The director removed someone from the school: disabled at once, erased after the school's delay.
  'user.removed',
  // Someone (their guardian, the director) objected to keeping their contributions to shared spaces, or withdrew it.
  'user.objection_changed',
  // The deletion job erased a departed person's data (by their pseudonym).
  'user.erased',
  // The director changed the school's delay between a removal and the erasure.
  'lifecycle.settings_changed',
] as const;
