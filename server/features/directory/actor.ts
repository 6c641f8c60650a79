import type { Actor } from '../../../shared/policy/actor';
import type { DirectoryCollections, MembershipDoc, UserDoc } from './model';

function split(memberships: MembershipDoc[]): { pupilClassIds: string[]; teacherClassIds: string[]; groupIds: string[] } {
  const pupilClassIds: string[] = [];
  const teacherClassIds: string[] = [];
  const groupIds: string[] = [];
  const now = Date.now();
  for (const membership of memberships) {
    // A membership of last year's class counts until its archive's visibility ends (a new school year sets it).
    if (typeof membership.until === 'number' && membership.until <= now) continue;
    if (membership.kind === 'group') groupIds.push(membership.targetId);
    else if (membership.role === 'teacher') teacherClassIds.push(membership.targetId);
    else pupilClassIds.push(membership.targetId);
  }
  return { pupilClassIds, teacherClassIds, groupIds };
}

/**
 * Loads everything policies need about a user: their memberships, their children's memberships (a parent's
 * access derives from them), the pupils they teach, and the spaces they were designated to moderate.
 */
export async function loadActor(directory: DirectoryCollections, user: UserDoc): Promise<Actor> {
  const own = split(await directory.memberships.find({ userId: user._id }));
  const guardianships = await directory.guardianships.find({ parentId: user._id });
  const childIds = guardianships.map((link) => link.childId);
  const childMemberships = childIds.length > 0 ? await directory.memberships.find({ userId: { $in: childIds } }) : [];
  const children = childIds.map((childId) => {
    const memberships = split(childMemberships.filter((membership) => membership.userId === childId));
    return { userId: childId, classIds: memberships.pupilClassIds, groupIds: memberships.groupIds };
  });
  const taught =
    own.teacherClassIds.length > 0
      ? await directory.memberships.find({ targetId: { $in: own.teacherClassIds }, role: 'pupil' })
      : [];
  return {
    userId: user._id,
    schoolId: user.schoolId,
    profiles: user.profiles,
    status: user.status,
    ...own,
    children,
    moderatedSpaceIds: (await directory.spaceModerators.find({ moderatorIds: user._id, deletedAt: null })).map((space) => space._id),
    taughtPupilIds: [...new Set(taught.map((membership) => membership.userId))],
  };
}
