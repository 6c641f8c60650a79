import { describe, expect, it } from 'vitest';
import { nextWeekStart, weekBefore, weekStartOf } from './week';

const at = (iso: string) => Date.parse(iso);

describe('weeks in Paris time', () => {
  it('starts on Monday at midnight in Paris, in winter (UTC+1) and in summer (UTC+2)', () => {
    // Wednesday 9 December 2026 → Monday 7 December 00:00 Paris = Sunday 23:00 UTC.
    expect(weekStartOf(at('2026-12-09T10:00:00Z'))).toBe(at('2026-12-06T23:00:00Z'));
    // Thursday 18 June 2026 → Monday 15 June 00:00 Paris = Sunday 22:00 UTC.
    expect(weekStartOf(at('2026-06-18T10:00:00Z'))).toBe(at('2026-06-14T22:00:00Z'));
  });

  it('puts Sunday 23:30 and Monday 00:00 in Paris in different weeks', () => {
    const monday = at('2026-12-06T23:00:00Z');
    expect(weekStartOf(monday)).toBe(monday);
    expect(weekStartOf(monday - 1)).toBe(at('2026-11-29T23:00:00Z'));
    expect(weekStartOf(at('2026-12-06T22:30:00Z'))).toBe(at('2026-11-29T23:00:00Z'));
  });

  it('has 167 hours in the week of the spring change and 169 in that of the autumn change', () => {
    // Clocks go forward on Sunday 29 March 2026 and back on Sunday 25 October 2026.
    const spring = weekStartOf(at('2026-03-25T12:00:00Z'));
    expect(spring).toBe(at('2026-03-22T23:00:00Z'));
    expect(nextWeekStart(spring)).toBe(at('2026-03-29T22:00:00Z'));
    const autumn = weekStartOf(at('2026-10-21T12:00:00Z'));
    expect(autumn).toBe(at('2026-10-18T22:00:00Z'));
    expect(nextWeekStart(autumn)).toBe(at('2026-10-25T23:00:00Z'));
    expect((nextWeekStart(autumn) - autumn) / 3_600_000).toBe(169);
  });

  it('pages back one week at a time', () => {
    const now = at('2026-12-09T10:00:00Z');
    const current = weekBefore(now);
    expect(current).toEqual({ start: at('2026-12-06T23:00:00Z'), end: at('2026-12-13T23:00:00Z') });
    expect(weekBefore(current.start)).toEqual({ start: at('2026-11-29T23:00:00Z'), end: current.start });
  });
});
