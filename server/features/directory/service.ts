/**
 * The directory's commands: creating accounts and classes, changing profiles, suspending and restoring,
 * resetting a password. Each command checks what only the data can tell (same school, existing targets, no
 * self-suspension); who may call it is decided before, by the route's policy. Each records exactly one audit event.
 * The class-list import lives in `import.ts`, the read side in `queries.ts`.
 */
import { AppError } from '../../../shared/errors';
import type { AuditActor, AuditEventName, AuditOrigin } from '../../../shared/audit/events';
import type { CreatedAccount, PublicUser } from '../../../shared/identity/api';
import type { Profile } from '../../../shared/identity/profiles';
import type { CreateUserReq } from '../../../shared/identity/schemas';
import { contentHash } from '../../audit/canonical';
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

export interface AuditedChange {
  event: AuditEventName;
  target: { type: string; id: string; ownerId: string | null };
  classId?: string | null;
  fields: string[];
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

/** Records the one audit event of a command. */
export function recordChange(ctx: ServerContext, by: CommandAuthor, change: AuditedChange): Promise<unknown> {
  return ctx.services.audit.record({
    schoolId: by.schoolId,
    actor: by.actor,
    origin: by.origin,
    event: change.event,
    target: change.target,
    context: { classId: change.classId ?? null },
    change: {
      fields: change.fields,
      beforeHash: change.before === undefined ? null : contentHash(change.before),
      afterHash: change.after === undefined ? null : contentHash(change.after),
    },
    reason: change.reason ?? null,
  });
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
  for (const child of children) {
    if ((await directory.guardianships.count({ childId: child._id })) >= MAX_GUARDIANS) {
      throw new AppError('CONFLICT', `A pupil has at most ${MAX_GUARDIANS} legal guardians`);
    }
  }

  const initialPassword = generatePassword();
  const fields = newUserFields(by.schoolId, {
    displayName: input.displayName,
    profiles,
    passwordHash: await hashPassword(initialPassword),
    mustChangePassword: true,
  });
  const user = await insertUser(directory, input.login ? { fixed: input.login } : { base: loginBaseFromDisplayName(input.displayName) }, fields);
  if (role) {
    for (const classId of classIds) {
      await directory.memberships.insertOne({ schoolId: by.schoolId, userId: user._id, kind: 'class', targetId: classId, role });
    }
  }
  for (const childId of childIds) await directory.guardianships.insertOne({ schoolId: by.schoolId, parentId: user._id, childId });

  const account = presentUser(user);
  await recordChange(ctx, by, {
    event: 'user.created',
    target: { type: 'user', id: user._id, ownerId: user._id },
    classId: classIds[0] ?? null,
    fields: ['login', 'displayName', 'profiles', ...(classIds.length ? ['classIds'] : []), ...(childIds.length ? ['childIds'] : [])],
    after: { ...account, classIds, childIds },
  });
  return { user: account, initialPassword };
}

/** Replaces a user's profiles. Nobody changes their own (no self-promotion, no locking oneself out). */
export async function changeProfiles(ctx: ServerContext, by: CommandAuthor, userId: string, profiles: Profile[]): Promise<PublicUser> {
  if (userId === by.userId) throw new AppError('VALIDATION', 'You cannot change your own profiles');
  const user = await userOfSchool(ctx, by.schoolId, userId);
  const next = [...new Set(profiles)];
  await ctx.services.directory.users.updateOne({ _id: user._id }, { $set: { profiles: next, updatedAt: Date.now() } });
  // Live connections carry the rights they were opened with: close them if any right was removed.
  const removed = user.profiles.filter((profile) => !next.includes(profile));
  if (removed.length > 0) await ctx.services.live.disconnectUser(user._id, 'profiles changed');
  await recordChange(ctx, by, {
    event: 'user.profiles_changed',
    target: { type: 'user', id: user._id, ownerId: user._id },
    classId: await classContextOf(ctx, user._id),
    fields: ['profiles'],
    before: { profiles: user.profiles },
    after: { profiles: next },
    reason: `${user.profiles.join(',')} → ${next.join(',')}`,
  });
  return presentUser({ ...user, profiles: next });
}

/**
 * Suspends an account (BRIEF rule 10, after the user has been heard: the reason says so): it can no longer sign
 * in, its sessions are closed and its live connections dropped at once (checklist 4).
 */
export async function suspendUser(ctx: ServerContext, by: CommandAuthor, userId: string, reason: string): Promise<PublicUser> {
  if (userId === by.userId) throw new AppError('VALIDATION', 'You cannot suspend yourself');
  const user = await userOfSchool(ctx, by.schoolId, userId);
  if (user.status !== 'active') throw new AppError('CONFLICT', `The account is ${user.status}`);
  const changed = await ctx.services.directory.users.updateOne(
    { _id: user._id, status: 'active' },
    { $set: { status: 'suspended', updatedAt: Date.now() } },
  );
  if (changed.matchedCount === 0) throw new AppError('CONFLICT', 'The account changed meanwhile');
  const closed = await ctx.services.sessions.destroyAllOf(user._id);
  await ctx.services.live.disconnectUser(user._id, reason);
  await recordChange(ctx, by, {
    event: 'user.suspended',
    target: { type: 'user', id: user._id, ownerId: user._id },
    classId: await classContextOf(ctx, user._id),
    fields: ['status'],
    before: { status: user.status },
    after: { status: 'suspended', sessionsClosed: closed },
    reason,
  });
  return presentUser({ ...user, status: 'suspended' });
}

/** Gives a suspended account its access back. */
export async function restoreUser(ctx: ServerContext, by: CommandAuthor, userId: string, reason: string | null = null): Promise<PublicUser> {
  const user = await userOfSchool(ctx, by.schoolId, userId);
  if (user.status !== 'suspended') throw new AppError('CONFLICT', `The account is ${user.status}`);
  const changed = await ctx.services.directory.users.updateOne(
    { _id: user._id, status: 'suspended' },
    { $set: { status: 'active', updatedAt: Date.now() } },
  );
  if (changed.matchedCount === 0) throw new AppError('CONFLICT', 'The account changed meanwhile');
  await recordChange(ctx, by, {
    event: 'user.restored',
    target: { type: 'user', id: user._id, ownerId: user._id },
    classId: await classContextOf(ctx, user._id),
    fields: ['status'],
    before: { status: 'suspended' },
    after: { status: 'active' },
    reason,
  });
  return presentUser({ ...user, status: 'active' });
}

/**
 * Gives an account a new generated password, to be changed at the next sign-in, and closes its sessions and
 * live connections: whoever knew the old password is out.
 */
export async function resetPassword(ctx: ServerContext, by: CommandAuthor, userId: string): Promise<CreatedAccount> {
  if (userId === by.userId) throw new AppError('VALIDATION', 'Change your own password from your account page');
  const user = await userOfSchool(ctx, by.schoolId, userId);
  const initialPassword = generatePassword();
  await ctx.services.directory.users.updateOne(
    { _id: user._id },
    { $set: { passwordHash: await hashPassword(initialPassword), mustChangePassword: true, updatedAt: Date.now() } },
  );
  const closed = await ctx.services.sessions.destroyAllOf(user._id);
  await ctx.services.live.disconnectUser(user._id, 'password reset');
  await recordChange(ctx, by, {
    event: 'user.password_reset',
    target: { type: 'user', id: user._id, ownerId: user._id },
    classId: await classContextOf(ctx, user._id),
    fields: ['passwordHash', 'mustChangePassword'],
    reason: `${closed} sessions closed`,
  });
  return { user: presentUser(user), initialPassword };
}

/** Creates a class of the author's school. */
export async function createClass(
  ctx: ServerContext,
  by: CommandAuthor,
  input: { name: string; level: string; schoolYear: string },
): Promise<ClassDoc> {
  const { classes } = ctx.services.directory;
  if (await classes.findOne({ schoolId: by.schoolId, name: input.name, schoolYear: input.schoolYear })) {
    throw new AppError('CONFLICT', 'A class with this name already exists this school year');
  }
  const created = await classes.insertOne({ schoolId: by.schoolId, ...input, createdAt: Date.now() });
  await recordChange(ctx, by, {
    event: 'class.created',
    target: { type: 'class', id: created._id, ownerId: null },
    classId: created._id,
    fields: ['name', 'level', 'schoolYear'],
    after: input,
  });
  return created;
}
