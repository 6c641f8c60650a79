import { CHAT_TIME_ZONE } from './limits';
import type { ChatSettings, OpeningRange } from './settings';

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

const formatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: CHAT_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant on the Paris calendar: its day `YYYY-MM-DD`, ISO weekday (1 Monday … 7 Sunday) and `HH:MM`. */
export interface ParisCalendar {
  date: string;
  day: number;
  time: string;
}

/**
 * An instant on the Paris calendar, whatever the server's or the browser's zone: the one Paris clock of the chat's
 * opening hours and of notification quiet hours (shared/notifications/quiet.ts).
 */
export function parisCalendar(now: number): ParisCalendar {
  const parts = Object.fromEntries(formatter.formatToParts(new Date(now)).map((part) => [part.type, part.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, day: WEEKDAYS[parts.weekday ?? 'Mon'] ?? 1, time: `${parts.hour}:${parts.minute}` };
}

/** The ISO weekday and HH:MM of an instant in Paris time (whatever the server's or the browser's zone). */
export function parisClock(now: number): { day: number; time: string } {
  const { day, time } = parisCalendar(now);
  return { day, time };
}

/** Whether an instant falls in one of the ranges (an empty list means no restriction). */
export function withinOpeningHours(ranges: readonly OpeningRange[], now: number): boolean {
  if (ranges.length === 0) return true;
  const { day, time } = parisClock(now);
  return ranges.some((range) => range.day === day && range.from <= time && time < range.to);
}

/** Whether pupils and parents may post now: the room is open and within its opening hours. */
export function chatIsOpen(settings: Pick<ChatSettings, 'open' | 'openingHours'>, now: number): boolean {
  return settings.open && withinOpeningHours(settings.openingHours, now);
}
