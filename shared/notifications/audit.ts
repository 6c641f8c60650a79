/**
 * The notifications' audit event names (composed into `AUDIT_EVENTS` in shared/audit/events.ts). Reading and
 * popping notifications is not audited; settings and preferences changes are.
 */
export const NOTIFICATION_AUDIT_EVENTS = [
  // The director changed the school's default quiet hours per profile or its holidays.
  'notifications.school_settings_changed',
  // Someone turned e-mail summaries off through the one-click link of an e-mail (no session: the signed link).
  'notifications.email_unsubscribed',
  // Someone changed their own notification preferences (kinds, spaces, quiet hours, e-mail).
  'notifications.preferences_changed',
] as const;
