import type { AuditOrigin } from '../../../shared/audit/events';
import { AppError } from '../../../shared/errors';
import type { ResourceOf } from '../../../shared/policy/resources';
import { wallSettingsOf, type WallSettings } from '../../../shared/wall/settings';
import { wallRights, type WallRights } from '../../../shared/wall/policy';
import type { ServerContext } from '../../context';
import type { AuthedRequestState } from '../../http/request-state';
import { deny } from '../auth/runtime';
import type { SpaceDoc } from '../spaces/model';
import { spaceResource } from '../spaces/model';
import { loadSpace } from '../spaces/service';

/** A wall as one operation sees it: the space, its settings, and the caller's rights on it. */
export interface WallAccess {
  space: SpaceDoc;
  resource: ResourceOf<'space'>;
  settings: WallSettings;
  rights: WallRights;
  classId: string | null;
}

/**
 * Spaces read by wall operations, kept for a moment: at 30 operations a second on one wall, reading the space
 * twice per operation (policy, then handler) was most of the work. A change on this node drops the entry at once
 * (the spaces feature announces it on the bus); a change made on another node is seen within SPACE_CACHE_MS.
 */
const SPACE_CACHE_MS = 2_000;
const SPACE_CACHE_MAX = 5_000;
const spaceCache = new Map<string, { space: SpaceDoc; at: number }>();
const watchedBuses = new WeakSet<object>();

/** A space of the caller's school, through the short cache (NOT_FOUND as `loadSpace`). */
export async function cachedSpace(ctx: ServerContext, spaceId: string, schoolId: string): Promise<SpaceDoc> {
  if (!watchedBuses.has(ctx.services.bus)) {
    watchedBuses.add(ctx.services.bus);
    ctx.services.bus.on('space.updated', (summary) => spaceCache.delete(summary.id));
  }
  const hit = spaceCache.get(spaceId);
  if (hit && Date.now() - hit.at < SPACE_CACHE_MS && hit.space.schoolId === schoolId) return hit.space;
  const space = await loadSpace(ctx, spaceId, schoolId);
  if (spaceCache.size >= SPACE_CACHE_MAX) spaceCache.delete(spaceCache.keys().next().value!);
  spaceCache.set(spaceId, { space, at: Date.now() });
  return space;
}

/** Loads a wall of the caller's school (NOT_FOUND for anything else, another kind of space included). */
export async function loadWall(ctx: ServerContext, state: AuthedRequestState, spaceId: string): Promise<WallAccess> {
  const space = await cachedSpace(ctx, spaceId, state.user.schoolId);
  if (space.kind !== 'wall') throw new AppError('NOT_FOUND', 'Wall not found');
  const resource = spaceResource(space) as ResourceOf<'space'>;
  const settings = wallSettingsOf(space.settings);
  return {
    space,
    resource,
    settings,
    rights: wallRights(state.actor, resource, settings),
    classId: space.scope.kind === 'class' ? space.scope.classId : null,
  };
}

/**
 * Refuses an operation that `can()` allowed on the space but the wall's own rules do not (someone else's card,
 * comments off…): the denial is audited like every other (BRIEF checklist 7), then thrown.
 */
export async function refuse(
  ctx: ServerContext,
  state: AuthedRequestState,
  origin: AuditOrigin,
  wall: WallAccess,
  action: string,
  target?: { type: string; id: string; ownerId: string | null },
): Promise<never> {
  throw await deny(ctx, state, origin, 'FORBIDDEN', {
    action,
    target: target ?? { type: 'wall', id: wall.space._id, ownerId: wall.space.ownerId },
    classId: wall.classId,
    spaceId: wall.space._id,
  });
}
