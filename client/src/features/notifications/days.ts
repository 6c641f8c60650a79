import { NOTIFICATION_TIME_ZONE } from '../../../../shared/notifications/limits';

/** A calendar day in Paris, `YYYY-MM-DD`. */
export type ParisDay = string;

// `en-CA` writes dates as `YYYY-MM-DD`; the time zone, not the machine's, decides which day an instant belongs to.
const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: NOTIFICATION_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The Paris calendar day of an instant. */
export function parisDay(timestamp: number): ParisDay {
  return dayFormat.format(new Date(timestamp));
}

/**
 * The calendar day before `day`, counted on the calendar (never as `now - 24 h`, which is wrong on the 23-hour and
 * 25-hour days of the daylight-saving changes).
 */
export function previousDay(day: ParisDay): ParisDay {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date - 1)).toISOString().slice(0, 10);
}

/** One day of the centre's list: its notifications, newest first. */
export interface DayGroup<T> {
  day: ParisDay;
  items: T[];
}

/** Groups notifications (newest first) by their Paris day, keeping the order. */
export function groupByDay<T extends { lastAt: number }>(items: readonly T[]): DayGroup<T>[] {
  const groups: DayGroup<T>[] = [];
  for (const item of items) {
    const day = parisDay(item.lastAt);
    const last = groups.at(-1);
    if (last?.day === day) last.items.push(item);
    else groups.push({ day, items: [item] });
  }
  return groups;
}

/** What a day is called relative to today: `today`, `yesterday`, or `other` (then shown as a date). */
export type DayName = 'today' | 'yesterday' | 'other';

export function dayName(day: ParisDay, now: number): DayName {
  const today = parisDay(now);
  if (day === today) return 'today';
  if (day === previousDay(today)) return 'yesterday';
  return 'other';
}

/** A day as people say it (« lundi 30 novembre », with the year when it is not this year's). */
export function formatDay(day: ParisDay, now: number, language: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const sameYear = parisDay(now).slice(0, 4) === day.slice(0, 4);
  // Noon UTC of that date, formatted in UTC: the same calendar day whatever the zone.
  return new Intl.DateTimeFormat(language, { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', ...(sameYear ? {} : { year: 'numeric' }) }).format(
    new Date(Date.UTC(year, month - 1, date, 12)),
  );
}

/** The time of an instant in Paris (« 08:30 »). */
export function formatTime(timestamp: number, language: string): string {
  return new Intl.DateTimeFormat(language, { timeZone: NOTIFICATION_TIME_ZONE, hour: '2-digit', minute: '2-digit' }).format(new Date(timestamp));
}
