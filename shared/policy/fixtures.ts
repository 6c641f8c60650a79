import type { Actor } from './actor';
import type { SpaceResource } from './resources';

/**
 * Fixtures of the policy unit tests (shared/*\/policy.test.ts): an actor and a space resource, each a pupil of
 * class `ce2` and a class space of school `school` unless told otherwise. Test code only.
 */
export const actorFixture = (userId: string, overrides: Partial<Actor> = {}): Actor => ({
  userId,
  schoolId: 'school',
  profiles: ['pupil'],
  status: 'active',
  pupilClassIds: ['ce2'],
  teacherClassIds: [],
  formerClassIds: [],
  groupIds: [],
  children: [],
  moderatedSpaceIds: [],
  taughtPupilIds: [],
  ...overrides,
});

export const spaceFixture = (overrides: Partial<SpaceResource> = {}): SpaceResource => ({
  type: 'space',
  schoolId: 'school',
  spaceId: 'space',
  kind: 'wall',
  scope: { kind: 'class', classId: 'ce2' },
  ownerId: 't',
  writers: 'everyone',
  parentsMayComment: false,
  parentsRead: true,
  locked: false,
  moderatorIds: [],
  ...overrides,
});
