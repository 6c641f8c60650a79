/**
 * The directory's commands: creating accounts and classes, changing profiles, suspending and restoring,
 * resetting a password. Who may call each is decided before, by the route's policy, on the account as the check
 * loaded it; each command checks what only the data can tell (same school, no self-suspension, the account
 * unchanged since that decision) and writes its change and its one audit event in ONE transaction
 * (`auditedChange`). Passwords are hashed before the transaction opens; live connections are closed and rights
 * re-evaluated after it committed. The class-list import lives in `import.ts`, the read side in `queries.ts`.
 */
import { AppError } from '../../../shared/errors';
import type { AuditActor, AuditEventName, AuditOrigin } from '../../../shared/audit/events';
import type { CreatedAccount, PublicUser } from '../../../shared/identity/api';
import type { Profile } from '../../../shared/identity/profiles';
import type { CreateUserReq } from '../../../shared/identity/schemas';
import { auditedChange } from '../../audit/command';
import type { AuditInput } from '../../audit/log';
import type { ServerContext } from '../../context';
import { auditActorOf, type RequestState } from '../../http/request-state';
import { generatePassword, hashPassword } from '../auth/passwords';
import { insertUser, loginBaseFromDisplayName } from './logins';
import { presentUser, type ClassDoc, type UserDoc } from './model';

/** Who runs a command: their school, their account (null for a job), and how the audit log names them. */
export interface CommandAuthor {
  schoolId: string;
  userId: string | null;
  actor: Partial<AuditActor>;
  origin: AuditOrigin;
}

/** The author of a command run by a signed-in HTTP request. */
export function authorOf(state: RequestState): CommandAuthor {
  if (!state.user) throw new AppError('UNAUTHENTICATED', 'Sign in first');
  return { schoolId: state.user.schoolId, userId: state.user._id, actor: auditActorOf(state), origin: 'http' };
}

/** A pupil may have two legal guardians (BRIEF: "a pupil may have two"). */
export const MAX_GUARDIANS = 2;

/** The one audit event of a directory command, with the raw contents before and after (the log hashes them). */
export interface DirectoryEvent {
  event: AuditEventName;
  target: { type: string; id: string; ownerId: string | null };
  classId?: string | null;
  fields: string[];
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

/** The audit input of a directory command's event, recorded in the command's transaction. */
export function directoryEvent(by: CommandAuthor, change: DirectoryEvent): AuditInput {
  return {
    schoolId: by.schoolId,
    actor: by.actor,
    origin: by.origin,
    event: change.event,
    target: change.target,
    context: { classId: change.classId ?? null },
    change: { fields: change.fields, before: change.before, after: change.after },
    reason: change.reason ?? null,
  };
}

/** A user of the author's school, or NOT_FOUND (an id from another school is not found, not forbidden). */
export async function userOfSchool(ctx: ServerContext, schoolId: string, userId: string): Promise<UserDoc> {
  const user = await ctx.services.directory.users.findOne({ _id: userId, schoolId });
  if (!user) throw new AppError('NOT_FOUND', 'User not found');
  return user;
}

export async function classOfSchool(ctx: ServerContext, schoolId: string, classId: string): Promise<ClassDoc> {
  const found = await ctx.services.directory.classes.findOne({ _id: classId, schoolId });
  if (!found) throw new AppError('NOT_FOUND', 'Class not found');
  return found;
}

/** The class an account event concerns, so the teachers of that class see it in their part of the log. */
async function classContextOf(ctx: ServerContext, userId: string): Promise<string | null> {
  const membership = await ctx.services.directory.memberships.findOne({ userId, kind: 'class' }, { sort: { targetId: 1 } });
  return membership?.targetId ?? null;
}

/** The fields of a new account, before its login is chosen. */
export function newUserFields(
  schoolId: string,
  input: { displayName: string; profiles: Profile[]; passwordHash: string; mustChangePassword: boolean },
): Omit<UserDoc, '_id' | 'login' | 'searchText'> {
  const now = Date.now();
  return {
    schoolId,
    displayName: input.displayName,
    profiles: [...new Set(input.profiles)],
    status: 'active',
    deletionDate: null,
    passwordHash: input.passwordHash,
    mustChangePassword: input.mustChangePassword,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * The account a command acts on, as the route's check loaded it and decided on: of the author's school
 * (NOT_FOUND otherwise, as for an unknown id), and not the author's own when `self` says why not.
 */
function targetOf(by: CommandAuthor, target: UserDoc | null, self?: string): UserDoc {
  if (!target || target.schoolId !== by.schoolId) throw new AppError('NOT_FOUND', 'User not found');
  if (self && target._id === by.userId) throw new AppError('VALIDATION', self);
  return target;
}

/**
 * Writes a change to an account only if it is still as the policy check read it (same `updatedAt`): a decision
 * taken on its profiles or status never applies to an account that changed meanwhile (CONFLICT).
 */
async function updateAsDecided(ctx: ServerContext, target: UserDoc, set: Partial<UserDoc>, also: Record<string, unknown> = {}): Promise<void> {
  const changed = await ctx.services.directory.users.updateOne(
    { _id: target._id, updatedAt: target.updatedAt, ...also },
    { $set: { ...set, updatedAt: Math.max(Date.now(), target.updatedAt + 1) } },
  );
  if (changed.matchedCount === 0) throw new AppError('CONFLICT', 'The account changed meanwhile');
}

const accountTarget = (user: UserDoc) => ({ type: 'user', id: user._id, ownerId: user._id });

/** Creates one account, its class memberships and its guardianships; returns it with its initial password. */
export async function createAccount(ctx: ServerContext, by: CommandAuthor, input: CreateUserReq): Promise<CreatedAccount> {
  const { directory } = ctx.services;
  const profiles = [...new Set(input.profiles)];
  const classIds = [...new Set(input.classIds)];
  const childIds = [...new Set(input.childIds)];
  const role = profiles.includes('teacher') ? 'teacher' : profiles.includes('pupil') ? 'pupil' : null;
  if (classIds.length > 0 && !role) {
    throw new AppError('VALIDATION', 'Only pupils and teachers belong to classes', [{ path: 'classIds', message: 'needs the pupil or teacher profile' }]);
  }
  if (childIds.length > 0 && !profiles.includes('parent')) {
    throw new AppError('VALIDATION', 'Only parents have children', [{ path: 'childIds', message: 'needs the parent profile' }]);
  }
  const classes = await directory.classes.find({ _id: { $in: classIds }, schoolId: by.schoolId });
  if (classes.length !== classIds.length) throw new AppError('NOT_FOUND', 'Class not found');
  const children = await directory.users.find({ _id: { $in: childIds }, schoolId: by.schoolId });
  if (children.length !== childIds.length) throw new AppError('NOT_FOUND', 'Child not found');
  const notPupil = children.find((child) => !child.profiles.includes('pupil'));
  if (notPupil) throw new AppError('VALIDATION', 'A child must be a pupil', [{ path: 'childIds', message: `${notPupil._id} is not a pupil` }]);

  // argon2 is slow on purpose: hashed before the transaction, which holds the store while it runs.
  const initialPassword = generatePassword();
  const fields = newUserFields(by.schoolId, {
    displayName: input.displayName,
    profiles,
    passwordHash: await hashPassword(initialPassword),
    mustChangePassword: true,
  });
  const account = await auditedChange(ctx, async (record) => {
    // Counted in the transaction, so two parents added at once cannot both be the second guardian.
    for (const child of children) {
      if ((await directory.guardianships.count({ childId: child._id })) >= MAX_GUARDIANS) {
        throw new AppError('CONFLICT', `A pupil has at most ${MAX_GUARDIANS} legal guardians`);
      }
    }
    const user = await insertUser(directory, input.login ? { fixed: input.login } : { base: loginBaseFromDisplayName(input.displayName) }, fields);
    if (role) {
      for (const classId of classIds) {
        await directory.memberships.insertOne({ schoolId: by.schoolId, userId: user._id, kind: 'class', targetId: classId, role });
      }
    }
    for (const childId of childIds) await directory.guardianships.insertOne({ schoolId: by.schoolId, parentId: user._id, childId });
    const created = presentUser(user);
    await record(
      directoryEvent(by, {
        event: 'user.created',
        target: accountTarget(user),
        classId: classIds[0] ?? null,
        fields: ['login', 'displayName', 'profiles', ...(classIds.length ? ['classIds'] : []), ...(childIds.length ? ['childIds'] : [])],
        after: { ...created, classIds, childIds },
        reason: profiles.join(','),
      }),
    );
    return created;
  });
  return { user: account, initialPassword };
}

/**
 * Replaces a user's profiles (the route asked `grant` for each profile given or taken back). Nobody changes
 * their own (no self-promotion, no locking oneself out).
 */
export async function changeProfiles(ctx: ServerContext, by: CommandAuthor, loaded: UserDoc | null, profiles: Profile[]): Promise<PublicUser> {
  const user = targetOf(by, loaded, 'You cannot change your own profiles');
  const next = [...new Set(profiles)];
  await auditedChange(ctx, async (record) => {
    await updateAsDecided(ctx, user, { profiles: next });
    await record(
      directoryEvent(by, {
        event: 'user.profiles_changed',
        target: accountTarget(user),
        classId: await classContextOf(ctx, user._id),
        fields: ['profiles'],
        before: { profiles: user.profiles },
        after: { profiles: next },
        reason: `${user.profiles.join(',')} → ${next.join(',')}`,
      }),
    );
  });
  // Live connections carry the rights they were opened with: close them if any right was removed.
  const removed = user.profiles.filter((profile) => !next.includes(profile));
  if (removed.length > 0) await ctx.services.live.disconnectUser(user._id, 'profiles changed');
  await ctx.services.bus.publish('user.rightsChanged', user._id);
  return presentUser({ ...user, profiles: next });
}

/**
 * Suspends an account (BRIEF rule 10, after the user has been heard: the reason says so): it can no longer sign
 * in, its sessions are closed and its live connections dropped at once (checklist 4).
 */
export async function suspendUser(ctx: ServerContext, by: CommandAuthor, loaded: UserDoc | null, reason: string): Promise<PublicUser> {
  const user = targetOf(by, loaded, 'You cannot suspend yourself');
  if (user.status !== 'active') throw new AppError('CONFLICT', `The account is ${user.status}`);
  await auditedChange(ctx, async (record) => {
    await updateAsDecided(ctx, user, { status: 'suspended' }, { status: 'active' });
    const closed = await ctx.services.sessions.destroyAllOf(user._id);
    await record(
      directoryEvent(by, {
        event: 'user.suspended',
        target: accountTarget(user),
        classId: await classContextOf(ctx, user._id),
        fields: ['status'],
        before: { status: user.status },
        after: { status: 'suspended', sessionsClosed: closed },
        reason,
      }),
    );
  });
  await ctx.services.live.disconnectUser(user._id, reason);
  return presentUser({ ...user, status: 'suspended' });
}

/** Gives a suspended account its access back. */
export async function restoreUser(ctx: ServerContext, by: CommandAuthor, loaded: UserDoc | null, reason: string | null = null): Promise<PublicUser> {
  const user = targetOf(by, loaded);
  if (user.status !== 'suspended') throw new AppError('CONFLICT', `The account is ${user.status}`);
  await auditedChange(ctx, async (record) => {
    await updateAsDecided(ctx, user, { status: 'active' }, { status: 'suspended' });
    await record(
      directoryEvent(by, {
        event: 'user.restored',
        target: accountTarget(user),
        classId: await classContextOf(ctx, user._id),
        fields: ['status'],
        before: { status: 'suspended' },
        after: { status: 'active' },
        reason,
      }),
    );
  });
  return presentUser({ ...user, status: 'active' });
}

/**
 * Gives an account a new generated password, to be changed at the next sign-in, and closes its sessions and
 * live connections: whoever knew the old password is out.
 */
export async function resetPassword(ctx: ServerContext, by: CommandAuthor, loaded: UserDoc | null): Promise<CreatedAccount> {
  const user = targetOf(by, loaded, 'Change your own password from your account page');
  const initialPassword = generatePassword();
  const passwordHash = await hashPassword(initialPassword);
  const ended = await auditedChange(ctx, async (record) => {
    await updateAsDecided(ctx, user, { passwordHash, mustChangePassword: true });
    const ids = await ctx.services.sessions.endAllOf(user._id);
    await record(
      directoryEvent(by, {
        event: 'user.password_reset',
        target: accountTarget(user),
        classId: await classContextOf(ctx, user._id),
        fields: ['passwordHash', 'mustChangePassword'],
        reason: `${ids.length} sessions closed`,
      }),
    );
    return ids;
  });
  // Its sessions' sockets and pads close saying the session ended (not « suspended »).
  await ctx.services.live.disconnectSession(ended, 'passwordChanged');
  return { user: presentUser(user), initialPassword };
}

/** Creates a class of the author's school. */
export function createClass(ctx: ServerContext, by: CommandAuthor, input: { name: string; level: string; schoolYear: string }): Promise<ClassDoc> {
  const { classes } = ctx.services.directory;
  return auditedChange(ctx, async (record) => {
    if (await classes.findOne({ schoolId: by.schoolId, name: input.name, schoolYear: input.schoolYear })) {
      throw new AppError('CONFLICT', 'A class with this name already exists this school year');
    }
    const created = await classes.insertOne({ schoolId: by.schoolId, ...input, createdAt: Date.now() });
    await record(
      directoryEvent(by, {
        event: 'class.created',
        target: { type: 'class', id: created._id, ownerId: null },
        classId: created._id,
        fields: ['name', 'level', 'schoolYear'],
        after: input,
      }),
    );
    return created;
  });
}
