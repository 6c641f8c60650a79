/**
 * The deletion job (issue 17, Deliver 3): once a day (once across nodes, server/jobs/periodic.ts), every person
 * removed from the school whose delay has passed is erased: account, sessions, private content, files,
 * notifications, preferences, sign-in cards and codes, charter acceptances, guardianships, memberships. Their
 * contributions to shared spaces stay the class's work under « Ancien élève » / « Ancien parent » (their author id
 * becomes a pseudonym), or are removed when they objected. The audit entries naming them are pseudonymised
 * (server/audit/pseudonymise.ts) and the erasure is audited by the pseudonym only. Idempotent: an erased person
 * is never found again, and a run interrupted half-way finishes the work on the next run.
 */
import { DELETION_JOB_BATCH, DELETION_JOB_MAX_BATCHES } from '../../../shared/lifecycle/limits';
import { auditedChange } from '../../audit/command';
import { formerLabel, pseudonymiseAuditSubject } from '../../audit/pseudonymise';
import type { ServerContext } from '../../context';
import { blobsCollection } from '../blobs/model';
import { blobDeleter } from '../blobs/service';
import { chatCollections } from '../chat/model';
import type { UserDoc } from '../directory/model';
import { forumCollections } from '../forum/model';
import { cardsCollection, commentsCollection } from '../wall/model';
import { removalsCollection, type RemovalDoc } from './model';
import { scrubPerson } from './scrub';

/** Collections of a person's own, by the field naming them: deleted whole. */
const PRIVATE: ReadonlyArray<[collection: string, field: string]> = [
  ['sessions', 'userId'],
  ['notifications', 'userId'],
  ['notificationAnnounced', 'userId'],
  ['notificationEmailMarks', 'userId'],
  ['notificationPreferences', '_id'],
  ['displayPreferences', '_id'],
  ['signInCards', 'userId'],
  ['signInCodes', 'userId'],
  ['charterAcceptances', 'userId'],
  ['memberships', 'userId'],
  ['guardianships', 'parentId'],
  ['guardianships', 'childId'],
  ['rectifications', 'subjectId'],
  ['rectifications', 'requesterId'],
  ['forum_reads', 'userId'],
  ['mutes', 'userId'],
  ['reports', 'reporterId'],
];

/** Removes what they wrote in shared spaces (on objection), with its files. */
async function removeContributions(ctx: ServerContext, schoolId: string, userId: string): Promise<number> {
  const { store } = ctx;
  let removed = 0;
  removed += await cardsCollection(store).deleteMany({ schoolId, authorId: userId });
  removed += await commentsCollection(store).deleteMany({ schoolId, authorId: userId });
  const forum = await forumCollections(store);
  removed += await forum.posts.deleteMany({ schoolId, authorId: userId });
  removed += await forum.topics.deleteMany({ schoolId, authorId: userId });
  const chat = await chatCollections(store);
  removed += await chat.messages.deleteMany({ schoolId, authorId: userId });
  return removed;
}

/** Erases one person; false when someone else (another node, an earlier run) already did. */
async function erasePerson(ctx: ServerContext, removal: RemovalDoc): Promise<boolean> {
  const { directory } = ctx.services;
  const user: UserDoc | null = await directory.users.findOne({ _id: removal._id, schoolId: removal.schoolId });
  const userId = removal._id;
  const schoolId = removal.schoolId;
  if (!user) {
    // Erased already, its removal left behind by a crash: nothing names them any more but this row.
    await removalsCollection(ctx).deleteOne({ _id: userId });
    return false;
  }
  const emails: string[] = [];
  const preferences = await ctx.store.collection<{ _id: string; emailAddress?: string | null }>('notificationPreferences').findOne({ _id: userId });
  if (preferences?.emailAddress) emails.push(preferences.emailAddress);

  // Files first (bytes and quota, each idempotent): all of them on objection, else those no kept card shows.
  const cards = removal.objectsToKeeping ? [] : await cardsCollection(ctx.store).find({ schoolId, authorId: userId });
  const owned = await blobsCollection(ctx.store).find({ schoolId, ownerId: userId });
  const shown = new Set(cards.flatMap((card) => (card.attachment ? [card.attachment.blobId] : [])));
  for (const blob of owned) if (shown.has(blob._id) && blob.thumbId) shown.add(blob.thumbId);
  for (const blob of owned) if (!shown.has(blob._id)) await blobDeleter(ctx, blob._id);

  // The log: every entry naming them, rewritten with their pseudonym (the chain still verifies).
  const { pseudonym } = await pseudonymiseAuditSubject(ctx, schoolId, userId, { login: user.login, displayName: user.displayName, emails, profiles: user.profiles });
  const label = formerLabel(user.profiles);

  // What the notification service still has to deliver about them is delivered first, then made anonymous.
  await ctx.services.notifications.idle();
  const target = { userId, schoolId, pseudonym, label, texts: [user.displayName, user.login, ...emails] };
  const done = await auditedChange(ctx, async (record) => {
    let erased = 0;
    for (const [name, field] of PRIVATE) erased += await ctx.store.collection(name).deleteMany({ [field]: userId });
    const contributions = removal.objectsToKeeping ? await removeContributions(ctx, schoolId, userId) : 0;
    // What stays (shared contributions, pad attribution, moderation records): their id, name and login replaced.
    const scrubbed = await scrubPerson(ctx, target);
    await directory.users.deleteOne({ _id: userId });
    await removalsCollection(ctx).deleteOne({ _id: userId });
    await record({
      schoolId,
      actor: { userId: null },
      origin: 'job',
      event: 'user.erased',
      target: { type: 'user', id: pseudonym, ownerId: null },
      reason: `${erased} private records erased, ${contributions} contributions removed on objection, ${scrubbed} records made anonymous`,
    });
    return true;
  });
  // The erasure's own audit entry may notify: what that gathered names nobody, but check once more.
  await ctx.services.notifications.idle();
  await scrubPerson(ctx, target, ['notifications']);
  return done;
}

/**
 * The job: erases everyone whose delay has passed, batch after batch, so that a school emptying a whole year in July
 * still erases each person within the legal delay (up to `DELETION_JOB_MAX_BATCHES` batches a run; a batch in which
 * nobody could be erased ends the run, so one failing person never makes it spin).
 */
export async function deletionJob(ctx: ServerContext, now: number): Promise<{ erased: number }> {
  let erased = 0;
  for (let batch = 0; batch < DELETION_JOB_MAX_BATCHES; batch += 1) {
    const due = await removalsCollection(ctx).find({ deleteAt: { $lte: now } }, { sort: { deleteAt: 1 }, limit: DELETION_JOB_BATCH });
    let erasedNow = 0;
    for (const removal of due) if (await erasePerson(ctx, removal)) erasedNow += 1;
    erased += erasedNow;
    if (due.length < DELETION_JOB_BATCH || erasedNow === 0) break;
  }
  // The erased pages reach the store's file now (the embedded store checkpoints its WAL), not at the next restart.
  if (erased > 0) await ctx.store.flush();
  return { erased };
}

