/** The profiles a user can hold (one or more). */
export const PROFILES = ['pupil', 'teacher', 'parent', 'director', 'staff', 'admin', 'guest'] as const;
export type Profile = (typeof PROFILES)[number];

/** Account states: a suspended user cannot sign in; a user pending deletion is erased on `deletionDate`. */
export const USER_STATUSES = ['active', 'suspended', 'pending_deletion'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** Which profile's charter, and which rights, win when a user holds several profiles (first wins). */
export const PROFILE_PRECEDENCE: readonly Profile[] = ['admin', 'director', 'teacher', 'staff', 'parent', 'guest', 'pupil'];
