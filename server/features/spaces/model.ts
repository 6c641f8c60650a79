import { chatSettingsOf } from '../../../shared/chat/settings';
import type { SpaceResource, SpaceScope } from '../../../shared/policy/resources';
import type { SpaceSummary, SpaceView } from '../../../shared/spaces/types';
import type { Actor } from '../../../shared/policy/actor';
import { spaceRightsOf } from '../../../shared/policy/can';
import type { BaseDoc, Store } from '../../storage/port';

/**
 * A stored space: the summary's fields plus its school and the scope's id (indexed). Spaces stored before
 * co-teaching and the bin lack `coOwnerIds` and `deletedAt` (none, and not deleted: a `deletedAt: null` filter
 * matches a missing field).
 */
export interface SpaceDoc extends BaseDoc, Omit<SpaceSummary, 'id' | 'coOwnerIds' | 'deletedAt'> {
  schoolId: string;
  /** Denormalised from the scope, so spaces of a class are found by index. */
  scopeId: string;
  coOwnerIds?: string[];
  deletedAt?: number | null;
}

/** The filter of spaces in service (not in the bin): every read of a space a member may open uses it. */
export const IN_SERVICE = { deletedAt: null } as const;

export const scopeIdOf = (scope: SpaceScope): string =>
  scope.kind === 'class' ? scope.classId : scope.kind === 'group' ? scope.groupId : 'school';

/** The policy resource of a space: what `can()` decides on. */
export function spaceResource(space: SpaceDoc): SpaceResource {
  return {
    type: 'space',
    schoolId: space.schoolId,
    spaceId: space._id,
    kind: space.kind,
    scope: space.scope,
    ownerId: space.ownerId,
    writers: space.writers,
    writerIds: space.writerIds,
    parentsMayComment: space.parentsMayComment,
    parentsRead: space.kind !== 'chat' || chatSettingsOf(space.settings).parentsRead,
    locked: space.locked,
    moderatorIds: space.moderatorIds,
    archived: space.archived,
    coOwnerIds: space.coOwnerIds ?? [],
  };
}

/** A space with the viewer's rights, as GET /spaces and space:join answer. */
export function presentSpaceFor(actor: Actor | null, space: SpaceDoc): SpaceView {
  return { ...presentSpace(space), rights: spaceRightsOf(actor, spaceResource(space)) };
}

/** The whitelisted fields of a space that leave the server. */
export function presentSpace(space: SpaceDoc): SpaceSummary {
  const { _id, schoolId: _school, scopeId: _scopeId, coOwnerIds, deletedAt, ...summary } = space;
  return { id: _id, ...summary, coOwnerIds: coOwnerIds ?? [], deletedAt: deletedAt ?? null };
}

export function spacesCollection(store: Store) {
  return store.collection<SpaceDoc>('spaces');
}

export async function initSpaces(store: Store): Promise<void> {
  // moderatorIds is an array: not indexable on the embedded store; spaces per school are few.
  await spacesCollection(store).ensureIndexes([{ fields: { schoolId: 1, scopeId: 1, kind: 1 } }]);
}
