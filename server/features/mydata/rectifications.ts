import { RECTIFICATION_LIST_MAX, type RectificationAnswer, type RectificationView } from '../../../shared/mydata/types';
import { auditedChange } from '../../audit/command';
import { serverNow } from '../../clock';
import type { ServerContext } from '../../context';
import { AppError } from '../../../shared/errors';
import type { CommandAuthor } from '../directory/service';
import { newId } from '../../storage/port';
import { rectificationsCollection, type RectificationDoc } from './model';

/** The requests as their readers see them, with the names of the people they involve. */
export async function presentRectifications(ctx: ServerContext, schoolId: string, docs: readonly RectificationDoc[]): Promise<RectificationView[]> {
  const ids = [...new Set(docs.flatMap((doc) => [doc.subjectId, doc.requesterId, doc.answeredBy ?? '']).filter((id) => id !== ''))];
  const names = new Map((ids.length ? await ctx.services.directory.users.find({ _id: { $in: ids }, schoolId }) : []).map((user) => [user._id, user.displayName]));
  const name = (id: string | null): string | null => (id === null ? null : (names.get(id) ?? ''));
  return docs.map((doc) => ({
    id: doc._id,
    subjectId: doc.subjectId,
    subjectName: name(doc.subjectId) ?? '',
    requesterId: doc.requesterId,
    requesterName: name(doc.requesterId) ?? '',
    text: doc.text,
    status: doc.status,
    answer: doc.answer,
    answeredByName: name(doc.answeredBy),
    createdAt: doc.createdAt,
    answeredAt: doc.answeredAt,
  }));
}

/** The requests a person sent or that are about them (the newest first). */
export function requestsOf(ctx: ServerContext, schoolId: string, userId: string): Promise<RectificationDoc[]> {
  return rectificationsCollection(ctx.store).find({ schoolId, $or: [{ requesterId: userId }, { subjectId: userId }] }, { sort: { createdAt: -1, _id: 1 }, limit: RECTIFICATION_LIST_MAX });
}

/** The direction's queue: the open requests (oldest first, the order they are handled in), then the latest answered. */
export async function rectificationQueue(ctx: ServerContext, schoolId: string): Promise<RectificationDoc[]> {
  const collection = rectificationsCollection(ctx.store);
  const open = await collection.find({ schoolId, status: 'open' }, { sort: { createdAt: 1, _id: 1 }, limit: RECTIFICATION_LIST_MAX });
  const answered = await collection.find({ schoolId, status: { $ne: 'open' } }, { sort: { answeredAt: -1, _id: 1 }, limit: RECTIFICATION_LIST_MAX });
  return [...open, ...answered];
}

/** Records a rectification request about `subjectId` (the requester or their child), with its audit event. */
export function rectificationRequester(ctx: ServerContext, author: CommandAuthor & { userId: string }, subjectId: string, text: string): Promise<RectificationDoc> {
  return auditedChange(ctx, async (record) => {
    const doc: RectificationDoc = {
      _id: newId(),
      schoolId: author.schoolId,
      subjectId,
      requesterId: author.userId,
      text,
      status: 'open',
      answer: null,
      answeredBy: null,
      createdAt: serverNow(ctx),
      answeredAt: null,
    };
    await rectificationsCollection(ctx.store).insertOne(doc);
    await record({
      schoolId: author.schoolId,
      actor: author.actor,
      origin: author.origin,
      event: 'mydata.rectification_requested',
      target: { type: 'rectification', id: doc._id, ownerId: subjectId },
      change: { fields: ['text'], after: { text } },
    });
    return doc;
  });
}

/** The direction's answer to an open request (done or refused), with its audit event; an answered one stays so. */
export function rectificationAnswerer(ctx: ServerContext, author: CommandAuthor & { userId: string }, requestId: string, answer: RectificationAnswer): Promise<RectificationDoc> {
  return auditedChange(ctx, async (record) => {
    const collection = rectificationsCollection(ctx.store);
    const found = await collection.findOne({ _id: requestId, schoolId: author.schoolId });
    if (!found) throw new AppError('NOT_FOUND', 'Request not found');
    if (found.status !== 'open') throw new AppError('CONFLICT', 'Request already answered');
    const after: RectificationDoc = { ...found, status: answer.status, answer: answer.answer, answeredBy: author.userId, answeredAt: serverNow(ctx) };
    await collection.updateOne({ _id: found._id, status: 'open' }, { $set: { status: after.status, answer: after.answer, answeredBy: after.answeredBy, answeredAt: after.answeredAt } });
    await record({
      schoolId: author.schoolId,
      actor: author.actor,
      origin: author.origin,
      event: 'mydata.rectification_answered',
      target: { type: 'rectification', id: found._id, ownerId: found.subjectId },
      change: { fields: ['status', 'answer'], before: { status: found.status }, after: { status: after.status, answer: after.answer } },
    });
    return after;
  });
}
