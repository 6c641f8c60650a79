import { Router } from 'express';
import { ArchiveSpaceSchema, CoOwnerSchema, type ColleagueView } from '../../../shared/spaces/lifecycle';
import type { SpaceSummary, SpaceView } from '../../../shared/spaces/types';
import type { ServerContext } from '../../context';
import type { AuthedRequestState } from '../../http/request-state';
import { defineRoute, type RouteRuntime } from '../../http/route';
import { askSpace } from './access';
import { coOwnerAdder, coOwnerRemover, colleaguesOf } from './co-owners';
import { binOf, loadBinnedSpace, spaceArchiver, spaceBinner, spaceRestorer } from './lifecycle';
import { presentSpaceFor, spaceResource, type SpaceDoc } from './model';

type Params = { params: Record<string, string> };

/**
 * A space's life, each asked `configure` of the policy table (its teachers, co-owners, the director): archive
 * and unarchive, the bin (delete, list, restore), co-owners. Registered before the routes of one space, so
 * `/spaces/bin` is never read as a space id.
 */
export function spaceLifecycleRoutes(ctx: ServerContext, runtime: RouteRuntime): Router {
  const router = Router();
  const configures = askSpace(ctx, null, 'configure', ({ params }: Params) => params.id ?? '');
  // The view answered once the change is made: the space as it is now, with the asker's rights in it.
  const viewed = (state: AuthedRequestState, space: SpaceDoc, summary: SpaceSummary): SpaceView => {
    const { id: _id, ...fields } = summary;
    return presentSpaceFor(state.actor, { ...space, ...fields });
  };

  defineRoute(router, runtime, {
    method: 'get',
    path: '/spaces/bin',
    policy: { signedIn: 'the bin lists only the deleted spaces this user may configure (`can(configure)`)' },
    async handler({ state }): Promise<SpaceView[]> {
      return (await binOf(ctx, state.actor!)).map((space) => presentSpaceFor(state.actor, space));
    },
  });

  defineRoute(router, runtime, {
    method: 'post',
    path: '/spaces/:id/archive',
    body: ArchiveSpaceSchema,
    policy: { check: configures },
    async handler({ body, state, subject }): Promise<SpaceView> {
      return viewed(state as AuthedRequestState, subject, await spaceArchiver(ctx, state as AuthedRequestState, subject, body.archived));
    },
  });

  defineRoute(router, runtime, {
    method: 'delete',
    path: '/spaces/:id',
    policy: { check: configures },
    async handler({ state, subject }): Promise<SpaceView> {
      return viewed(state as AuthedRequestState, subject, await spaceBinner(ctx, state as AuthedRequestState, subject));
    },
  });

  defineRoute(router, runtime, {
    method: 'post',
    path: '/spaces/:id/restore',
    policy: {
      check: async (state, { params }: Params) => {
        const space = await loadBinnedSpace(ctx, params.id ?? '', state.user.schoolId);
        return { action: 'configure', resource: spaceResource(space), subject: space };
      },
    },
    async handler({ state, subject }): Promise<SpaceView> {
      return viewed(state as AuthedRequestState, subject, await spaceRestorer(ctx, state as AuthedRequestState, subject));
    },
  });

  defineRoute(router, runtime, {
    method: 'get',
    path: '/spaces/:id/colleagues',
    policy: { check: configures },
    handler: ({ state, subject }): Promise<ColleagueView[]> => colleaguesOf(ctx, state as AuthedRequestState, subject),
  });

  defineRoute(router, runtime, {
    method: 'post',
    path: '/spaces/:id/co-owners',
    body: CoOwnerSchema,
    policy: { check: configures },
    async handler({ body, state, subject }): Promise<SpaceView> {
      return viewed(state as AuthedRequestState, subject, await coOwnerAdder(ctx, state as AuthedRequestState, subject, body.userId));
    },
  });

  defineRoute(router, runtime, {
    method: 'delete',
    path: '/spaces/:id/co-owners/:userId',
    policy: { check: configures },
    async handler({ params, state, subject }): Promise<SpaceView> {
      return viewed(state as AuthedRequestState, subject, await coOwnerRemover(ctx, state as AuthedRequestState, subject, params.userId ?? ''));
    },
  });

  return router;
}
