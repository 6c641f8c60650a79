import { CYCLE_2_LEVELS, exemptFromPasswordChange, normalizeLevel, SCHOOL_LEVELS, type PasswordChangeSetting } from '../../../shared/identity/sign-in-card';
import { auditedChange } from '../../audit/command';
import type { ServerContext } from '../../context';
import type { UserDoc } from '../directory/model';
import { directoryEvent, type CommandAuthor } from '../directory/service';

/** The school's levels whose pupils are not forced to change their given password (default: cycle 2). */
export async function passwordChangeSetting(ctx: ServerContext, schoolId: string): Promise<PasswordChangeSetting> {
  const school = await ctx.services.directory.schools.findOne({ _id: schoolId });
  const stored = school?.settings?.passwordChangeExemptLevels ?? [...CYCLE_2_LEVELS];
  return { exemptLevels: SCHOOL_LEVELS.filter((level) => stored.map(normalizeLevel).includes(level)) };
}

/** Sets the exempt levels (the director), with its audit event, in one transaction. */
export async function setPasswordChangeSetting(ctx: ServerContext, by: CommandAuthor, next: PasswordChangeSetting): Promise<PasswordChangeSetting> {
  const before = await passwordChangeSetting(ctx, by.schoolId);
  const exemptLevels = SCHOOL_LEVELS.filter((level) => next.exemptLevels.includes(level));
  await auditedChange(ctx, async (record) => {
    await ctx.services.directory.schools.updateOne({ _id: by.schoolId }, { $set: { 'settings.passwordChangeExemptLevels': exemptLevels } });
    await record(
      directoryEvent(by, {
        event: 'school.password_change_set',
        target: { type: 'school', id: by.schoolId, ownerId: null },
        fields: ['settings.passwordChangeExemptLevels'],
        before,
        after: { exemptLevels },
      }),
    );
  });
  return { exemptLevels };
}

/**
 * Whether this account may keep its given password: a pupil (and nothing else: adults are never exempt) whose
 * classes are all of levels the school exempts. Asked at sign-in, where a forced change is lifted for good.
 */
export async function exemptFromForcedChange(ctx: ServerContext, user: UserDoc): Promise<boolean> {
  if (!user.mustChangePassword || user.profiles.length === 0 || user.profiles.some((profile) => profile !== 'pupil')) return false;
  const { memberships, classes } = ctx.services.directory;
  const classIds = (await memberships.find({ userId: user._id, kind: 'class', role: 'pupil' })).map((membership) => membership.targetId);
  if (classIds.length === 0) return false;
  const levels = (await classes.find({ _id: { $in: classIds } })).map((found) => found.level);
  return exemptFromPasswordChange(levels, (await passwordChangeSetting(ctx, user.schoolId)).exemptLevels);
}
