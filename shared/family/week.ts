import { FAMILY_TIME_ZONE } from './limits';

const DAY_MS = 86_400_000;

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: FAMILY_TIME_ZONE,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
  weekday: 'short',
  hourCycle: 'h23',
});

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** The wall-clock time in Paris of an instant, as if it were UTC (its fields), and its weekday (Monday = 0). */
function wallClock(ms: number): { wall: number; weekday: number } {
  const fields: Record<string, string> = {};
  for (const part of parts.formatToParts(new Date(ms))) fields[part.type] = part.value;
  const wall = Date.UTC(Number(fields.year), Number(fields.month) - 1, Number(fields.day), Number(fields.hour), Number(fields.minute), Number(fields.second));
  return { wall: wall + (ms % 1000 + 1000) % 1000, weekday: WEEKDAYS.indexOf(fields.weekday ?? 'Mon') };
}

/** The instant at which Paris' clocks show this wall-clock time (never in a DST gap: midnight is always there). */
function instantOf(wall: number): number {
  let guess = wall;
  // The offset at the guess, then at the corrected guess: two rounds settle across a DST change.
  for (let i = 0; i < 2; i += 1) guess = wall - (wallClock(guess).wall - guess);
  return guess;
}

/** The start of the week (Monday 00:00, Paris time) that holds this instant. */
export function weekStartOf(ms: number): number {
  const { wall, weekday } = wallClock(ms);
  const midnight = wall - (((wall % DAY_MS) + DAY_MS) % DAY_MS);
  return instantOf(midnight - weekday * DAY_MS);
}

/** The start of the week after the one starting at `weekStart` (7 days later on Paris' clocks: 167 or 169 hours across DST). */
export function nextWeekStart(weekStart: number): number {
  return weekStartOf(weekStart + 8 * DAY_MS);
}

/** The week a page covers: the one that holds the instant just before `before` (the current week without it). */
export function weekBefore(before: number): { start: number; end: number } {
  const start = weekStartOf(before - 1);
  return { start, end: nextWeekStart(start) };
}
