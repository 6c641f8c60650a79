import { CHAT_ITEM_STATE } from '../../../shared/chat/policy';
import { ChatBodySchema } from '../../../shared/chat/types';
import { AppError } from '../../../shared/errors';
import { personalInfoKinds } from '../../../shared/pii/detect';
import type { Update } from '../../storage/port';
import { registerModerationAdapter, type ContentAction, type ModeratedItem, type ModeratorIdentity } from '../moderation/adapters';
import type { SpaceDoc } from '../spaces/model';
import { chatCollections, type ChatMessageDoc } from './model';
import { broadcastMessage, hasPendingChange } from './views';

const EXCERPT_CHARS = 200;
const classOf = (space: SpaceDoc): string | null => (space.scope.kind === 'class' ? space.scope.classId : null);

/** A chat message as the moderation feature handles it (the console's view, the policy table's facts). */
export function chatItem(doc: ChatMessageDoc, space: SpaceDoc): ModeratedItem {
  const pendingBody = hasPendingChange(doc) ? doc.pendingBody : null;
  return {
    kind: 'chatMessage',
    id: doc._id,
    spaceId: doc.roomId,
    classId: classOf(space),
    schoolId: doc.schoolId,
    authorId: doc.authorId,
    authorName: doc.authorName,
    state: CHAT_ITEM_STATE[doc.status],
    version: doc.version,
    excerpt: doc.body.slice(0, EXCERPT_CHARS),
    createdAt: doc.createdAt,
    personalInfo: doc.personalInfo ?? false,
    pendingEdit: pendingBody !== null,
    pendingExcerpt: pendingBody?.slice(0, EXCERPT_CHARS) ?? null,
    content: { body: doc.body },
    pendingContent: pendingBody === null ? null : { body: pendingBody },
    // A message waits for its first review while pending: nothing publishes it but a moderator's approval.
    firstReview: doc.status === 'pending' && !doc.shown,
  };
}

const conflict = (why: string): AppError => new AppError('CONFLICT', why);

/**
 * The change an action makes on a message, or CONFLICT when it does not apply to the message as it is now (the
 * transition table already refused what never applies: approving what a moderator hid or deleted, for one).
 */
function changeOf(doc: ChatMessageDoc, action: ContentAction, moderator: ModeratorIdentity, content: unknown, now: number): Update {
  const revision = { previousBodies: { body: doc.body, at: now } };
  switch (action) {
    case 'approve':
      if (doc.status === 'pending') return { $set: { status: 'published', shown: true, personalInfo: false } };
      // An author's change waiting for review becomes the published text; the previous one is kept.
      if (hasPendingChange(doc)) {
        return { $set: { body: doc.pendingBody, pendingBody: null, personalInfo: false, edited: true, editedAt: now, pii: personalInfoKinds(doc.pendingBody) }, $push: revision };
      }
      throw conflict('Nothing waits for review on this message');
    case 'reject':
      if (!hasPendingChange(doc)) throw conflict('No change waits for review on this message');
      return { $set: { pendingBody: null, personalInfo: false } };
    case 'hide':
      if (doc.status !== 'published') throw conflict(`Cannot hide a ${doc.status} message`);
      return { $set: { status: 'hidden', removedBy: 'moderator', removedById: moderator.id } };
    case 'delete':
      if (doc.status === 'deleted') throw conflict('This message is already deleted');
      return { $set: { status: 'deleted', removedBy: 'moderator', removedById: moderator.id } };
    case 'restore':
      if (doc.status !== 'hidden' && doc.status !== 'deleted') throw conflict(`Cannot restore a ${doc.status} message`);
      if (doc.removedBy === 'author') throw conflict('Its author deleted this message');
      return { $set: { status: 'published', shown: true, removedBy: null, removedById: null, personalInfo: false } };
    case 'edit': {
      if (doc.status === 'deleted') throw conflict('Cannot correct a deleted message');
      const parsed = ChatBodySchema.safeParse((content as { body?: unknown } | undefined)?.body);
      if (!parsed.success) throw new AppError('VALIDATION', 'A chat message is plain text of 1 to 1,000 characters');
      // A teacher's correction replaces the text and drops any change waiting for review; the original is kept.
      return { $set: { body: parsed.data, pendingBody: null, personalInfo: false, edited: true, editedAt: now, pii: personalInfoKinds(parsed.data) }, $push: revision };
    }
  }
}

/**
 * The chat's adapter for the moderation path (reports, claims, reasons, evidence and audit happen there, in one
 * transaction): it loads a message of a room, and applies an action inside that transaction if the message is
 * still at the version the moderator saw; everyone gets their view once the transaction committed.
 */
registerModerationAdapter({
  kind: 'chatMessage',
  async load(ctx, space, itemId) {
    if (space.kind !== 'chat') return null;
    const doc = await (await chatCollections(ctx.store)).messages.findOne({ _id: itemId, roomId: space._id });
    return doc ? chatItem(doc, space) : null;
  },
  async apply(ctx, { space, item, action, version, moderator, content }) {
    const { messages } = await chatCollections(ctx.store);
    const doc = await messages.findOne({ _id: item.id, roomId: space._id });
    if (!doc || doc.version !== version) throw conflict('The message changed meanwhile');
    const update = changeOf(doc, action, moderator, content, Date.now());
    const after = await messages.findOneAndUpdate({ _id: doc._id, version }, { ...update, $inc: { version: 1 } }, { returnDocument: 'after' });
    if (!after) throw conflict('The message changed meanwhile');
    return {
      after: chatItem(after, space),
      // A rejected change was only ever seen by its author and the moderators: nobody else has anything new.
      publish: () => broadcastMessage(ctx.services.realtime.io, 'chat:updated', after, space, action === 'reject' ? 'reviewers' : 'everyone'),
    };
  },
  async pending(ctx, space) {
    if (space.kind !== 'chat') return [];
    const docs = await (await chatCollections(ctx.store)).messages.find(
      { roomId: space._id, $or: [{ status: { $in: ['pending', 'hidden'] } }, { status: 'published', pendingBody: { $ne: null } }] },
      { sort: { seq: 1 }, limit: 200 },
    );
    return docs.map((doc) => chatItem(doc, space));
  },
  async recent(ctx, space, limit) {
    if (space.kind !== 'chat') return [];
    const docs = await (await chatCollections(ctx.store)).messages.find({ roomId: space._id }, { sort: { seq: -1 }, limit });
    return docs.map((doc) => chatItem(doc, space));
  },
  readableBy: (item, userId) => item.state === 'visible' || item.authorId === userId,
  plainText: (item) => String(item.content.body ?? ''),
  fromPlainText: (text) => ({ body: text }),
});
