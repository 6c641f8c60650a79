import { parisCalendar, type ParisCalendar } from '../chat/hours';
import type { QuietHours, SchoolHoliday } from './types';

/**
 * Quiet hours (the right to disconnect) on the Paris calendar (`NOTIFICATION_TIME_ZONE`, the chat's Paris clock),
 * pure: the server holds notifications with it, the client shows until when someone is quiet. Every local time is
 * turned into an instant through `Intl`, so the DST nights are right: on 2026-03-29 the clocks jump from 02:00 to
 * 03:00 (a local time in the gap is read as the same distance past it: 02:30 is 03:30), on 2026-10-25 they fall
 * back from 03:00 to 02:00 (a local time seen twice is its first occurrence).
 */

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
/** A quiet period is followed across at most this many joined parts (a year of holidays, weekends and nights). */
const MAX_JOINED_PARTS = 1_000;
/** At most this many held notifications released per run of the release job (the next run takes the rest). */
export const QUIET_RELEASE_BATCH = 5_000;

export type { ParisCalendar };
export { parisCalendar };

/** `YYYY-MM-DD` plus `days` calendar days (negative: before). */
export function addDays(date: string, days: number): string {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** The wall-clock reading of a Paris instant as if it were UTC, minus the instant: Paris's offset then. */
function offsetAt(instant: number): number {
  const { date, time } = parisCalendar(instant);
  return wallAsUtc(date, time) - Math.floor(instant / MINUTE_MS) * MINUTE_MS;
}

function wallAsUtc(date: string, time: string): number {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  return Date.UTC(year, month - 1, day, hour, minute);
}

/**
 * The instant a Paris wall clock reads `time` (`HH:MM`) on `date` (`YYYY-MM-DD`). A time that does not exist (the
 * spring-forward gap) is read with the offset before the change (02:30 → 03:30); one that happens twice (the
 * autumn night) is the first, or the first not before `notBefore`.
 */
export function parisInstant(date: string, time: string, notBefore = Number.NEGATIVE_INFINITY): number {
  const wall = wallAsUtc(date, time);
  // Paris changes its offset at most once a day: the offsets half a day either side are the only candidates.
  const before = offsetAt(wall - 12 * HOUR_MS);
  const after = offsetAt(wall + 12 * HOUR_MS);
  const fits = [wall - before, wall - after].filter((instant) => offsetAt(instant) === wall - instant);
  const later = fits.filter((instant) => instant >= notBefore);
  if (later.length > 0) return Math.min(...later);
  return fits.length > 0 ? Math.min(...fits) : wall - before;
}

/**
 * When the part of a quiet period that holds at `now` ends (the latest end among those that hold: a holiday, the
 * weekend, the night), or null when none holds.
 */
function quietPartEnd(now: number, hours: QuietHours | null, holidays: readonly SchoolHoliday[]): number | null {
  const { date, day, time } = parisCalendar(now);
  const ends: number[] = [];
  for (const holiday of holidays) {
    if (holiday.from <= date && date <= holiday.to) ends.push(parisInstant(addDays(holiday.to, 1), '00:00'));
  }
  if (hours) {
    if (hours.weekends && day >= 6) ends.push(parisInstant(addDays(date, 8 - day), '00:00'));
    if (hours.start < hours.end) {
      if (hours.start <= time && time < hours.end) ends.push(parisInstant(date, hours.end, now));
    } else if (hours.start > hours.end) {
      // Across midnight: the evening part ends tomorrow, the morning part today.
      if (time >= hours.start) ends.push(parisInstant(addDays(date, 1), hours.end));
      else if (time < hours.end) ends.push(parisInstant(date, hours.end, now));
    }
  }
  if (ends.length === 0) return null;
  // A local time in the spring gap can read as one already past: the part then ends now, never before it.
  return Math.max(now + 1, ...ends);
}

/**
 * Null when notifications may pop at `now`; otherwise the instant the quiet period that holds then ends, its
 * parts joined: a Friday evening (19:00), the weekend, and Monday's early hours end together on Monday at 07:30;
 * a holiday and the night after it end the next morning. Holidays are everyone's quiet period (`hours` null: a
 * person without quiet hours of their own, nor any from the school, is quiet during holidays only). Quiet hours
 * whose start equals their end are none.
 */
export function quietUntil(now: number, hours: QuietHours | null, holidays: readonly SchoolHoliday[]): number | null {
  let instant = now;
  for (let part = 0; part < MAX_JOINED_PARTS; part += 1) {
    const end = quietPartEnd(instant, hours, holidays);
    if (end === null) return instant === now ? null : instant;
    instant = end;
  }
  return instant;
}
