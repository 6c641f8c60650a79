import { Router } from 'express';
import { CreateSpaceFromSchema } from '../../../shared/spaces/duplicate';
import { UpdateSpaceSchema, type CreateSpaceReq, type SpaceView } from '../../../shared/spaces/types';
import type { Resource } from '../../../shared/policy/resources';
import type { ServerContext } from '../../context';
import { auditActorOf, type AuthedRequestState } from '../../http/request-state';
import { defineRoute, type RouteRuntime } from '../../http/route';
import { askSpace } from './access';
import { spaceDuplicateRoutes } from './duplicate';
import { presentSpaceFor } from './model';
import { spaceAuditContext, spaceUpdater, visibleSpaces } from './service';
import { spaceFromCreator } from './templates';

/** The resource a new space will be: `create` is asked on it, so only teachers of its scope (or the director) create. */
function futureSpace(schoolId: string, ownerId: string, body: Pick<CreateSpaceReq, 'kind' | 'scope'>): Resource {
  return { type: 'space', schoolId, spaceId: 'new', kind: body.kind, scope: body.scope, ownerId, writers: 'teachers', parentsMayComment: false, parentsRead: true, locked: false, moderatorIds: [] };
}

/** Listing, creating and configuring spaces (walls, pads, forums, chats), each with the viewer's rights. */
export function spaceRoutes(ctx: ServerContext, runtime: RouteRuntime): Router {
  const router = Router();
  const byId = (action: 'read' | 'configure') => askSpace(ctx, null, action, ({ params }: { params: Record<string, string> }) => params.id ?? '');

  defineRoute(router, runtime, {
    method: 'get',
    path: '/spaces',
    policy: { signedIn: 'the list is filtered by `can(read)` for this user' },
    async handler({ state }): Promise<SpaceView[]> {
      return (await visibleSpaces(ctx, state.actor!)).map((space) => presentSpaceFor(state.actor, space));
    },
  });

  defineRoute(router, runtime, {
    method: 'post',
    path: '/spaces',
    body: CreateSpaceFromSchema,
    // From a space: `configure` on it too (a teacher starts only from a space they may configure).
    policy: {
      check: async (state, input) => {
        const create = { action: 'create' as const, resource: futureSpace(state.user.schoolId, state.user._id, input.body) };
        return input.body.fromSpaceId ? [create, await byId('configure')(state, { params: { id: input.body.fromSpaceId } })] : create;
      },
    },
    async handler({ body, state, res, subject }): Promise<SpaceView> {
      const space = await spaceFromCreator(ctx, state as AuthedRequestState, body, subject ?? null);
      res.status(201);
      return presentSpaceFor(state.actor, space);
    },
  });

  defineRoute(router, runtime, {
    method: 'get',
    path: '/spaces/:id',
    policy: { check: byId('read') },
    async handler({ state, subject: space }): Promise<SpaceView> {
      await ctx.services.audit.recordView({
        schoolId: space.schoolId,
        actor: auditActorOf(state),
        origin: 'http',
        target: { type: space.kind, id: space._id, ownerId: space.ownerId },
        context: spaceAuditContext(space),
      });
      return presentSpaceFor(state.actor, space);
    },
  });

  defineRoute(router, runtime, {
    method: 'patch',
    path: '/spaces/:id',
    body: UpdateSpaceSchema,
    policy: { check: byId('configure') },
    async handler({ body, state, subject: space }) {
      return spaceUpdater(ctx, 'http', state as AuthedRequestState, space, body);
    },
  });

  router.use(spaceDuplicateRoutes(ctx, runtime));
  return router;
}
