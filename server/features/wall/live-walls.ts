import type { Actor } from '../../../shared/policy/actor';
import type { SpaceResource } from '../../../shared/policy/resources';
import { WALL_CACHE_MAX_WALLS, WALL_CACHE_TTL_MS } from '../../../shared/wall/limits';
import { wallRights, type WallRights } from '../../../shared/wall/policy';
import { wallSettingsOf, type WallSettings } from '../../../shared/wall/settings';
import type { ServerContext } from '../../context';
import { mutesCollection } from '../moderation/mutes';
import { loadSpaceOfKind } from '../spaces/access';
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
 * `rights.ts`); entries are also reloaded after `WALL_CACHE_TTL_MS` whatever happens.
 */
export interface LiveWall {
  space: SpaceDoc;
  resource: SpaceResource;
  settings: WallSettings;
  /** Until when each muted user is muted (ms since the epoch). */
  muted: ReadonlyMap<string, number>;
  rights: WeakMap<Actor, WallRights>;
  loadedAt: number;
}

export class LiveWalls {
  private readonly walls = new Map<string, LiveWall>();
  /** Bumped by every drop: a load begun before it is not kept. */
  private generation = 0;

  constructor(
    private readonly load: (spaceId: string, schoolId: string) => Promise<Omit<LiveWall, 'rights' | 'loadedAt'>>,
    private readonly now: () => number = Date.now,
  ) {}

  /** The wall of this school (NOT_FOUND, as `loadSpaceOfKind`, for another school or kind). */
  async get(spaceId: string, schoolId: string): Promise<LiveWall> {
    const kept = this.walls.get(spaceId);
    if (kept && kept.space.schoolId === schoolId && this.now() - kept.loadedAt < WALL_CACHE_TTL_MS) return kept;
    const generation = this.generation;
    const loadedAt = this.now();
    const loaded = await this.load(spaceId, schoolId);
    // Reloaded for its age only (no change was announced) and still at the same version: its rights still hold.
    const same = kept && generation === this.generation && kept.space.version === loaded.space.version && kept.space.schoolId === loaded.space.schoolId;
    const wall: LiveWall = { ...loaded, rights: same ? kept.rights : new WeakMap(), loadedAt };
    if (generation === this.generation) {
      if (this.walls.size >= WALL_CACHE_MAX_WALLS) this.walls.delete(this.walls.keys().next().value!);
      this.walls.set(spaceId, wall);
    }
    return wall;
  }

  /** Forgets every wall (a space or someone's rights changed). */
  drop(): void {
    this.generation += 1;
    this.walls.clear();
  }
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
    walls = new LiveWalls(async (spaceId, schoolId) => {
      const space = await loadSpaceOfKind(ctx, spaceId, schoolId, 'wall');
      const now = Date.now();
      const mutes = await mutesCollection(ctx).find({ spaceId: space._id, until: { $gt: now } });
      return { space, resource: spaceResource(space), settings: wallSettingsOf(space.settings), muted: new Map(mutes.map((mute) => [mute.userId, mute.until])) };
    });
    const drop = walls.drop.bind(walls);
    ctx.services.bus.on('space.updated', drop);
    ctx.services.bus.on('user.rightsChanged', drop);
    perContext.set(ctx, walls);
  }
  return walls;
}
