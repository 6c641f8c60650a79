import { Router } from 'express';
import type { YearSwitchPlan, YearSwitchState } from '../../../shared/schoolyear/types';
import { YearSwitchConfirmSchema, YearSwitchSchema } from '../../../shared/schoolyear/types';
import { serverNow } from '../../clock';
import type { ServerContext } from '../../context';
import type { AuthedRequestState } from '../../http/request-state';
import { defineRoute, type PolicyQuestion, type RouteRuntime } from '../../http/route';
import { authorOf } from '../directory/service';
import { openSchoolYear } from './apply';
import { planYearSwitch } from './plan';
import { yearSwitchState } from './state';

/**
 * The new school year (« Nouvelle année scolaire »), for the direction and the admin (`administer`): the year in
 * progress and its classes, the preview of a switch, and its confirmation (the preview's fingerprint).
 */
export function schoolYearRoutes(ctx: ServerContext, runtime: RouteRuntime): Router {
  const router = Router();
  const administer = (state: AuthedRequestState): PolicyQuestion<never> => ({
    action: 'administer',
    resource: { type: 'administration', schoolId: state.user.schoolId },
  });

  defineRoute(router, runtime, {
    method: 'get',
    path: '/admin/school-year',
    policy: { check: administer },
    handler: ({ state }): Promise<YearSwitchState> => yearSwitchState(ctx, state.user!.schoolId),
  });

  defineRoute(router, runtime, {
    method: 'post',
    path: '/admin/school-year/preview',
    body: YearSwitchSchema,
    policy: { check: administer },
    async handler({ body, state }): Promise<YearSwitchPlan> {
      return (await planYearSwitch(ctx, state.user!.schoolId, body, serverNow(ctx))).plan;
    },
  });

  defineRoute(router, runtime, {
    method: 'post',
    path: '/admin/school-year',
    body: YearSwitchConfirmSchema,
    policy: { check: administer },
    handler: ({ body, state }): Promise<YearSwitchPlan> => openSchoolYear(ctx, authorOf(state), body.plan, body.fingerprint),
  });

  return router;
}
