import { AppError } from '../../../shared/errors';
import type { Action, SpaceResource } from '../../../shared/policy/resources';
import { SPACE_CACHE_MAX_SPACES, SPACE_CACHE_TTL_MS } from '../../../shared/spaces/limits';
import type { SpaceKind } from '../../../shared/spaces/types';
import type { ServerContext } from '../../context';
import { mutesCollection } from '../moderation/mutes';
import { askSpace, spaceNotFound, type SpaceLoader } from './access';
import { spaceResource, type SpaceDoc } from './model';
import { loadSpace } from './service';

export interface LiveCacheOptions<T> {
  /** Loads the entry of `id` in this school (throws, e.g. NOT_FOUND, for another school's: nothing is kept). */
  load: (id: string, schoolId: string) => Promise<T>;
  /** Reloaded after this long whatever happens. */
  ttlMs: number;
  /** Beyond this many entries, the oldest loaded is forgotten. */
  maxEntries: number;
  /** What a reload keeps of the entry it replaces when no drop came in between (a wall keeps its actors' rights). */
  carry?: (kept: T, loaded: T) => T;
  now?: () => number;
}

interface Kept<T> {
  value: T;
  schoolId: string;
  loadedAt: number;
}

/**
 * What a node's hot paths decide on, per space, as last loaded: each entry is loaded once, then served from memory
 * until a drop or its TTL. Kept exact by its owner, who drops it on every bus event announcing a change of what it
 * holds: those events are emitted after the change commits and before it is acknowledged, so the first event after
 * the acknowledgement already decides on the new state. A load that began before a drop is handed to its caller
 * (it raced with the change) but not kept. With several nodes those events must reach every node (issue 13); the
 * TTL bounds what a node may miss meanwhile.
 */
export class LiveCache<T> {
  private readonly entries = new Map<string, Kept<T>>();
  /** Bumped by every drop: a load begun before it is not kept. */
  private generation = 0;
  private readonly now: () => number;

  constructor(private readonly options: LiveCacheOptions<T>) {
    this.now = options.now ?? Date.now;
  }

  /** The entry of `id` in this school, loaded when absent, of another school, or older than the TTL. */
  async get(id: string, schoolId: string): Promise<T> {
    const kept = this.entries.get(id);
    if (kept && kept.schoolId === schoolId && this.now() - kept.loadedAt < this.options.ttlMs) return kept.value;
    const generation = this.generation;
    const loadedAt = this.now();
    const loaded = await this.options.load(id, schoolId);
    if (generation !== this.generation) return loaded;
    const value = kept && kept.schoolId === schoolId && this.options.carry ? this.options.carry(kept.value, loaded) : loaded;
    // Set again at the end, so the first key is always the oldest loaded.
    this.entries.delete(id);
    if (this.entries.size >= this.options.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(id, { value, schoolId, loadedAt });
    return value;
  }

  /** Forgets every entry (or only `id`'s); either way no load under way is kept. */
  drop(id?: string): void {
    this.generation += 1;
    if (id === undefined) this.entries.clear();
    else this.entries.delete(id);
  }
}

/** A space as the hot paths share it: frozen (no handler may change what others decide on), with its policy resource. */
export interface LiveSpace {
  space: SpaceDoc;
  resource: SpaceResource;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

interface LiveState {
  spaces: LiveCache<LiveSpace>;
  mutes: LiveCache<ReadonlyMap<string, number>>;
}

const perContext = new WeakMap<ServerContext, LiveState>();

function liveState(ctx: ServerContext): LiveState {
  let state = perContext.get(ctx);
  if (!state) {
    const spaces = new LiveCache<LiveSpace>({
      load: async (spaceId, schoolId) => {
        const space = deepFreeze(await loadSpace(ctx, spaceId, schoolId));
        return { space, resource: deepFreeze(spaceResource(space)) };
      },
      ttlMs: SPACE_CACHE_TTL_MS,
      maxEntries: SPACE_CACHE_MAX_SPACES,
    });
    const mutes = new LiveCache<ReadonlyMap<string, number>>({
      load: async (spaceId) => {
        const active = await mutesCollection(ctx).find({ spaceId, until: { $gt: Date.now() } });
        return new Map(active.map((mute) => [mute.userId, mute.until]));
      },
      ttlMs: SPACE_CACHE_TTL_MS,
      maxEntries: SPACE_CACHE_MAX_SPACES,
    });
    // Every committed change of a space (settings, lock, writers, designation) is announced with `space.updated`;
    // every mute set or lifted with `user.rightsChanged` (which names the user, not the space: all are dropped).
    ctx.services.bus.on('space.updated', (summary) => spaces.drop(summary.id));
    ctx.services.bus.on('user.rightsChanged', () => mutes.drop());
    ctx.services.bus.on('cluster.resync', () => {
      spaces.drop();
      mutes.drop();
    });
    state = { spaces, mutes };
    perContext.set(ctx, state);
  }
  return state;
}

/**
 * A space of this school and kind (any kind when null) for a hot path (chat and forum events), from this node's
 * cache: NOT_FOUND as `loadSpaceOfKind`. The space is frozen and shared: never change it.
 */
export const liveSpaceOfKind: SpaceLoader = async (ctx, spaceId, schoolId, kind): Promise<LiveSpace> => {
  const live = await liveState(ctx)
    .spaces.get(spaceId, schoolId)
    .catch((error: unknown) => {
      if (kind && error instanceof AppError && error.code === 'NOT_FOUND') throw spaceNotFound(kind);
      throw error;
    });
  if (kind && live.space.kind !== kind) throw spaceNotFound(kind);
  return live;
};

/** `askSpace` on this node's live spaces: for the hot paths (chat and forum events), which must not change the subject. */
export function askLiveSpace<I>(ctx: ServerContext, kind: SpaceKind, action: Action | ((space: SpaceDoc, input: I) => Action), idOf: (input: I) => string) {
  return askSpace(ctx, kind, action, idOf, liveSpaceOfKind);
}

/** Until when a user is muted in a space, or null, from this node's cache of the space's active mutes. */
export async function liveMutedUntil(ctx: ServerContext, space: SpaceDoc, userId: string, now = Date.now()): Promise<number | null> {
  const until = (await liveState(ctx).mutes.get(space._id, space.schoolId)).get(userId);
  return until !== undefined && until > now ? until : null;
}
