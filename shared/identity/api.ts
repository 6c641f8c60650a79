import type { Profile, UserStatus } from './profiles';

/** A user as shown to other users and in the administration (never the password hash). */
export interface PublicUser {
  id: string;
  login: string;
  displayName: string;
  profiles: Profile[];
  status: UserStatus;
}

/** The charter state: accepted means every profile's current charter was accepted. */
export interface CharterState {
  accepted: boolean;
  /** The version of the charter of the user's main profile. */
  version: number;
  /** Charters still to accept, one per profile. */
  pending: { profile: Profile; version: number }[];
}

/**
 * What the signed-in user may open, decided on the server by the policy table: the client builds its navigation
 * and pages from it, never from profile names.
 */
export interface Capabilities {
  /** Accounts, classes, imports (the direction and the admin). */
  administer: boolean;
  /** The charters and the school's moderation settings (the director). */
  manageSchool: boolean;
  /** The moderation console: of the school, of these classes, of these spaces (a pupil moderator's). */
  moderation: { school: boolean; classIds: string[]; spaceIds: string[] };
  /** The audit log: the school's, or these classes'. */
  audit: { school: boolean; classIds: string[] };
  /** Where the user may create spaces (walls, pads, forums, chats): school-wide, in these classes. */
  createSpaces: { school: boolean; classIds: string[] };
  /** The children whose week the user follows on the family page (a parent's own, each read through the table). */
  family: { childIds: string[] };
}

/** What the reader may do to one account, asked to the policy table: the administration shows these actions only. */
export interface AccountRights {
  suspend: boolean;
  resetCredentials: boolean;
  changeProfiles: boolean;
  /** Give a one-time sign-in code (an account locked by refused sign-ins stays open to its real user). */
  issueSignInCode: boolean;
  /** « Retirer de l'école » (the direction: the account is closed, then erased after the school's delay). */
  remove?: boolean;
}

/** `POST /api/admin/users/:id/sign-in-code`: the code, shown once to whoever issued it. */
export interface IssuedSignInCode {
  user: PublicUser;
  /** As shown: « K7QM-4PXD ». */
  code: string;
  expiresAt: number;
}

/** An account of the administration's list, with what the reader may do to it. */
export interface AdministeredUser extends PublicUser {
  rights: AccountRights;
}

/** `GET /api/admin/users`: a page of accounts, and the profiles the reader may give or take back (`grant`). */
export interface AdministeredUserPage extends Page<AdministeredUser> {
  grants: Profile[];
}

/** `GET /api/me`. */
export interface MeResponse {
  capabilities: Capabilities;
  user: PublicUser;
  profiles: Profile[];
  charter: CharterState;
  mustChangePassword: boolean;
  /** Send it back as `X-CSRF-Token` on every mutating request. */
  csrfToken: string;
  school: { id: string; name: string };
}

export interface ClassSummary {
  id: string;
  name: string;
  level: string;
  schoolYear: string;
  /** When a new school year archived this class (last year's: read-only, for its former members until a date), else null. */
  archivedAt: number | null;
}

export interface GroupSummary {
  id: string;
  name: string;
}

/** `GET /api/dashboard`: the classes and groups the user sees, per child for a parent. */
export interface DashboardResponse {
  classes: ClassSummary[];
  groups: GroupSummary[];
  children: { child: PublicUser; classes: ClassSummary[]; groups: GroupSummary[] }[];
}

export interface SessionSummary {
  id: string;
  current: boolean;
  createdAt: number;
  lastSeenAt: number;
  ip: string | null;
  userAgent: string | null;
}

export interface Charter {
  id: string;
  profile: Profile;
  version: number;
  title: string;
  body: string;
  publishedAt: number;
}

/** One account created by an import, with its initial password (shown once, on the connection sheet). */
export interface ImportedAccount {
  user: PublicUser;
  initialPassword: string;
  kind: 'pupil' | 'parent';
  childDisplayName?: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** The name of the header that carries the CSRF token. */
export const CSRF_HEADER = 'x-csrf-token';
/** Cookie names. */
export const SESSION_COOKIE = 'preau_sid';
export const DEVICE_COOKIE = 'preau_device';

/** An account just created or whose password was just reset, with the generated password (shown once). */
export interface CreatedAccount {
  user: PublicUser;
  initialPassword: string;
}

/** `GET /api/admin/users/:id`: the account with its memberships and family links (never the password hash). */
export interface UserDetail {
  user: PublicUser;
  mustChangePassword: boolean;
  deletionDate: number | null;
  createdAt: number;
  updatedAt: number;
  classes: (ClassSummary & { role: 'pupil' | 'teacher' })[];
  groups: GroupSummary[];
  children: PublicUser[];
  parents: PublicUser[];
}

/** `GET /api/admin/classes/:id/members`. */
export interface ClassMembers {
  class: ClassSummary;
  teachers: PublicUser[];
  /** With what the reader may do to each pupil's account. */
  pupils: (PublicUser & { rights?: AccountRights })[];
}
