import type { Profile } from '../identity/profiles';
import type { Actor } from './actor';
import { ITEM_ACTIONS, type Action, type ItemResource, type ResourceOf, type ResourceType, type SpaceResource } from './resources';
import { belongsTo, childBelongsTo, childFormerlyBelongsTo, formerlyBelongsTo, teaches } from './scope';

/** One declarative rule: these profiles may do these actions on this resource type when the condition holds. */
export interface Rule<T extends ResourceType = ResourceType> {
  profiles: readonly Profile[] | 'any';
  actions: readonly Action[];
  resource: T;
  when: (actor: Actor, resource: ResourceOf<T>) => boolean;
  /** Why the rule exists (shown in the policy table of the docs). */
  why: string;
}

function allow<T extends ResourceType>(
  profiles: readonly Profile[] | 'any',
  actions: readonly Action[],
  resource: T,
  when: (actor: Actor, resource: ResourceOf<T>) => boolean,
  why: string,
): Rule {
  return { profiles, actions, resource, when, why } as unknown as Rule;
}

const always = (): boolean => true;
const self = (actor: Actor, resource: { userId: string }): boolean => actor.userId === resource.userId;
const teacherOf = (actor: Actor, classId: string | undefined): boolean =>
  classId !== undefined && actor.teacherClassIds.includes(classId);
/** Only the director suspends a director. */
const DIRECTION_ONLY_PROFILES = ['director'] as const;
/**
 * Profiles that open pupils' activity, the log of classes or the whole school: only the director gives or takes
 * them back, and resets the credentials of those who hold them (an admin who could make a teacher, or set a
 * teacher's password, would read what the admin profile must not).
 */
const STAFF_CREDENTIALS = ['director', 'teacher'] as const;
const holdsAny = (profiles: readonly string[] | undefined, among: readonly string[]): boolean => (profiles ?? []).some((p) => among.includes(p));

/** A pupil a teacher designated as a moderator of this space, and still a member of its scope. */
const designated = (actor: Actor, space: SpaceResource): boolean => belongsTo(actor, space.scope) && space.moderatorIds.includes(actor.userId);
const ownItem = (actor: Actor, item: ItemResource): boolean => item.authorId !== null && item.authorId === actor.userId;
/** Parents read a space of their child's scope, the class chat only when its teacher opened it to them. */
const parentReads = (actor: Actor, space: SpaceResource): boolean => childBelongsTo(actor, space.scope) && space.parentsRead;
/** A colleague the space's teachers made a co-owner (whether or not the space is archived). */
const coOwns = (actor: Actor, space: SpaceResource): boolean => actor.profiles.includes('teacher') && (space.coOwnerIds ?? []).includes(actor.userId);
/**
 * A teacher who runs this space: a teacher of its scope, or a colleague its teachers made a co-owner while the
 * space is not archived (an archived space, last year's included, is no longer run by a colleague of another class).
 */
const runs = (actor: Actor, space: SpaceResource): boolean => teaches(actor, space.scope) || (coOwns(actor, space) && !space.archived);
/** Contributions (cards, comments, reactions, moves, posts, messages, pad edits) stop while a space is archived. */
const open = (space: SpaceResource): boolean => !space.archived;

/**
 * Préau's policies, in one table. Every resource carries its school and `can()` checks it before any rule,
 * so each rule only states what is specific to it. Order does not matter: any matching rule allows.
 */
export const RULES: readonly Rule[] = [
  // The school and its administration
  allow('any', ['read'], 'school', always, 'everyone sees their own school'),
  allow(['director', 'admin'], ['administer'], 'administration', always, 'accounts, imports, suspensions (BRIEF rules 1, 10)'),
  allow(['director'], ['manage'], 'charter', always, 'the director edits the charter (publication director)'),
  allow('any', ['read', 'accept'], 'charter', always, 'everyone reads and accepts their charter'),

  // Classes and groups
  allow(['director', 'admin'], ['read', 'manage'], 'class', always, 'the direction runs every class'),
  allow(['teacher'], ['read'], 'class', (a, r) => a.teacherClassIds.includes(r.classId), 'teachers see the classes they teach'),
  allow(['pupil'], ['read'], 'class', (a, r) => a.pupilClassIds.includes(r.classId), 'pupils see their classes'),
  allow(['parent'], ['read'], 'class', (a, r) => a.children.some((c) => c.classIds.includes(r.classId)), "parents see their children's classes"),
  // Last year's class (a new school year archived it): its former members and their parents only read it, until its date.
  allow(['teacher', 'pupil'], ['read'], 'class', (a, r) => a.formerClassIds.includes(r.classId), "former members see last year's class until its archives' date"),
  allow(['parent'], ['read'], 'class', (a, r) => a.children.some((c) => (c.formerClassIds ?? []).includes(r.classId)), "parents see their children's former class until its date"),
  allow(['teacher'], ['moderate'], 'class', (a, r) => a.teacherClassIds.includes(r.classId), 'teachers moderate the spaces of their classes'),
  allow(['director'], ['moderate'], 'class', always, 'the director moderates the whole school'),
  allow(['director'], ['moderate'], 'school', always, 'the director moderates the whole school'),
  allow(['director', 'admin'], ['read', 'manage'], 'group', always, 'the direction runs every group'),
  allow('any', ['read'], 'group', (a, r) => a.groupIds.includes(r.groupId), 'members see their groups'),
  allow(['parent'], ['read'], 'group', (a, r) => a.children.some((c) => c.groupIds.includes(r.groupId)), "parents see their children's groups"),

  // Users, their activity and sessions
  allow('any', ['read', 'manage'], 'user', self, 'everyone sees and manages their own account'),
  allow('any', ['read', 'manage'], 'session', self, 'everyone manages their own sessions'),
  allow(['director'], ['read', 'manage', 'suspend', 'resetCredentials'], 'user', always, 'account administration by the head of the school'),
  allow(['admin'], ['read', 'manage'], 'user', always, 'account administration (admin reads are logged)'),
  allow(['admin'], ['suspend'], 'user', (_a, r) => !holdsAny(r.profiles, DIRECTION_ONLY_PROFILES), 'the admin suspends accounts, never the director'),
  allow(['admin'], ['resetCredentials'], 'user', (_a, r) => !holdsAny(r.profiles, STAFF_CREDENTIALS), "only the director resets a director's or a teacher's credentials"),
  // A one-time sign-in code is a credential: issued like a reset, and by a pupil's teachers for their pupils, so
  // an account under attack stays open to its real user on a school computer.
  allow(['director'], ['issueSignInCode'], 'user', always, 'the head of the school lets anyone in once'),
  allow(['admin'], ['issueSignInCode'], 'user', (_a, r) => !holdsAny(r.profiles, STAFF_CREDENTIALS), 'like a reset: never for a director or a teacher'),
  allow(['teacher'], ['issueSignInCode'], 'user', (a, r) => a.taughtPupilIds.includes(r.userId), 'a teacher lets a pupil of their class in once'),
  allow(['teacher'], ['resetCredentials'], 'user', (a, r) => a.taughtPupilIds.includes(r.userId) && !holdsAny(r.profiles, STAFF_CREDENTIALS), "a teacher resets the access of a pupil of their class (issue 18)"),
  allow(['director'], ['grant'], 'profileGrant', always, 'the director gives and takes back every profile'),
  allow(['admin'], ['grant'], 'profileGrant', (_a, r) => !STAFF_CREDENTIALS.includes(r.profile as never), 'only a director makes or unmakes a director or a teacher'),
  allow(['teacher'], ['read', 'readActivity'], 'user', (a, r) => a.taughtPupilIds.includes(r.userId), 'teachers see every action of their pupils (charter 001)'),
  allow(['teacher'], ['suspend'], 'user', (a, r) => a.taughtPupilIds.includes(r.userId), 'a teacher can suspend a pupil of their class, after hearing them'),
  allow(['director'], ['readActivity'], 'user', always, 'the director oversees the school'),
  allow(['parent'], ['read'], 'user', (a, r) => a.children.some((c) => c.userId === r.userId), 'parents see their children'),
  allow('any', ['exportData'], 'user', self, 'everyone downloads what Préau holds about them (right of access, issue 17)'),
  allow(['parent'], ['exportData'], 'user', (a, r) => a.children.some((c) => c.userId === r.userId), 'a guardian exercises their child’s right of access'),

  // The audit log
  allow(['director'], ['readAudit', 'verifyAudit'], 'auditLog', always, 'the director reads the school-wide log'),
  allow(['teacher'], ['readAudit'], 'auditLog', (a, r) => teacherOf(a, r.classId), 'teachers read the events of their classes'),

  // Spaces (walls, pads, forums, chats)
  allow(['director'], ['read', 'moderate', 'create'], 'space', always, 'the director moderates the whole school'),
  allow(['director'], ['comment', 'write'], 'space', (_a, r) => open(r), 'the director writes where the space is not archived'),
  allow(['teacher'], ['read', 'moderate', 'create'], 'space', runs, 'teachers run the spaces of their classes, co-owners those shared with them'),
  allow(['teacher'], ['comment', 'write'], 'space', (a, r) => runs(a, r) && open(r), 'teachers write in the spaces they run, unless archived'),
  allow(['teacher', 'pupil', 'staff', 'guest'], ['read'], 'space', (a, r) => belongsTo(a, r.scope), 'members read their spaces'),
  allow(['teacher', 'pupil'], ['read'], 'space', (a, r) => formerlyBelongsTo(a, r.scope), "former members only read last year's class spaces, until the archives' date"),
  allow(['teacher'], ['read'], 'space', (a, r) => coOwns(a, r) && !!r.archived, 'a co-owner only reads an archived space they co-own, like its former members'),
  allow(['pupil'], ['comment', 'write'], 'space', (a, r) => belongsTo(a, r.scope) && !r.locked && open(r) && pupilMayWrite(a, r), 'pupils write where the teacher lets them'),
  allow(['pupil'], ['moderate'], 'space', designated, 'pupil moderators, designated per space'),
  // `moderate` (hide pending review, approve a first publication) is shared with pupil moderators; `configure`
  // (settings, lock, designation, reports, mutes, versions, others' work) stays with teachers and the director.
  allow(['director'], ['configure'], 'space', always, 'the director sets the moderation of the school'),
  allow(['teacher'], ['configure'], 'space', runs, 'teachers configure and sanction in their spaces (co-owners too)'),
  allow(['parent'], ['read'], 'space', parentReads, 'parents read what their children can read (the class chat only when opened to them)'),
  allow(['parent'], ['read'], 'space', (a, r) => childFormerlyBelongsTo(a, r.scope) && r.parentsRead, "parents read their child's former class spaces until the archives' date"),
  allow(['parent'], ['comment'], 'space', (a, r) => parentReads(a, r) && r.parentsMayComment && !r.locked && open(r), 'parents comment where allowed'),
  // Taking a space's whole content away (a wall's JSON export) is for those who run it; every reader may print it.
  allow(['director'], ['export'], 'space', always, 'the director is responsible for publication'),
  allow(['teacher'], ['export'], 'space', runs, 'teachers export the spaces they run'),
  // Pupils' work copied into another class or group (a duplication elsewhere): only by the teachers of its own scope.
  allow(['director'], ['carryPupilsWork'], 'space', always, 'the director is responsible for publication'),
  allow(['teacher'], ['carryPupilsWork'], 'space', (a, r) => teaches(a, r.scope), "only a teacher of the space's own class or group takes its pupils' work elsewhere, never a co-owner"),

  // Moderation of one contribution (the console, and every screen's menus, ask these)
  allow(['director'], ITEM_ACTIONS, 'item', always, 'the director is responsible for publication'),
  allow(['teacher'], ITEM_ACTIONS, 'item', (a, r) => runs(a, r.space), 'teachers moderate the spaces they run'),
  allow(['pupil'], ['hide'], 'item', (a, r) => designated(a, r.space) && r.state === 'visible' && !ownItem(a, r), 'a pupil moderator hides a published item, pending a teacher’s review'),
  allow(
    ['pupil'],
    ['approve'],
    'item',
    (a, r) => designated(a, r.space) && r.state === 'pending' && r.firstReview && !r.pendingEdit && !r.personalInfo && !ownItem(a, r),
    'a pupil moderator approves a first publication of someone else, never what a teacher or the personal-information guard holds',
  ),
  // Reading what is not published (`canReadItem`): those who run the space read everything held, a pupil
  // moderator only what they may approve; never what a teacher hid or the personal-information guard holds.
  allow(['director'], ['readHeld'], 'item', always, 'the director is responsible for publication'),
  allow(['teacher'], ['readHeld'], 'item', (a, r) => runs(a, r.space), 'teachers review what is held in the spaces they run'),
  allow(
    ['pupil'],
    ['readHeld'],
    'item',
    (a, r) => designated(a, r.space) && r.state === 'pending' && r.firstReview && !r.pendingEdit && !r.personalInfo && !ownItem(a, r),
    'a pupil moderator reads exactly what they may approve: never a hidden item, personal information or a pending change',
  ),
];

function pupilMayWrite(actor: Actor, space: ResourceOf<'space'>): boolean {
  switch (space.writers) {
    case 'everyone':
    case 'pupils':
      return true;
    case 'some':
      return space.writerIds?.includes(actor.userId) ?? false;
    case 'teachers':
      return false;
  }
}
