import { describe, expect, it } from 'vitest';
import { dayName, formatDay, formatTime, groupByDay, parisDay, previousDay } from './days';

/** An instant given as Paris wall-clock time with its UTC offset, as people read it on the day. */
const at = (iso: string) => Date.parse(iso);

describe('the centre groups notifications by Paris day', () => {
  it('puts an instant on its Paris day, not the machine’s nor UTC’s', () => {
    // 23:30 UTC on 30 November is already 1 December in Paris (UTC+1 in winter).
    expect(parisDay(at('2026-11-30T23:30:00Z'))).toBe('2026-12-01');
    // 22:30 UTC in July is 00:30 the next day in Paris (UTC+2 in summer).
    expect(parisDay(at('2026-07-14T22:30:00Z'))).toBe('2026-07-15');
  });

  it('counts the day before on the calendar, across months and years', () => {
    expect(previousDay('2026-12-01')).toBe('2026-11-30');
    expect(previousDay('2027-01-01')).toBe('2026-12-31');
    expect(previousDay('2028-03-01')).toBe('2028-02-29');
  });

  it('keeps the order, newest first, in one group per day', () => {
    const items = [
      { id: 'a', lastAt: at('2026-12-07T09:00:00+01:00') },
      { id: 'b', lastAt: at('2026-12-07T00:10:00+01:00') },
      { id: 'c', lastAt: at('2026-12-06T23:50:00+01:00') },
      { id: 'd', lastAt: at('2026-11-30T12:00:00+01:00') },
    ];
    expect(groupByDay(items).map((group) => [group.day, group.items.map((item) => item.id)])).toEqual([
      ['2026-12-07', ['a', 'b']],
      ['2026-12-06', ['c']],
      ['2026-11-30', ['d']],
    ]);
  });

  it('names today and yesterday, and says other days as dates (« lundi 30 novembre »)', () => {
    const now = at('2026-12-07T10:00:00+01:00');
    expect(dayName('2026-12-07', now)).toBe('today');
    expect(dayName('2026-12-06', now)).toBe('yesterday');
    expect(dayName('2026-11-30', now)).toBe('other');
    expect(formatDay('2026-11-30', now, 'fr')).toBe('lundi 30 novembre');
    expect(formatDay('2025-11-30', now, 'fr')).toBe('dimanche 30 novembre 2025');
    expect(formatDay('2026-11-30', now, 'en')).toBe('Monday, November 30');
  });

  it('is right on the 23-hour day of the spring change (29 March 2026)', () => {
    // Clocks go from 02:00 to 03:00 in Paris: the day lasts 23 hours.
    const now = at('2026-03-29T23:30:00+02:00');
    const earlyThatDay = at('2026-03-29T00:15:00+01:00'); // 23 h 15 before: still today
    const lateTheDayBefore = at('2026-03-28T23:45:00+01:00'); // 22 h 45 before: yesterday
    expect(dayName(parisDay(earlyThatDay), now)).toBe('today');
    expect(dayName(parisDay(lateTheDayBefore), now)).toBe('yesterday');
    expect(formatTime(earlyThatDay, 'fr')).toBe('00:15');
    expect(formatTime(at('2026-03-29T03:05:00+02:00'), 'fr')).toBe('03:05');
    // Just after midnight the next day, 24 hours back is still the 28th: the 29th is yesterday all the same.
    expect(dayName('2026-03-29', at('2026-03-30T00:30:00+02:00'))).toBe('yesterday');
  });

  it('is right on the 25-hour day of the autumn change (25 October 2026)', () => {
    // Clocks go from 03:00 back to 02:00: an instant 24 h 30 before now is still the same day.
    const now = at('2026-10-25T23:30:00+01:00');
    const morning = at('2026-10-25T00:00:00+02:00');
    expect(now - morning).toBe(24.5 * 60 * 60 * 1000);
    expect(dayName(parisDay(morning), now)).toBe('today');
    expect(dayName(parisDay(at('2026-10-24T23:59:00+02:00')), now)).toBe('yesterday');
    // Both 02:30 happen that night; each one is told at its own wall-clock time.
    expect(formatTime(at('2026-10-25T02:30:00+02:00'), 'fr')).toBe('02:30');
    expect(formatTime(at('2026-10-25T02:30:00+01:00'), 'fr')).toBe('02:30');
    expect(groupByDay([{ lastAt: at('2026-10-25T02:30:00+01:00') }, { lastAt: at('2026-10-25T02:30:00+02:00') }])).toHaveLength(1);
  });
});
