import type { Actor } from '../../../shared/policy/actor';
import type { DirectoryCollections, MembershipDoc, UserDoc } from './model';

interface Memberships {
  pupilClassIds: string[];
  teacherClassIds: string[];
  groupIds: string[];
  formerClassIds: string[];
}

/**
 * Sorts memberships by what they give. A membership with `until` is of last year's class (a new school year kept
 * it so its former members still read the archive): it gives READ only (`formerClassIds`) until that date on the
 * server's clock, then nothing; never a pupil's or a teacher's rights in that class.
 */
function split(memberships: MembershipDoc[], now: number): Memberships {
  const sorted: Memberships = { pupilClassIds: [], teacherClassIds: [], groupIds: [], formerClassIds: [] };
  for (const membership of memberships) {
    if (typeof membership.until === 'number') {
      if (membership.until > now && membership.kind === 'class') sorted.formerClassIds.push(membership.targetId);
      continue;
    }
    if (membership.kind === 'group') sorted.groupIds.push(membership.targetId);
    else if (membership.role === 'teacher') sorted.teacherClassIds.push(membership.targetId);
    else sorted.pupilClassIds.push(membership.targetId);
  }
  return sorted;
}

/**
 * Loads everything policies need about a user: their memberships, their children's memberships (a parent's
 * access derives from them), the pupils they teach, and the spaces they were designated to moderate.
 */
export async function loadActor(directory: DirectoryCollections, user: UserDoc): Promise<Actor> {
  const now = directory.now();
  const own = split(await directory.memberships.find({ userId: user._id }), now);
  const guardianships = await directory.guardianships.find({ parentId: user._id });
  const childIds = guardianships.map((link) => link.childId);
  const childMemberships = childIds.length > 0 ? await directory.memberships.find({ userId: { $in: childIds } }) : [];
  const children = childIds.map((childId) => {
    const memberships = split(childMemberships.filter((membership) => membership.userId === childId), now);
    return { userId: childId, classIds: memberships.pupilClassIds, groupIds: memberships.groupIds, formerClassIds: memberships.formerClassIds };
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
