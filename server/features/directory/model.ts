import type { Profile, UserStatus } from '../../../shared/identity/profiles';
import type { PublicUser } from '../../../shared/identity/api';
import type { BaseDoc, Store } from '../../storage/port';

export interface SchoolDoc extends BaseDoc {
  name: string;
  city: string;
  kind: 'ecole' | 'college';
  createdAt: number;
  /** The school year in progress (« 2026-2027 »), set when the director opens a year (server/features/schoolyear). */
  schoolYear?: string;
  /** School-wide settings (moderation: automatic hide, evidence retention). */
  settings?: {
    autoHideAfterReports?: number | null;
    evidenceRetentionMonths?: number;
    /** The class levels whose pupils keep their given password (no forced change); default: cycle 2. */
    passwordChangeExemptLevels?: string[];
  };
}

export interface ClassDoc extends BaseDoc {
  schoolId: string;
  name: string;
  level: string;
  schoolYear: string;
  createdAt: number;
  /** When a new school year made it an archive (read-only); absent or null for a class of the year in progress. */
  archivedAt?: number | null;
  /** Until when an archived class stays visible to its former members. */
  visibleUntil?: number | null;
}

export interface GroupDoc extends BaseDoc {
  schoolId: string;
  name: string;
  createdAt: number;
}

export interface UserDoc extends BaseDoc {
  schoolId: string;
  login: string;
  displayName: string;
  /** Lowercased, accent-free display name and login, for search. */
  searchText: string;
  profiles: Profile[];
  status: UserStatus;
  /** When status is pending_deletion: the day the account is erased. */
  deletionDate: number | null;
  passwordHash: string;
  /** Generated accounts must choose their own password at first sign-in. */
  mustChangePassword: boolean;
  createdAt: number;
  updatedAt: number;
}

/** Pupils in classes, teachers teaching classes, members of groups. */
export interface MembershipDoc extends BaseDoc {
  schoolId: string;
  userId: string;
  kind: 'class' | 'group';
  targetId: string;
  role: 'pupil' | 'teacher' | 'member';
  /**
   * A membership of a class archived by a new school year: it still lets its former member read the class's
   * (read-only) spaces until this date, then counts no more (server/features/directory/actor.ts).
   */
  until?: number | null;
}

/** A legal guardian of a pupil (a pupil may have two; a parent may have several children). */
export interface GuardianshipDoc extends BaseDoc {
  schoolId: string;
  parentId: string;
  childId: string;
}

/** The directory's collections, with their indexes created once at start-up. */
export class DirectoryCollections {
  readonly schools;
  readonly classes;
  readonly groups;
  readonly users;
  readonly memberships;
  readonly guardianships;
  /** Spaces, read only for moderator designations (owned by the spaces feature). */
  readonly spaceModerators;

  /** `now`: the server's clock (`clockNow`), so a membership of last year's class ends on the server's calendar. */
  constructor(
    store: Store,
    readonly now: () => number = Date.now,
  ) {
    this.schools = store.collection<SchoolDoc>('schools');
    this.classes = store.collection<ClassDoc>('classes');
    this.groups = store.collection<GroupDoc>('groups');
    this.users = store.collection<UserDoc>('users');
    this.memberships = store.collection<MembershipDoc>('memberships');
    this.guardianships = store.collection<GuardianshipDoc>('guardianships');
    this.spaceModerators = store.collection<BaseDoc & { moderatorIds: string[]; deletedAt?: number | null }>('spaces');
  }

  async init(): Promise<void> {
    await Promise.all([
      this.classes.ensureIndexes([{ fields: { schoolId: 1, name: 1 } }]),
      this.groups.ensureIndexes([{ fields: { schoolId: 1, name: 1 } }]),
      this.users.ensureIndexes([{ fields: { login: 1 }, unique: true }, { fields: { schoolId: 1, displayName: 1 } }]),
      this.memberships.ensureIndexes([
        { fields: { userId: 1, kind: 1, targetId: 1 }, unique: true },
        { fields: { targetId: 1, role: 1 } },
      ]),
      this.guardianships.ensureIndexes([
        { fields: { parentId: 1, childId: 1 }, unique: true },
        { fields: { childId: 1 } },
      ]),
    ]);
  }
}

/** The whitelisted fields of a user that may leave the server. */
export function presentUser(user: UserDoc): PublicUser {
  return { id: user._id, login: user.login, displayName: user.displayName, profiles: user.profiles, status: user.status };
}

/** Lowercase, accents removed: "Élodie N'Diaye" → "elodie n'diaye". */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}
