import type { Profile, UserStatus } from '../identity/profiles';

/** One child of a parent, with the memberships their parent's read access derives from. */
export interface ActorChild {
  userId: string;
  classIds: string[];
  groupIds: string[];
  /** Last year's classes of the child, read by their parent until the archives' date (a new school year). */
  formerClassIds?: string[];
}

/**
 * Who is acting, with everything policies need to decide, loaded once per request or connection.
 * Parents' access is derived from `children` (no manual sharing).
 */
export interface Actor {
  userId: string;
  schoolId: string;
  profiles: Profile[];
  status: UserStatus;
  /** Classes the actor is a pupil of. */
  pupilClassIds: string[];
  /** Classes the actor teaches. */
  teacherClassIds: string[];
  /**
   * Last year's classes the actor was a member of (pupil or teacher): archived by a new school year, READ only,
   * until the archives' date. Never in `pupilClassIds`/`teacherClassIds`, so no write, moderation or creation.
   */
  formerClassIds: string[];
  /** Groups the actor belongs to (pupils and teachers alike). */
  groupIds: string[];
  children: ActorChild[];
  /** Spaces where a teacher designated this pupil as a moderator. */
  moderatedSpaceIds: string[];
  /** Pupils of the classes this actor teaches (filled for teachers). */
  taughtPupilIds: string[];
}

export const hasProfile = (actor: Actor, profile: Profile): boolean => actor.profiles.includes(profile);
