import { NOTIFICATION_TIME_ZONE } from '../../../../../shared/notifications/limits';
import type { FeatureT } from '../../../i18n/feature';
import { parisDay, previousDay } from '../days';

/** A time of day in Paris as people say it: « 7 h 30 », « 19 h » in French, « 7:30 AM » in English. */
export function sayTime(timestamp: number, language: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: NOTIFICATION_TIME_ZONE, hour: 'numeric', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(timestamp));
  const hour = Number(parts.find((part) => part.type === 'hour')?.value ?? 0);
  const minute = parts.find((part) => part.type === 'minute')?.value ?? '00';
  if (language.startsWith('fr')) return minute === '00' ? `${hour} h` : `${hour} h ${minute}`;
  return new Intl.DateTimeFormat(language, { timeZone: NOTIFICATION_TIME_ZONE, hour: 'numeric', minute: '2-digit' }).format(new Date(timestamp));
}

/**
 * Until when, relative to now, in Paris: « 7 h 30 » today, « demain à 7 h 30 », « lundi à 7 h 30 » within the week,
 * else « 4 janvier à 7 h 30 ». Days are counted on the calendar (right across the daylight-saving changes).
 */
export function sayUntil(t: FeatureT, until: number, now: number, language: string): string {
  const time = sayTime(until, language);
  const day = parisDay(until);
  const today = parisDay(now);
  if (day === today) return t('today', { time });
  if (previousDay(day) === today) return t('tomorrow', { time });
  let within = false;
  for (let next = day, steps = 0; steps < 6; steps += 1) {
    next = previousDay(next);
    if (next === today) within = true;
  }
  const options: Intl.DateTimeFormatOptions = within ? { weekday: 'long' } : { day: 'numeric', month: 'long' };
  const name = new Intl.DateTimeFormat(language, { timeZone: NOTIFICATION_TIME_ZONE, ...options }).format(new Date(until));
  return t(within ? 'weekday' : 'date', { day: name, time });
}
