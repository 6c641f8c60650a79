import { EMAIL_BATCH_PEOPLE, EMAIL_MARK_RETENTION_MS, EMAIL_SUMMARY_MAX_NOTIFICATIONS, EMAIL_SUMMARY_TIME, EMAIL_WEEKLY_DAY } from '../../../../shared/notifications/email';
import { addDays, parisCalendar, parisInstant } from '../../../../shared/notifications/quiet';
import type { SchoolNotificationSettings } from '../../../../shared/notifications/types';
import { serverNow } from '../../../clock';
import type { ServerContext } from '../../../context';
import { DuplicateKeyError, type BaseDoc, type Filter } from '../../../storage/port';
import type { UserDoc } from '../../directory/model';
import { notificationsCollection, type NotificationDoc } from '../model';
import { displayNamesOf } from '../../directory/queries';
import { loadSchoolSettings, PREFERENCES_COLLECTION, type PreferencesDoc } from '../preferences';
import { quietUntilOf } from '../quiet/hold';
import { composeSummary, composeUrgent, summaryLines, type ComposedEmail } from './compose';
import { sendEmail } from './send';
import { unsubscribeToken } from './token';

/**
 * One summary sent: `_id` is `<userId>:<period>` (a unique insert: once per person and period, across nodes); and
 * `seen:<userId>`, refreshed at each, says someone already had summaries (their first waits for a new period).
 */
interface EmailMarkDoc extends BaseDoc {
  at: number;
}

const MARKS_COLLECTION = 'notificationEmailMarks';
const marks = (ctx: ServerContext) => ctx.store.collection<EmailMarkDoc>(MARKS_COLLECTION);
const indexed = new WeakSet<ServerContext>();

/** The marks' purge index, created by the job's first run (outside any transaction). */
async function ensureMarkIndexes(ctx: ServerContext): Promise<void> {
  if (indexed.has(ctx)) return;
  await marks(ctx).ensureIndexes([{ fields: { at: 1 } }]);
  indexed.add(ctx);
}

/** What one run of the e-mail job sent. */
export interface EmailRunResult {
  summaries: number;
  urgent: number;
}

/**
 * The summary period `now` falls in: the day (or the Friday) of the last EMAIL_SUMMARY_TIME passed, and that
 * instant. Its summary is due from then on, once, as soon as the person is out of quiet hours.
 */
export function summaryPeriod(frequency: 'daily' | 'weekly', now: number): { key: string; at: number } {
  const { date, day } = parisCalendar(now);
  const reached = now >= parisInstant(date, EMAIL_SUMMARY_TIME);
  const back = frequency === 'daily' ? 0 : (day - EMAIL_WEEKLY_DAY + 7) % 7;
  const step = frequency === 'daily' ? 1 : 7;
  const slotDate = back === 0 && !reached ? addDays(date, -step) : addDays(date, -back);
  return { key: `${frequency === 'daily' ? 'd' : 'w'}:${slotDate}`, at: parisInstant(slotDate, EMAIL_SUMMARY_TIME) };
}

const linksOf = (ctx: ServerContext, userId: string) => ({
  preau: `${ctx.origins.publicOrigin}/`,
  unsubscribe: `${ctx.origins.publicOrigin}/api/notifications/unsubscribe?token=${unsubscribeToken(ctx.config.sessionSecret, userId)}`,
});

/**
 * A notification as the e-mails see it: `emailedCount` is how many of its items e-mails already told (it may
 * gather more after, while unread), set with `emailedAt`.
 */
type EmailedDoc = NotificationDoc & { emailedCount?: number };

/** A notification claimed for one e-mail: with its items not told yet (`count` of them), and what it was before. */
interface Claimed {
  doc: NotificationDoc;
  before: { emailedAt: number | null; emailedCount: number };
}

/** How many of a notification's items no e-mail told yet. */
const untold = (doc: EmailedDoc): number => doc.count - (doc.emailedAt === null ? 0 : (doc.emailedCount ?? doc.count));

/**
 * Claims notifications for one e-mail, the newest first: each with items not told yet, by one atomic
 * compare-and-set (its `emailedAt` and `count` unchanged since read), so each item is told once across nodes.
 */
async function claim(ctx: ServerContext, filter: Filter, now: number, limit: number): Promise<Claimed[]> {
  const notifications = ctx.store.collection<EmailedDoc>(notificationsCollection(ctx).name);
  const claimed: Claimed[] = [];
  for (const doc of await notifications.find(filter, { sort: { lastAt: -1 }, limit })) {
    const fresh = untold(doc);
    if (fresh <= 0) continue;
    const won = await notifications.updateOne({ _id: doc._id, emailedAt: doc.emailedAt, count: doc.count }, { $set: { emailedAt: now, emailedCount: doc.count } });
    if (won.modifiedCount === 1) claimed.push({ doc: { ...doc, count: fresh }, before: { emailedAt: doc.emailedAt, emailedCount: doc.emailedAt === null ? 0 : (doc.emailedCount ?? doc.count) } });
  }
  return claimed;
}

/** Gives claimed notifications back (the e-mail could not be sent): the next run tries again. */
async function unclaim(ctx: ServerContext, claimed: readonly Claimed[], now: number, markId: string | null): Promise<void> {
  await ctx.store.transaction(async () => {
    for (const { doc, before } of claimed) await notificationsCollection(ctx).updateOne({ _id: doc._id, emailedAt: now }, { $set: { emailedAt: before.emailedAt, emailedCount: before.emailedCount } });
    if (markId) await marks(ctx).deleteOne({ _id: markId });
  });
}

async function deliver(ctx: ServerContext, to: string, userId: string, email: ComposedEmail | null, claimed: readonly Claimed[], now: number, markId: string | null): Promise<boolean> {
  if (!email) return false;
  try {
    return await sendEmail(ctx, to, email, linksOf(ctx, userId).unsubscribe);
  } catch (error) {
    ctx.logger.warn({ err: error, userId }, 'e-mail not sent; tried again at the next run');
    await unclaim(ctx, claimed, now, markId);
    return false;
  }
}

/** The daily or weekly summary of one person, once per period: what is unread and not yet e-mailed, counted. */
async function sendSummary(ctx: ServerContext, user: UserDoc, preferences: PreferencesDoc, now: number): Promise<boolean> {
  if (preferences.email === 'off' || !preferences.emailAddress) return false;
  const period = summaryPeriod(preferences.email, now);
  const markId = `${user._id}:${period.key}`;
  // Already sent (one read, no write, at each run until the next period).
  if (await marks(ctx).findOne({ _id: markId })) return false;
  // Someone's first summary is of the first period that starts after they chose it (none at once on choosing it).
  const seenId = `seen:${user._id}`;
  if (period.at < preferences.updatedAt && !(await marks(ctx).findOne({ _id: seenId }))) return false;
  const claimed = await ctx.store.transaction(async () => {
    try {
      await marks(ctx).insertOne({ _id: markId, at: now });
    } catch (error) {
      if (error instanceof DuplicateKeyError) return null;
      throw error;
    }
    await marks(ctx).updateOne({ _id: seenId }, { $set: { at: now } }, { upsert: true });
    return claim(ctx, { userId: user._id, read: false, kind: { $ne: 'quietSummary' } }, now, EMAIL_SUMMARY_MAX_NOTIFICATIONS);
  });
  if (!claimed || claimed.length === 0) return false;
  const docs = claimed.map(({ doc }) => doc);
  const children = await displayNamesOf(ctx, user.schoolId, docs.map((doc) => doc.childId));
  const email = composeSummary(preferences.email, user.displayName, summaryLines(docs, children), linksOf(ctx, user._id));
  return deliver(ctx, preferences.emailAddress, user._id, email, claimed, now, markId);
}

/**
 * Urgent e-mails of one person: each recent unread moderation decision on their child's content (or new items of
 * one, coalesced since it was told), at once.
 */
async function sendUrgent(ctx: ServerContext, user: UserDoc, preferences: PreferencesDoc, now: number): Promise<number> {
  if (!preferences.emailUrgent || !preferences.emailAddress) return 0;
  // Decisions since the person last set their preferences (none from before they asked), however long their quiet
  // period lasted (a holiday): told when it ends.
  const filter = { userId: user._id, read: false, kind: 'moderationOfMine', childId: { $ne: null }, lastAt: { $gte: preferences.updatedAt } };
  const claimed = await ctx.store.transaction(() => claim(ctx, filter, now, EMAIL_SUMMARY_MAX_NOTIFICATIONS));
  if (claimed.length === 0) return 0;
  const children = await displayNamesOf(ctx, user.schoolId, claimed.map(({ doc }) => doc.childId));
  let sent = 0;
  for (const each of claimed) {
    const child = each.doc.childId ? children.get(each.doc.childId) : undefined;
    if (!child) continue;
    if (await deliver(ctx, preferences.emailAddress, user._id, composeUrgent(user.displayName, child, each.doc.decision, linksOf(ctx, user._id)), [each], now, null)) sent += 1;
  }
  return sent;
}

/**
 * The e-mail job (only with SMTP_URL): for each adult who chose e-mails and is not in quiet hours now (never
 * during them: someone quiet at the summary's hour gets it when their quiet period ends), their urgent e-mails,
 * then their daily or weekly summary once per period. Run by the periodic jobs (one node per interval with Redis);
 * the unique marks and atomic claims keep each e-mail once even when not.
 */
export async function sendNotificationEmails(ctx: ServerContext): Promise<EmailRunResult> {
  const result: EmailRunResult = { summaries: 0, urgent: 0 };
  if (!ctx.config.smtp) return result;
  const now = serverNow(ctx);
  await ensureMarkIndexes(ctx);
  await marks(ctx).deleteMany({ at: { $lt: now - EMAIL_MARK_RETENTION_MS } });
  const chosen = await ctx.store
    .collection<PreferencesDoc>(PREFERENCES_COLLECTION)
    .find({ emailAddress: { $ne: null }, $or: [{ email: { $in: ['daily', 'weekly'] } }, { emailUrgent: true }] }, { sort: { _id: 1 }, limit: EMAIL_BATCH_PEOPLE });
  if (chosen.length === 0) return result;
  const users = new Map((await ctx.services.directory.users.find({ _id: { $in: chosen.map((doc) => doc._id) }, status: 'active' })).map((user) => [user._id, user]));
  const schools = new Map<string, SchoolNotificationSettings>();
  for (const preferences of chosen) {
    const user = users.get(preferences._id);
    // Adults only: a pupil's account is never e-mailed, even with an address left from another profile.
    if (!user || !user.profiles.some((profile) => profile !== 'pupil')) continue;
    let school = schools.get(user.schoolId);
    if (!school) {
      school = await loadSchoolSettings(ctx, user.schoolId);
      schools.set(user.schoolId, school);
    }
    if (quietUntilOf(user, preferences, school, now) !== null) continue;
    result.urgent += await sendUrgent(ctx, user, preferences, now);
    if (await sendSummary(ctx, user, preferences, now)) result.summaries += 1;
  }
  return result;
}
