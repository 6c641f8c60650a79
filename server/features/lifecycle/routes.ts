import { Router } from 'express';
import { AppError } from '../../../shared/errors';
import { DeletionDelaySchema, ObjectionSchema } from '../../../shared/lifecycle/schemas';
import type { ServerContext } from '../../context';
import { defineRoute, type PolicyQuestion, type RouteRuntime } from '../../http/route';
import type { AuthedRequestState } from '../../http/request-state';
import type { UserDoc } from '../directory/model';
import { authorOf } from '../directory/service';
import { setObjection } from './remove';
import { deletionDelayChanger } from './settings';
import { deletionDelayDays } from './model';

/**
 * A removed person's objection to keeping their contributions to shared spaces (issue 17, Deliver 3): asked by
 * whoever may download their data (their guardians: `exportData`) or by the direction (`administer`), until the
 * erasure.
 */
export function lifecycleRoutes(ctx: ServerContext, runtime: RouteRuntime): Router {
  const router = Router();
  const { directory } = ctx.services;

  async function aboutPerson(state: AuthedRequestState, userId: string): Promise<PolicyQuestion<UserDoc>> {
    const found = await directory.users.findOne({ _id: userId, schoolId: state.user.schoolId });
    if (!found) throw new AppError('NOT_FOUND', 'User not found');
    const resource = { type: 'user' as const, schoolId: found.schoolId, userId: found._id, profiles: found.profiles };
    const direction = state.actor.profiles.some((profile) => profile === 'director');
    return direction ? { action: 'suspend', resource, subject: found } : { action: 'exportData', resource, subject: found };
  }

  defineRoute(router, runtime, {
    method: 'post',
    path: '/lifecycle/users/:id/objection',
    policy: { check: (state, { params }) => aboutPerson(state as AuthedRequestState, params.id ?? '') },
    body: ObjectionSchema,
    handler: ({ body, state, subject }) => setObjection(ctx, authorOf(state), subject, body.objectsToKeeping),
  });
  // The school's delay between a removal and the erasure (default and at most 90 days), for the direction.
  const administer = (state: unknown): PolicyQuestion<undefined> => ({ action: 'administer', resource: { type: 'administration', schoolId: (state as AuthedRequestState).user.schoolId } });
  defineRoute(router, runtime, {
    method: 'get',
    path: '/lifecycle/settings',
    policy: { check: administer },
    handler: async ({ state }) => ({ deletionDelayDays: await deletionDelayDays(ctx, (state as AuthedRequestState).user.schoolId) }),
  });
  defineRoute(router, runtime, {
    method: 'put',
    path: '/lifecycle/settings',
    policy: { check: administer },
    body: DeletionDelaySchema,
    handler: ({ state, body }) => deletionDelayChanger(ctx, authorOf(state), body.deletionDelayDays),
  });
  return router;
}
