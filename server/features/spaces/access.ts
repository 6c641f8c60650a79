import type { AuditOrigin } from '../../../shared/audit/events';
import { AppError } from '../../../shared/errors';
import type { Action, SpaceResource } from '../../../shared/policy/resources';
import type { SpaceKind } from '../../../shared/spaces/types';
import type { ServerContext } from '../../context';
import type { AuthedRequestState } from '../../http/request-state';
import type { PolicyQuestion } from '../../http/route';
import { deny } from '../auth/runtime';
import { spaceResource, type SpaceDoc } from './model';
import { loadSpace } from './service';

const NOT_FOUND: Record<SpaceKind, string> = { wall: 'Wall not found', pad: 'Pad not found', forum: 'Forum not found', chat: 'Chat room not found' };

/** The NOT_FOUND of a space of this kind (also for a space of another kind or school). */
export const spaceNotFound = (kind: SpaceKind): AppError => new AppError('NOT_FOUND', NOT_FOUND[kind]);

/** A space of this school and of this kind (any kind when null), or NOT_FOUND, also for another kind or school. */
export async function loadSpaceOfKind(ctx: ServerContext, spaceId: string, schoolId: string, kind: SpaceKind | null): Promise<SpaceDoc> {
  const space = await loadSpace(ctx, spaceId, schoolId).catch((error: unknown) => {
    if (kind && error instanceof AppError && error.code === 'NOT_FOUND') throw spaceNotFound(kind);
    throw error;
  });
  if (kind && space.kind !== kind) throw spaceNotFound(kind);
  return space;
}

/** How an edge gets the space it decides on, with its policy resource. */
export type SpaceLoader = (ctx: ServerContext, spaceId: string, schoolId: string, kind: SpaceKind | null) => Promise<{ space: SpaceDoc; resource: SpaceResource }>;

const freshSpace: SpaceLoader = async (ctx, spaceId, schoolId, kind) => {
  const space = await loadSpaceOfKind(ctx, spaceId, schoolId, kind);
  return { space, resource: spaceResource(space) };
};

/**
 * The policy question of an event or request on one space: the edge loads the space once (of `kind`, named by
 * the input), asks `action` on it (a function when the exact action depends on the space's settings or the
 * input), and hands the space to the handler as its subject. `load` is a fresh read unless a hot path passes
 * this node's live spaces (`askLiveSpace`).
 */
export function askSpace<I>(
  ctx: ServerContext,
  kind: SpaceKind | null,
  action: Action | ((space: SpaceDoc, input: I) => Action),
  idOf: (input: I) => string,
  load: SpaceLoader = freshSpace,
) {
  return async (state: AuthedRequestState, input: I): Promise<PolicyQuestion<SpaceDoc>> => {
    const { space, resource } = await load(ctx, idOf(input), state.user.schoolId, kind);
    return { action: typeof action === 'function' ? action(space, input) : action, resource, subject: space };
  };
}

/**
 * Refuses what `can()` allowed on the space but the item's own rules do not (someone else's message, the edit
 * window passed, comments off…): audited like every denial (BRIEF checklist 7), returned to be thrown.
 */
export async function refusal(
  ctx: ServerContext,
  state: AuthedRequestState,
  origin: AuditOrigin,
  space: SpaceDoc,
  action: string,
  target: { type: string; id: string | null; ownerId: string | null },
  message?: string,
): Promise<AppError> {
  const error = await deny(ctx, state, origin, 'FORBIDDEN', { action, target, classId: space.scope.kind === 'class' ? space.scope.classId : null, spaceId: space._id });
  return message ? new AppError(error.code, message) : error;
}
