/**
 * « Retirer de l'école » (issue 17, Deliver 3): the director removes a person; they are disabled at once (status
 * `pending_deletion`, no sign-in, sessions ended, live connections closed through the bus), told by e-mail when an
 * address exists (and their guardians for a pupil), and erased by the deletion job after the school's delay.
 */
import { AppError } from '../../../shared/errors';
import type { PublicUser } from '../../../shared/identity/api';
import { auditedChange } from '../../audit/command';
import { serverNow } from '../../clock';
import type { ServerContext } from '../../context';
import { presentUser, type UserDoc } from '../directory/model';
import { directoryEvent, type CommandAuthor } from '../directory/service';
import { loadPreferences } from '../notifications/preferences';
import { sendEmail } from '../notifications/email/send';
import { deletionDelayDays, removalsCollection } from './model';
import { removalEmail } from './words';

const DAY_MS = 86_400_000;

/** Removes a person from the school (the route asked `administer` and `suspend` about them). */
export async function removeUser(ctx: ServerContext, by: CommandAuthor, loaded: UserDoc | null, input: { objectsToKeeping?: boolean | undefined }): Promise<PublicUser> {
  if (!loaded || loaded.schoolId !== by.schoolId) throw new AppError('NOT_FOUND', 'User not found');
  if (loaded._id === by.userId) throw new AppError('VALIDATION', 'You cannot remove yourself');
  if (loaded.status === 'pending_deletion') throw new AppError('CONFLICT', 'The account is already removed');
  const user = loaded;
  const now = serverNow(ctx);
  const delay = await deletionDelayDays(ctx, user.schoolId);
  const deleteAt = now + delay * DAY_MS;
  const objectsToKeeping = input.objectsToKeeping ?? false;
  const ended = await auditedChange(ctx, async (record) => {
    await ctx.services.directory.users.updateOne({ _id: user._id, status: user.status }, { $set: { status: 'pending_deletion', deletionDate: deleteAt, updatedAt: now } });
    await removalsCollection(ctx).updateOne(
      { _id: user._id },
      { $set: { schoolId: user.schoolId, removedAt: now, deleteAt, objectsToKeeping } },
      { upsert: true },
    );
    const ids = await ctx.services.sessions.endAllOf(user._id);
    await record(
      directoryEvent(by, {
        event: 'user.removed',
        target: { type: 'user', id: user._id, ownerId: user._id },
        fields: ['status', 'deletionDate'],
        before: { status: user.status },
        after: { status: 'pending_deletion', deletionDate: deleteAt, objectsToKeeping, sessionsClosed: ids.length },
        reason: `erased after ${delay} days`,
      }),
    );
    return ids;
  });
  await ctx.services.live.disconnectSession(ended, 'ended');
  await ctx.services.live.disconnectUser(user._id, 'removed from the school');
  await ctx.services.bus.publish('user.rightsChanged', user._id);
  await tellByEmail(ctx, user, deleteAt).catch((error: unknown) => ctx.logger.warn({ err: error }, 'removal e-mail not sent'));
  return presentUser({ ...user, status: 'pending_deletion', deletionDate: deleteAt });
}

/** The e-mail of the removal, to the person's own address and, for a pupil, each guardian's (with SMTP only). */
async function tellByEmail(ctx: ServerContext, user: UserDoc, deleteAt: number): Promise<void> {
  if (!ctx.config.smtp) return;
  const guardians = user.profiles.includes('pupil') ? await ctx.services.directory.guardianships.find({ childId: user._id, schoolId: user.schoolId }) : [];
  const recipients = [user._id, ...guardians.map((g) => g.parentId)];
  const link = `${ctx.origins.publicOrigin}/mes-donnees`;
  for (const recipient of recipients) {
    const address = (await loadPreferences(ctx, recipient)).emailAddress;
    if (!address) continue;
    await sendEmail(ctx, address, removalEmail(user.displayName, recipient === user._id, deleteAt, link), link);
  }
}

/** Records an objection to keeping a removed person's contributions (or its withdrawal), until the erasure. */
export async function setObjection(ctx: ServerContext, by: CommandAuthor, person: UserDoc, objectsToKeeping: boolean): Promise<{ objectsToKeeping: boolean }> {
  const removal = await removalsCollection(ctx).findOne({ _id: person._id, schoolId: person.schoolId });
  if (!removal || person.status !== 'pending_deletion') throw new AppError('CONFLICT', 'This person is not removed from the school');
  await auditedChange(ctx, async (record) => {
    await removalsCollection(ctx).updateOne({ _id: person._id }, { $set: { objectsToKeeping } });
    await record(
      directoryEvent(by, {
        event: 'user.objection_changed',
        target: { type: 'user', id: person._id, ownerId: person._id },
        fields: ['objectsToKeeping'],
        before: { objectsToKeeping: removal.objectsToKeeping },
        after: { objectsToKeeping },
      }),
    );
  });
  return { objectsToKeeping };
}
