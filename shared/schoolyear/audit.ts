/** The new school year's audit events (composed into `AUDIT_EVENTS` in shared/audit/events.ts). */
export const SCHOOLYEAR_AUDIT_EVENTS = [
  // The director opened a new school year (« bascule de rentrée »): one entry on the school, with the year.
  'schoolyear.opened',
  // Last year's class became an archive: read-only, visible to its former members until a date.
  'schoolyear.class_archived',
  // A pupil went to their new class (or to none: « sans classe »).
  'schoolyear.pupil_moved',
  // A teacher was given a class of the new year.
  'schoolyear.teacher_assigned',
  // A space's pupil moderators were all revoked for the new year.
  'schoolyear.moderators_reset',
] as const;
