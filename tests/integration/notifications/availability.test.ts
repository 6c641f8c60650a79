/**
 * Whether someone receives notifications now (`GET /api/notifications/availability/:userId`): an adult's quiet
 * hours are told to anyone of their school who writes to them; a pupil's own quiet hours only to those who may read
 * that pupil (their teachers, their parents, the direction). Anyone else is answered as if the pupil were
 * available: nothing about a child's evenings reaches a classmate or another family.
 */
import { describe, expect, it } from 'vitest';
import type { Availability } from '../../../shared/notifications/types';
import { useNotificationWorld } from './support';

describe('availability: an adult’s quiet hours for the school, a pupil’s only for those who may read the pupil', () => {
  const { world } = useNotificationWorld();

  it('tells a pupil’s quiet hours to her teacher and her parent, never to a classmate or another class’s teacher', async () => {
    const { browsers, ids } = world();
    // Léa keeps her notifications quiet all day, every day.
    const allDay = { kinds: {}, spaces: {}, quietHours: { start: '00:00', end: '23:59', weekends: true }, email: 'off', emailAddress: null, emailUrgent: false };
    expect((await browsers.pupil.send('PUT', '/api/notifications/preferences', allDay)).status).toBe(200);
    const of = async (persona: keyof typeof browsers) => (await browsers[persona].get<Availability>(`/api/notifications/availability/${ids.pupil}`)).body;

    for (const reader of ['teacher', 'parent', 'director'] as const) expect((await of(reader)).quietUntil, reader).toEqual(expect.any(Number));
    for (const other of ['pupilModerator', 'pupilOtherClass', 'teacherOtherClass'] as const) expect(await of(other), other).toEqual({ userId: ids.pupil, quietUntil: null });
  });

  it('tells a teacher’s quiet hours to anyone of her school', async () => {
    const { browsers, ids } = world();
    const allDay = { kinds: {}, spaces: {}, quietHours: { start: '00:00', end: '23:59', weekends: true }, email: 'off', emailAddress: null, emailUrgent: false };
    expect((await browsers.teacher.send('PUT', '/api/notifications/preferences', allDay)).status).toBe(200);
    for (const asker of ['pupil', 'pupilOtherClass', 'parent'] as const) {
      expect((await browsers[asker].get<Availability>(`/api/notifications/availability/${ids.teacher}`)).body.quietUntil, asker).toEqual(expect.any(Number));
    }
  });
});
