import { moderationRoom, type ModeratedKind, type ReportCategory, type ReportView } from '../../../shared/moderation/types';
import type { Actor } from '../../../shared/policy/actor';
import { can } from '../../../shared/policy/can';
import type { ServerContext } from '../../context';
import { userRoom } from '../../realtime/handlers';
import { newId, type BaseDoc } from '../../storage/port';
import { spaceResource, spacesCollection, type SpaceDoc } from '../spaces/model';
import { displayNamesOf } from '../directory/queries';
import { moderationAdapter } from './adapters';
import { presentItem, readsItem } from './items';

/** A stored report: the view's fields (without the live item) plus its school and its uniqueness key. */
export interface ReportDoc extends BaseDoc, Omit<ReportView, 'id' | 'item' | 'itemRemoved' | 'reporterName'> {
  schoolId: string;
  /**
   * `kind:item:reporter` while the report is open or claimed (a unique index: one open report per reporter and
   * item, even when two arrive at once), `closed:<id>` once handled.
   */
  openKey: string;
}

export const reportsCollection = (ctx: ServerContext) => ctx.store.collection<ReportDoc>('reports');
const openKeyOf = (report: { kind: string; itemId: string; reporterId: string }): string => `${report.kind}:${report.itemId}:${report.reporterId}`;
/** The uniqueness key of a report that is no longer open. */
export const closedKey = (reportId: string): string => `closed:${reportId}`;

export async function initReports(ctx: ServerContext): Promise<void> {
  const reports = reportsCollection(ctx);
  // Reports kept from before the uniqueness key get theirs (a unique index needs it on every document).
  for (const report of await reports.find({ openKey: { $exists: false } }, { limit: 100_000 })) {
    const open = report.status === 'open' || report.status === 'claimed';
    await reports.updateOne({ _id: report._id }, { $set: { openKey: open ? openKeyOf(report) : closedKey(report._id), excerpt: report.excerpt ?? '' } });
  }
  await reports.ensureIndexes([
    { fields: { schoolId: 1, status: 1, createdAt: -1 } },
    { fields: { spaceId: 1, status: 1 } },
    { fields: { itemId: 1 } },
    { fields: { reporterId: 1, createdAt: -1 } },
    { fields: { openKey: 1 }, unique: true },
  ]);
}

/**
 * A report as one viewer may see it: the moderators of its space get the item's current view; anyone else (its
 * reporter) gets what they could read when reporting, and nothing once a moderator removed the item.
 */
export async function presentReport(ctx: ServerContext, report: ReportDoc, viewer: Actor | null, space?: SpaceDoc | null): Promise<ReportView> {
  const { _id, schoolId: _school, openKey: _key, ...rest } = report;
  const where = space === undefined ? await spacesCollection(ctx.store).findOne({ _id: report.spaceId, schoolId: report.schoolId }) : space;
  const item = where ? await moderationAdapter(report.kind)?.load(ctx, where, report.itemId) : null;
  const removed = !item || item.state === 'hidden' || item.state === 'deleted';
  if (where && item && can(viewer, 'moderate', spaceResource(where))) {
    // Who reported is told to those who run the space, never to a pupil moderator (a classmate).
    const reporterName = can(viewer, 'configure', spaceResource(where)) ? ((await displayNamesOf(ctx, report.schoolId, [report.reporterId])).get(report.reporterId) ?? null) : null;
    if (readsItem(viewer, where, item)) return { id: _id, ...rest, reporterName, itemRemoved: removed, item: presentItem(viewer, where, item) };
    // A pupil moderator and an item they may not read (a teacher hid it, the guard holds it): nothing of it.
    return { id: _id, ...rest, reporterName, excerpt: '', quote: '', itemRemoved: true, item: null };
  }
  return { id: _id, ...rest, reporterName: null, excerpt: removed ? '' : rest.excerpt, itemRemoved: removed, item: null };
}

/** Pushes a report to every console that covers it (their view) and to its reporter (theirs). */
export async function broadcastReport(ctx: ServerContext, report: ReportDoc): Promise<void> {
  const io = ctx.services.realtime.io;
  if (!io) return;
  const space = await spacesCollection(ctx.store).findOne({ _id: report.spaceId, schoolId: report.schoolId });
  const rooms = [moderationRoom.space(report.spaceId), moderationRoom.school(report.schoolId), ...(report.classId ? [moderationRoom.class(report.classId)] : [])];
  for (const socket of await io.in([...rooms, userRoom(report.reporterId)]).fetchSockets()) {
    const actor = socket.data.state?.actor ?? null;
    socket.emit('moderation:report', await presentReport(ctx, report, actor, space));
  }
}

/**
 * Creates a report (inside the caller's transaction); the same user reporting the same item again while their
 * report is open updates it instead. `excerpt` is what the reporter could read of the item.
 */
export async function reportCreator(
  ctx: ServerContext,
  input: { schoolId: string; kind: ModeratedKind; itemId: string; spaceId: string; classId: string | null; category: ReportCategory; text: string; quote: string; reporterId: string; excerpt: string },
): Promise<ReportDoc> {
  const now = Date.now();
  const reports = reportsCollection(ctx);
  const openKey = openKeyOf(input);
  const updated = await reports.findOneAndUpdate(
    { openKey },
    { $set: { category: input.category, text: input.text, quote: input.quote, excerpt: input.excerpt, updatedAt: now }, $inc: { version: 1 } },
    { returnDocument: 'after' },
  );
  if (updated) return updated;
  const _id = newId(now);
  return reports.insertOne({ _id, ...input, openKey, status: 'open', claimedBy: null, claimedByName: null, resolution: null, version: 1, createdAt: now, updatedAt: now });
}

/** How many different users have open reports on an item (for the automatic hide). */
export async function distinctReporters(ctx: ServerContext, kind: ModeratedKind, itemId: string): Promise<number> {
  const reports = await reportsCollection(ctx).find({ kind, itemId, status: { $in: ['open', 'claimed'] } }, { limit: 1_000 });
  return new Set(reports.map((report) => report.reporterId)).size;
}
