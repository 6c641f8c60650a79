import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext } from '../../helpers/context';
import { STAFF_QUIET_HOURS } from '../../../shared/notifications/limits';
import type { ServerContext } from '../../../server/context';
import { DEFAULT_PREFERENCES, DEFAULT_SCHOOL_SETTINGS, saveSchoolSettings, savePreferences } from '../../../server/features/notifications/preferences';
import { heldUntil, heldUntilOf, type QuietPerson } from '../../../server/features/notifications/quiet/hold';

const utc = (iso: string): number => Date.parse(`${iso}Z`);
const teacher: QuietPerson = { _id: 'teacher', schoolId: 'school', profiles: ['teacher'] };
const parent: QuietPerson = { _id: 'parent', schoolId: 'school', profiles: ['parent'] };
const night: QuietPerson = { _id: 'night', schoolId: 'school', profiles: ['parent'] };
const elsewhere: QuietPerson = { _id: 'elsewhere', schoolId: 'other', profiles: ['parent'] };

describe('the quiet-hours hold, from the stored preferences and school settings', () => {
  let env: Awaited<ReturnType<typeof createTestContext>>;
  let ctx: ServerContext;
  beforeAll(async () => {
    env = await createTestContext();
    ctx = env.ctx;
    await saveSchoolSettings(ctx, 'school', { ...DEFAULT_SCHOOL_SETTINGS, holidays: [{ label: 'Noël', from: '2026-12-19', to: '2027-01-03' }] }, 0);
    await savePreferences(ctx, night, { ...DEFAULT_PREFERENCES, quietHours: { start: '21:00', end: '08:00', weekends: false } }, 0);
  });
  afterAll(async () => {
    await env.close();
  });

  it('holds by the school’s default for one’s profile, one’s own quiet hours, and the school’s holidays', async () => {
    const tuesdayEvening = utc('2026-12-08T21:00'); // 22:00 in Paris
    expect(await heldUntil(ctx, teacher, tuesdayEvening)).toBe(utc('2026-12-09T06:30'));
    expect(await heldUntil(ctx, parent, tuesdayEvening)).toBeNull();
    expect(await heldUntil(ctx, night, tuesdayEvening)).toBe(utc('2026-12-09T07:00'));
    const christmas = utc('2026-12-23T11:00');
    expect(await heldUntil(ctx, parent, christmas)).toBe(utc('2027-01-03T23:00'));
    // Another school has no holidays.
    expect(await heldUntil(ctx, elsewhere, christmas)).toBeNull();
  });

  it('decides for many at once, with preferences the caller already loaded', async () => {
    const tuesdayEvening = utc('2026-12-08T21:00');
    const held = await heldUntilOf(ctx, [teacher, parent, night, elsewhere], tuesdayEvening);
    expect(Object.fromEntries(held)).toEqual({ teacher: utc('2026-12-09T06:30'), parent: null, night: utc('2026-12-09T07:00'), elsewhere: null });
    const loaded = new Map([['parent', { ...DEFAULT_PREFERENCES, quietHours: STAFF_QUIET_HOURS }]]);
    expect((await heldUntilOf(ctx, [parent, night], tuesdayEvening, loaded)).get('parent')).toBe(utc('2026-12-09T06:30'));
  });
});
