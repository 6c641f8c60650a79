/** The display preferences' audit event (composed into `AUDIT_EVENTS` in shared/audit/events.ts), as for the other preferences. */
export const DISPLAY_AUDIT_EVENTS = [
  // Someone changed their own display preferences (font, text size, contrast).
  'display.preferences_changed',
] as const;
