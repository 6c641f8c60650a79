import { Router } from 'express';
import { CreateSpaceSchema, UpdateSpaceSchema, type SpaceSummary } from '../../../shared/spaces/types';
import type { Resource } from '../../../shared/policy/resources';
import type { ServerContext } from '../../context';
import { auditActorOf } from '../../http/request-state';
import { defineRoute, type RouteRuntime } from '../../http/route';
import { presentSpace, spaceResource } from './model';
import { loadSpace, spaceCreator, spaceUpdater, visibleSpaces } from './service';

/** The resource a new space will be: `create` is asked on it, so only teachers of its scope (or the director) create. */
function futureSpace(schoolId: string, ownerId: string, body: { scope: Extract<Resource, { type: 'space' }>['scope'] }): Resource {
  return { type: 'space', schoolId, spaceId: 'new', scope: body.scope, ownerId, writers: 'teachers', parentsMayComment: false, locked: false };
}

/** Listing, creating and configuring spaces (walls, pads, forums, chats). */
export function spaceRoutes(ctx: ServerContext, runtime: RouteRuntime): Router {
  const router = Router();

  defineRoute(router, runtime, {
    method: 'get',
    path: '/spaces',
    policy: { signedIn: 'the list is filtered by `can(read)` for this user' },
    async handler({ state }): Promise<SpaceSummary[]> {
      return (await visibleSpaces(ctx, state.actor!)).map(presentSpace);
    },
  });

  defineRoute(router, runtime, {
    method: 'post',
    path: '/spaces',
    body: CreateSpaceSchema,
    policy: { check: (state, { body }) => ({ action: 'create', resource: futureSpace(state.user.schoolId, state.user._id, body) }) },
    async handler({ body, state, res }) {
      const space = await spaceCreator(ctx, state as Parameters<typeof spaceCreator>[1], body);
      res.status(201);
      return presentSpace(space);
    },
  });

  defineRoute(router, runtime, {
    method: 'get',
    path: '/spaces/:id',
    policy: { check: async (state, { params }) => ({ action: 'read', resource: spaceResource(await loadSpace(ctx, params.id ?? '', state.user.schoolId)) }) },
    async handler({ params, state }) {
      const space = await loadSpace(ctx, params.id ?? '', state.user!.schoolId);
      await ctx.services.audit.recordView({
        schoolId: space.schoolId,
        actor: auditActorOf(state),
        origin: 'http',
        target: { type: space.kind, id: space._id, ownerId: space.ownerId },
        context: { classId: space.scope.kind === 'class' ? space.scope.classId : null, spaceId: space._id },
      });
      return presentSpace(space);
    },
  });

  defineRoute(router, runtime, {
    method: 'patch',
    path: '/spaces/:id',
    body: UpdateSpaceSchema,
    policy: { check: async (state, { params }) => ({ action: 'configure', resource: spaceResource(await loadSpace(ctx, params.id ?? '', state.user.schoolId)) }) },
    async handler({ params, body, state }) {
      const space = await loadSpace(ctx, params.id ?? '', state.user!.schoolId);
      return spaceUpdater(ctx, 'http', state as Parameters<typeof spaceUpdater>[2], space, body);
    },
  });

  return router;
}
