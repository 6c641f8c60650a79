import type { Profile } from '../identity/profiles';
import type { QuietHours } from './types';

/** The time zone of quiet hours, holidays, days in the centre and daily summaries. */
export const NOTIFICATION_TIME_ZONE = 'Europe/Paris';

/** An unread notification keeps gathering items of its kind and space for this long after it was opened. */
export const NOTIFICATION_COALESCE_MS = 24 * 60 * 60 * 1000;
/** At most this many item references kept in one coalesced notification (its count goes on). */
export const NOTIFICATION_MAX_ITEMS = 20;
/** At most this many names of who acted kept in one notification. */
export const NOTIFICATION_MAX_NAMES = 5;
/** One page of the notification centre. */
export const NOTIFICATION_PAGE_SIZE = 30;
/** Notifications are kept this long, then purged. */
export const NOTIFICATION_RETENTION_MS = 90 * 24 * 60 * 60 * 1000;
/** How often held notifications are checked for the end of their quiet period, and summaries sent. */
export const NOTIFICATION_RELEASE_INTERVAL_MS = 60 * 1000;
/** At most this many held per-space entries gathered into one quiet-hours summary. */
export const QUIET_SUMMARY_MAX_KINDS = 20;
/** At most this many spaces in one person's preferences. */
export const NOTIFICATION_MAX_SPACE_PREFERENCES = 500;
/** Longest e-mail address kept for summaries. */
export const EMAIL_ADDRESS_MAX_CHARS = 254;
/** At most this many school holidays. */
export const SCHOOL_MAX_HOLIDAYS = 40;
/** Label of a school holiday. */
export const SCHOOL_HOLIDAY_LABEL_MAX_CHARS = 80;

/** Quiet hours of the staff by default (charter 001, right to disconnect): 19:00–07:30 and weekends. */
export const STAFF_QUIET_HOURS: QuietHours = { start: '19:00', end: '07:30', weekends: true };

/** The school's default quiet hours per profile until the director changes them; pupils and parents choose theirs. */
export const DEFAULT_QUIET_HOURS: Partial<Record<Profile, QuietHours | null>> = {
  teacher: STAFF_QUIET_HOURS,
  director: STAFF_QUIET_HOURS,
  staff: STAFF_QUIET_HOURS,
  admin: STAFF_QUIET_HOURS,
  pupil: null,
  parent: null,
  guest: null,
};
/** Audit entries are turned into notifications in batches at most this often (off the request path; one upsert per recipient and space per batch). */
export const NOTIFICATION_BATCH_MS = 1_500;
/**
 * Under load, the next batch waits until the last one's work is at most this share of the time (a batch that took
 * 300 ms is followed by one at least 2.7 s later), so notifications never take more than about a tenth of the
 * server: what waits is gathered into the next batch, nothing is dropped.
 */
export const NOTIFICATION_MAX_WORK_SHARE = 0.1;
/** However long batches take, the next one starts at most this long after the last. */
export const NOTIFICATION_BATCH_MAX_MS = 10_000;
/** At most this many recipients' notifications written in one store transaction. */
export const NOTIFICATION_WRITE_CHUNK = 10;
/** The people of a space's scope, as actors, are reloaded after this long (and at once on a rights or space change). */
export const NOTIFICATION_RECIPIENTS_TTL_MS = 30_000;
/** At most this many people told of a mention by one contribution (its first names and full names after « @ »). */
export const MENTION_MAX_PER_ITEM = 10;
