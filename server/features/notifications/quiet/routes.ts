import { Router } from 'express';
import { SchoolNotificationSettingsSchema } from '../../../../shared/notifications/schemas';
import type { Availability, SchoolNotificationSettings } from '../../../../shared/notifications/types';
import { can } from '../../../../shared/policy/can';
import { auditedChange } from '../../../audit/command';
import { serverNow } from '../../../clock';
import type { ServerContext } from '../../../context';
import { auditActorOf, type AuthedRequestState } from '../../../http/request-state';
import { defineRoute, notFound, type RouteRuntime } from '../../../http/route';
import type { UserDoc } from '../../directory/model';
import { loadSchoolSettings, saveSchoolSettings } from '../preferences';
import { heldUntil } from './hold';

/** Replaces the school's notification settings (the director), audited in the same transaction. */
async function changeSchoolSettings(ctx: ServerContext, state: AuthedRequestState, next: SchoolNotificationSettings): Promise<SchoolNotificationSettings> {
  const schoolId = state.user.schoolId;
  await auditedChange(ctx, async (record) => {
    const current = await loadSchoolSettings(ctx, schoolId);
    await saveSchoolSettings(ctx, schoolId, next, serverNow(ctx));
    await record({
      schoolId,
      actor: auditActorOf(state),
      origin: 'http',
      event: 'notifications.school_settings_changed',
      target: { type: 'school', id: schoolId, ownerId: null },
      change: { fields: (['quietHours', 'holidays'] as const).filter((key) => JSON.stringify(current[key]) !== JSON.stringify(next[key])), before: current, after: next },
      reason: `${next.holidays.length} holidays`,
    });
  });
  return loadSchoolSettings(ctx, schoolId);
}

/**
 * `GET`/`PUT /api/notifications/school`: the director's default quiet hours per profile and the school's holidays.
 * `GET /api/notifications/availability/:userId`: whether someone of my school receives notifications now, and
 * until when they do not (« Claire Fontaine ne reçoit pas de notification en ce moment (jusqu'à 7 h 30) »); a
 * pupil's, only to whoever may read the pupil.
 */
export function quietRoutes(ctx: ServerContext, runtime: RouteRuntime): Router {
  const router = Router();
  const directorOnly = { check: (state: AuthedRequestState) => ({ action: 'moderate' as const, resource: { type: 'school' as const, schoolId: state.user.schoolId } }) };
  defineRoute(router, runtime, {
    method: 'get',
    path: '/notifications/school',
    policy: directorOnly,
    handler: ({ state }) => loadSchoolSettings(ctx, state.user!.schoolId),
  });
  defineRoute(router, runtime, {
    method: 'put',
    path: '/notifications/school',
    body: SchoolNotificationSettingsSchema,
    policy: directorOnly,
    handler: ({ state, body }) => changeSchoolSettings(ctx, state as AuthedRequestState, body),
  });
  defineRoute<undefined, undefined, Availability, UserDoc>(router, runtime, {
    method: 'get',
    path: '/notifications/availability/:userId',
    policy: {
      // Anyone of the same school (the school's rule checks it): someone of another school is refused, not told.
      async check(_state, { params }) {
        const user = await ctx.services.directory.users.findOne({ _id: params.userId ?? '' });
        if (!user || user.status !== 'active') notFound('User');
        return { action: 'read', resource: { type: 'school', schoolId: user.schoolId }, subject: user };
      },
    },
    handler: async ({ subject, state }) => {
      // A pupil's own quiet hours are told only to whoever may read that pupil (their teachers, parents, the
      // direction); anyone else is answered as if the pupil were available: nothing of a child's evenings leaks.
      const pupil = subject.profiles.includes('pupil');
      const told = !pupil || can((state as AuthedRequestState).actor, 'read', { type: 'user', schoolId: subject.schoolId, userId: subject._id, profiles: subject.profiles });
      return { userId: subject._id, quietUntil: told ? await heldUntil(ctx, subject, serverNow(ctx)) : null };
    },
  });
  return router;
}
