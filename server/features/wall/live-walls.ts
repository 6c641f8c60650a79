import type { Actor } from '../../../shared/policy/actor';
import type { SpaceResource } from '../../../shared/policy/resources';
import { WALL_CACHE_MAX_WALLS, WALL_CACHE_TTL_MS } from '../../../shared/wall/limits';
import { wallRights, type WallRights } from '../../../shared/wall/policy';
import { wallSettingsOf, type WallSettings } from '../../../shared/wall/settings';
import type { ServerContext } from '../../context';
import { mutesCollection } from '../moderation/mutes';
import { loadSpaceOfKind } from '../spaces/access';
import { LiveCache } from '../spaces/live';
import { spaceResource, type SpaceDoc } from '../spaces/model';

/**
 * The walls this node serves, as last loaded: the space, its policy resource and parsed settings, who is muted in it,
 * and each actor's rights on it. Every wall operation decides on these (the policy check and the per-item rules still
 * run each time), instead of loading the space and the caller's mute and recomputing the rights per operation.
 *
 * Kept exact: every committed change of a space or of anyone's rights (settings, lock, writers, designation,
 * mutes, memberships, profiles) is announced on the bus after its commit and before it is acknowledged
 * (`space.updated`, `user.rightsChanged`, the events `server/realtime/rights.ts` follows), and drops every entry at
 * once; a load that started before a drop is not kept. Rights are kept per actor object, which `rights.ts` replaces
 * when a user's rights change, and carried over a reload for age when the space's version did not change (every
 * write of a space increments it). With several nodes those bus events must reach every node (issue 13, as for
 * `rights.ts`); entries are also reloaded after `WALL_CACHE_TTL_MS` whatever happens. The caching itself is
 * `LiveCache` (`spaces/live.ts`), as for chat and forum spaces.
 */
export interface LiveWall {
  space: SpaceDoc;
  resource: SpaceResource;
  settings: WallSettings;
  /** Until when each muted user is muted (ms since the epoch). */
  muted: ReadonlyMap<string, number>;
  rights: WeakMap<Actor, WallRights>;
}

export type LiveWalls = LiveCache<LiveWall>;

/** A reload for age only (no change announced) at the same version keeps the rights computed on the wall. */
export const carryRights = (kept: LiveWall, loaded: LiveWall): LiveWall => (kept.space.version === loaded.space.version ? { ...loaded, rights: kept.rights } : loaded);

/** The live walls of `load`, dropped only by `drop()` (`liveWalls` ties them to the bus). */
export function newLiveWalls(load: (spaceId: string, schoolId: string) => Promise<Omit<LiveWall, 'rights'>>, now?: () => number): LiveWalls {
  return new LiveCache<LiveWall>({
    load: async (spaceId, schoolId) => ({ ...(await load(spaceId, schoolId)), rights: new WeakMap() }),
    ttlMs: WALL_CACHE_TTL_MS,
    maxEntries: WALL_CACHE_MAX_WALLS,
    carry: carryRights,
    ...(now ? { now } : {}),
  });
}

/** The rights of an actor on a live wall, computed once per actor object. */
export function rightsOn(wall: LiveWall, actor: Actor): WallRights {
  let rights = wall.rights.get(actor);
  if (!rights) {
    rights = wallRights(actor, wall.resource, wall.settings);
    wall.rights.set(actor, rights);
  }
  return rights;
}

const perContext = new WeakMap<ServerContext, LiveWalls>();

/** This node's live walls, dropped on every space or rights change announced on the bus. */
export function liveWalls(ctx: ServerContext): LiveWalls {
  let walls = perContext.get(ctx);
  if (!walls) {
    walls = newLiveWalls(async (spaceId, schoolId) => {
      const space = await loadSpaceOfKind(ctx, spaceId, schoolId, 'wall');
      const now = Date.now();
      const mutes = await mutesCollection(ctx).find({ spaceId: space._id, until: { $gt: now } });
      return { space, resource: spaceResource(space), settings: wallSettingsOf(space.settings), muted: new Map(mutes.map((mute) => [mute.userId, mute.until])) };
    });
    const drop = walls.drop.bind(walls, undefined);
    ctx.services.bus.on('space.updated', drop);
    ctx.services.bus.on('user.rightsChanged', drop);
    ctx.services.bus.on('cluster.resync', drop);
    perContext.set(ctx, walls);
  }
  return walls;
}
