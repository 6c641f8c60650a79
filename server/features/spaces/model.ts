import type { Resource, SpaceScope, SpaceWriters } from '../../../shared/policy/resources';
import type { SpaceKind, SpaceSummary } from '../../../shared/spaces/types';
import type { BaseDoc, Store } from '../../storage/port';

export interface SpaceDoc extends BaseDoc {
  schoolId: string;
  kind: SpaceKind;
  title: string;
  scope: SpaceScope;
  /** Denormalised from the scope, so spaces of a class are found by index. */
  scopeId: string;
  ownerId: string;
  ownerName: string;
  writers: SpaceWriters;
  writerIds: string[];
  parentsMayComment: boolean;
  locked: boolean;
  moderatorIds: string[];
  settings: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
  version: number;
  archived: boolean;
}

export const scopeIdOf = (scope: SpaceScope): string =>
  scope.kind === 'class' ? scope.classId : scope.kind === 'group' ? scope.groupId : 'school';

/** The policy resource of a space: what `can()` decides on. */
export function spaceResource(space: SpaceDoc): Resource {
  return {
    type: 'space',
    schoolId: space.schoolId,
    spaceId: space._id,
    scope: space.scope,
    ownerId: space.ownerId,
    writers: space.writers,
    writerIds: space.writerIds,
    parentsMayComment: space.parentsMayComment,
    locked: space.locked,
  };
}

/** The whitelisted fields of a space that leave the server. */
export function presentSpace(space: SpaceDoc): SpaceSummary {
  return {
    id: space._id,
    kind: space.kind,
    title: space.title,
    scope: space.scope,
    ownerId: space.ownerId,
    ownerName: space.ownerName,
    writers: space.writers,
    writerIds: space.writerIds,
    parentsMayComment: space.parentsMayComment,
    locked: space.locked,
    moderatorIds: space.moderatorIds,
    settings: space.settings,
    createdAt: space.createdAt,
    updatedAt: space.updatedAt,
    version: space.version,
  };
}

export function spacesCollection(store: Store) {
  return store.collection<SpaceDoc>('spaces');
}

export async function initSpaces(store: Store): Promise<void> {
  // moderatorIds is an array: not indexable on the embedded store; spaces per school are few.
  await spacesCollection(store).ensureIndexes([{ fields: { schoolId: 1, scopeId: 1, kind: 1 } }]);
}
