import { AppError } from '../../../shared/errors';
import type { ColleagueView } from '../../../shared/spaces/lifecycle';
import { SPACE_MAX_CO_OWNERS } from '../../../shared/spaces/limits';
import type { SpaceSummary } from '../../../shared/spaces/types';
import type { ServerContext } from '../../context';
import type { AuthedRequestState } from '../../http/request-state';
import { lifecycleChanger } from './lifecycle';
import { IN_SERVICE, type SpaceDoc } from './model';

/** The active teachers of the space's school, but the one asking: the colleagues who may co-own it. */
export async function colleaguesOf(ctx: ServerContext, state: AuthedRequestState, space: SpaceDoc): Promise<ColleagueView[]> {
  const teachers = await ctx.services.directory.users.find({ schoolId: space.schoolId, profiles: 'teacher', status: 'active' }, { sort: { displayName: 1 }, limit: 500 });
  const coOwners = space.coOwnerIds ?? [];
  return teachers
    .filter((teacher) => teacher._id !== state.user._id)
    .map((teacher) => ({ id: teacher._id, displayName: teacher.displayName, coOwner: coOwners.includes(teacher._id) }));
}

/** An archived space is only read: its co-owners are no longer changed (they only read it, see the policy table). */
const ARCHIVED_CO_OWNERS = 'Cet espace est archivé : ses co-propriétaires ne peuvent plus être modifiés';

/** Only an active account with the teacher profile, of the space's school, may co-own it. */
async function assertColleague(ctx: ServerContext, space: SpaceDoc, userId: string): Promise<void> {
  const user = await ctx.services.directory.users.findOne({ _id: userId, schoolId: space.schoolId });
  if (!user?.profiles.includes('teacher') || user.status !== 'active') throw new AppError('VALIDATION', 'Only a teacher of the school can co-own a space', [{ path: 'userId', message: 'not a teacher of the school', code: 'spaces.coOwners.notTeacher' }]);
}

/**
 * Adds a colleague as a co-owner: they run the space as its teachers do (the policy table's `coOwnerIds`), at
 * once on every open page (their sockets are told their rights changed).
 */
export async function coOwnerAdder(ctx: ServerContext, state: AuthedRequestState, space: SpaceDoc, userId: string): Promise<SpaceSummary> {
  await assertColleague(ctx, space, userId);
  return lifecycleChanger(ctx, state, space, {
    where: IN_SERVICE,
    set: {},
    update: { $addToSet: { coOwnerIds: userId } },
    event: 'space.co_owner_added',
    fields: ['coOwnerIds'],
    about: userId,
    already: (current) => {
      if (current.archived) return ARCHIVED_CO_OWNERS;
      const coOwners = current.coOwnerIds ?? [];
      if (coOwners.includes(userId)) return 'This colleague already co-owns the space';
      return coOwners.length >= SPACE_MAX_CO_OWNERS ? `A space has at most ${SPACE_MAX_CO_OWNERS} co-owners` : null;
    },
  });
}

/** Removes a co-owner: their rights go at once (their sockets leave the space's rooms, their pads turn read-only or close). */
export function coOwnerRemover(ctx: ServerContext, state: AuthedRequestState, space: SpaceDoc, userId: string): Promise<SpaceSummary> {
  return lifecycleChanger(ctx, state, space, {
    where: IN_SERVICE,
    set: {},
    update: { $pull: { coOwnerIds: userId } },
    event: 'space.co_owner_removed',
    fields: ['coOwnerIds'],
    about: userId,
    already: (current) => {
      if (current.archived) return ARCHIVED_CO_OWNERS;
      return (current.coOwnerIds ?? []).includes(userId) ? null : 'This colleague does not co-own the space';
    },
  });
}
