import { AppError } from '../../../shared/errors';
import { moderationRoom, type ModeratedKind, type ReportCategory, type ReportView } from '../../../shared/moderation/types';
import type { ServerContext } from '../../context';
import { newId, type BaseDoc } from '../../storage/port';
import { moderationAdapter } from './adapters';

/** A stored report: the view's fields (without the live item view) plus its school. */
export interface ReportDoc extends BaseDoc, Omit<ReportView, 'id' | 'item'> {
  schoolId: string;
}

export const reportsCollection = (ctx: ServerContext) => ctx.store.collection<ReportDoc>('reports');

export async function initReports(ctx: ServerContext): Promise<void> {
  await reportsCollection(ctx).ensureIndexes([
    { fields: { schoolId: 1, status: 1, createdAt: -1 } },
    { fields: { spaceId: 1, status: 1 } },
    { fields: { itemId: 1 } },
    { fields: { reporterId: 1, createdAt: -1 } },
  ]);
}

/** A report with its item's current view (the item may have been deleted since). */
export async function presentReport(ctx: ServerContext, report: ReportDoc): Promise<ReportView> {
  const item = await moderationAdapter(report.kind)?.load(ctx, report.spaceId, report.itemId);
  const { _id, schoolId: _school, ...rest } = report;
  if (!item) return { id: _id, ...rest, item: null };
  const { content: _content, schoolId: _itemSchool, ...itemView } = item;
  return { id: _id, ...rest, item: itemView };
}

/** Pushes a report to every console that covers it and to its reporter. */
export async function broadcastReport(ctx: ServerContext, report: ReportDoc): Promise<ReportView> {
  const view = await presentReport(ctx, report);
  const io = ctx.services.realtime.io;
  if (io) {
    const rooms = [moderationRoom.space(report.spaceId), moderationRoom.school(report.schoolId), `user:${report.reporterId}`];
    if (report.classId) rooms.push(moderationRoom.class(report.classId));
    io.to(rooms).emit('moderation:report', view);
  }
  return view;
}

/** Creates a report; the same user reporting the same item again updates their report instead. */
export async function reportCreator(
  ctx: ServerContext,
  input: { schoolId: string; kind: ModeratedKind; itemId: string; spaceId: string; classId: string | null; category: ReportCategory; text: string; quote: string; reporterId: string },
): Promise<ReportDoc> {
  const now = Date.now();
  const existing = await reportsCollection(ctx).findOne({ itemId: input.itemId, reporterId: input.reporterId, status: { $in: ['open', 'claimed'] } });
  if (existing) {
    const updated = await reportsCollection(ctx).findOneAndUpdate(
      { _id: existing._id },
      { $set: { category: input.category, text: input.text, quote: input.quote, updatedAt: now }, $inc: { version: 1 } },
    );
    if (!updated) throw new AppError('NOT_FOUND', 'Report not found');
    return updated;
  }
  return reportsCollection(ctx).insertOne({
    _id: newId(now),
    ...input,
    status: 'open',
    claimedBy: null,
    claimedByName: null,
    resolution: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  });
}

/** How many different users have open reports on an item (for the automatic hide). */
export async function distinctReporters(ctx: ServerContext, itemId: string): Promise<number> {
  const reports = await reportsCollection(ctx).find({ itemId, status: { $in: ['open', 'claimed'] } }, { limit: 1_000 });
  return new Set(reports.map((report) => report.reporterId)).size;
}
