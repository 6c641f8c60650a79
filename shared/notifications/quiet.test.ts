import { describe, expect, it } from 'vitest';
import { CHAT_TIME_ZONE } from '../chat/limits';
import { NOTIFICATION_TIME_ZONE, STAFF_QUIET_HOURS } from './limits';
import { addDays, parisInstant, quietUntil } from './quiet';
import type { QuietHours, SchoolHoliday } from './types';

const utc = (iso: string): number => Date.parse(`${iso}Z`);
const NIGHTS_ONLY: QuietHours = { start: '19:00', end: '07:30', weekends: false };
const NONE: SchoolHoliday[] = [];

describe('the Paris calendar', () => {
  it('is the chat clock\'s zone (one Paris clock)', () => {
    expect(NOTIFICATION_TIME_ZONE).toBe(CHAT_TIME_ZONE);
  });

  it('adds calendar days across months and years', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('reads Paris wall clocks in winter and in summer time', () => {
    expect(parisInstant('2026-01-15', '07:30')).toBe(utc('2026-01-15T06:30'));
    expect(parisInstant('2026-07-15', '07:30')).toBe(utc('2026-07-15T05:30'));
  });

  it('reads a time in the spring-forward gap as the same distance past it', () => {
    expect(parisInstant('2026-03-29', '02:00')).toBe(utc('2026-03-29T01:00'));
    expect(parisInstant('2026-03-29', '02:30')).toBe(utc('2026-03-29T01:30'));
    expect(parisInstant('2026-03-29', '03:00')).toBe(utc('2026-03-29T01:00'));
  });

  it('reads a time seen twice in the autumn night as its first occurrence, or the first not before a given instant', () => {
    expect(parisInstant('2026-10-25', '02:30')).toBe(utc('2026-10-25T00:30'));
    expect(parisInstant('2026-10-25', '02:30', utc('2026-10-25T00:31'))).toBe(utc('2026-10-25T01:30'));
  });
});

describe('quietUntil', () => {
  it('lets notifications pop outside quiet hours', () => {
    // Tuesday 1 December 2026, 10:00 in Paris.
    expect(quietUntil(utc('2026-12-01T09:00'), STAFF_QUIET_HOURS, NONE)).toBeNull();
    // Friday 18:59 is still a working day.
    expect(quietUntil(utc('2026-12-04T17:59'), STAFF_QUIET_HOURS, NONE)).toBeNull();
    // No quiet hours, no holiday: never quiet.
    expect(quietUntil(utc('2026-12-05T23:00'), null, NONE)).toBeNull();
    // Quiet hours that start when they end are none.
    expect(quietUntil(utc('2026-12-01T21:00'), { start: '19:00', end: '19:00', weekends: false }, NONE)).toBeNull();
  });

  it('holds across midnight until the morning', () => {
    // Tuesday 22:00 → Wednesday 07:30 (winter: UTC+1).
    expect(quietUntil(utc('2026-12-01T21:00'), STAFF_QUIET_HOURS, NONE)).toBe(utc('2026-12-02T06:30'));
    // Wednesday 00:30 and 06:00 → the same morning.
    expect(quietUntil(utc('2026-12-01T23:30'), STAFF_QUIET_HOURS, NONE)).toBe(utc('2026-12-02T06:30'));
    expect(quietUntil(utc('2026-12-02T05:00'), STAFF_QUIET_HOURS, NONE)).toBe(utc('2026-12-02T06:30'));
    // 19:00 sharp is quiet, 07:30 sharp is not.
    expect(quietUntil(utc('2026-12-01T18:00'), STAFF_QUIET_HOURS, NONE)).toBe(utc('2026-12-02T06:30'));
    expect(quietUntil(utc('2026-12-02T06:30'), STAFF_QUIET_HOURS, NONE)).toBeNull();
  });

  it('holds a daytime range until its end', () => {
    const lunch: QuietHours = { start: '12:00', end: '13:30', weekends: false };
    expect(quietUntil(utc('2026-12-01T11:15'), lunch, NONE)).toBe(utc('2026-12-01T12:30'));
    expect(quietUntil(utc('2026-12-01T12:30'), lunch, NONE)).toBeNull();
  });

  it('joins Friday evening, the weekend and Monday morning: Friday 19:00 → Monday 07:30', () => {
    const monday = utc('2026-12-07T06:30');
    expect(quietUntil(utc('2026-12-04T18:00'), STAFF_QUIET_HOURS, NONE)).toBe(monday);
    expect(quietUntil(utc('2026-12-05T14:00'), STAFF_QUIET_HOURS, NONE)).toBe(monday);
    expect(quietUntil(utc('2026-12-06T23:30'), STAFF_QUIET_HOURS, NONE)).toBe(monday);
    // Without weekends, Saturday afternoon is not quiet, Saturday evening is until Sunday morning.
    expect(quietUntil(utc('2026-12-05T14:00'), NIGHTS_ONLY, NONE)).toBeNull();
    expect(quietUntil(utc('2026-12-05T20:00'), NIGHTS_ONLY, NONE)).toBe(utc('2026-12-06T06:30'));
    // Weekends without nights end on Monday at midnight.
    expect(quietUntil(utc('2026-12-05T14:00'), { start: '00:00', end: '00:00', weekends: true }, NONE)).toBe(utc('2026-12-06T23:00'));
  });

  it('joins a holiday with the weekends and nights around it', () => {
    const christmas: SchoolHoliday[] = [{ label: 'Vacances de Noël', from: '2026-12-19', to: '2027-01-03' }];
    // Friday 18 December 20:00 → Monday 4 January 07:30.
    expect(quietUntil(utc('2026-12-18T19:00'), STAFF_QUIET_HOURS, christmas)).toBe(utc('2027-01-04T06:30'));
    // A Wednesday of the holiday, at noon, for staff.
    expect(quietUntil(utc('2026-12-23T11:00'), STAFF_QUIET_HOURS, christmas)).toBe(utc('2027-01-04T06:30'));
    // A parent without quiet hours: quiet during the holiday only, until the midnight after its last day.
    expect(quietUntil(utc('2026-12-23T11:00'), null, christmas)).toBe(utc('2027-01-03T23:00'));
    expect(quietUntil(utc('2026-12-18T19:00'), null, christmas)).toBeNull();
    // Two holidays back to back are one period.
    const joined: SchoolHoliday[] = [
      { label: 'A', from: '2026-12-21', to: '2026-12-24' },
      { label: 'B', from: '2026-12-25', to: '2026-12-27' },
    ];
    expect(quietUntil(utc('2026-12-22T11:00'), null, joined)).toBe(utc('2026-12-27T23:00'));
  });

  it('ends the spring-forward night at 07:30 summer time (2026-03-29: one hour shorter)', () => {
    // Saturday 28 March 22:00 (UTC+1) → Sunday 29 March 07:30 (UTC+2): 8 h 30, not 9 h 30.
    const start = utc('2026-03-28T21:00');
    const end = quietUntil(start, NIGHTS_ONLY, NONE);
    expect(end).toBe(utc('2026-03-29T05:30'));
    expect((end ?? 0) - start).toBe(8.5 * 3600_000);
    // Staff: the weekend joins Monday 30 March 07:30 summer time.
    expect(quietUntil(start, STAFF_QUIET_HOURS, NONE)).toBe(utc('2026-03-30T05:30'));
    // A night that ends in the gap (02:30 does not exist) ends when the clocks read 03:30.
    expect(quietUntil(start, { start: '22:00', end: '02:30', weekends: false }, NONE)).toBe(utc('2026-03-29T01:30'));
    // Just after the change, 03:10 summer time, the night still holds.
    expect(quietUntil(utc('2026-03-29T01:10'), NIGHTS_ONLY, NONE)).toBe(utc('2026-03-29T05:30'));
  });

  it('ends the fall-back night at 07:30 winter time (2026-10-25: one hour longer)', () => {
    // Saturday 24 October 22:00 (UTC+2) → Sunday 25 October 07:30 (UTC+1): 10 h 30, not 9 h 30.
    const start = utc('2026-10-24T20:00');
    const end = quietUntil(start, NIGHTS_ONLY, NONE);
    expect(end).toBe(utc('2026-10-25T06:30'));
    expect((end ?? 0) - start).toBe(10.5 * 3600_000);
    // A night ending at 02:45, the hour seen twice: the first 02:30 ends at the first 02:45, the second at the second.
    const early: QuietHours = { start: '01:00', end: '02:45', weekends: false };
    expect(quietUntil(utc('2026-10-25T00:30'), early, NONE)).toBe(utc('2026-10-25T00:45'));
    expect(quietUntil(utc('2026-10-25T01:30'), early, NONE)).toBe(utc('2026-10-25T01:45'));
    // The Toussaint holiday (17 October – 1 November) spans the change: Friday 16 October 20:00 → Monday 2 November 07:30 winter time.
    const toussaint: SchoolHoliday[] = [{ label: 'Vacances de la Toussaint', from: '2026-10-17', to: '2026-11-01' }];
    expect(quietUntil(utc('2026-10-16T18:00'), STAFF_QUIET_HOURS, toussaint)).toBe(utc('2026-11-02T06:30'));
  });
});
