import { ChatBodySchema } from '../../../shared/chat/types';
import { AppError } from '../../../shared/errors';
import type { ItemState, ModeratedItemView } from '../../../shared/moderation/types';
import { personalInfoKinds } from '../../../shared/pii/detect';
import type { ServerContext } from '../../context';
import type { Update } from '../../storage/port';
import { registerModerationAdapter, type ModeratedItem } from '../moderation/adapters';
import type { SpaceDoc } from '../spaces/model';
import { loadSpace } from '../spaces/service';
import { chatCollections, type ChatMessageDoc } from './model';
import { broadcastMessage } from './views';

const STATE: Record<ChatMessageDoc['status'], ItemState> = { published: 'visible', pending: 'pending', hidden: 'hidden', deleted: 'deleted' };
const classOf = (space: SpaceDoc): string | null => (space.scope.kind === 'class' ? space.scope.classId : null);

/** A chat message as the moderation console sees it. */
export function chatItemView(doc: ChatMessageDoc, space: SpaceDoc): ModeratedItemView {
  return {
    kind: 'chatMessage',
    id: doc._id,
    spaceId: doc.roomId,
    classId: classOf(space),
    authorId: doc.authorId,
    authorName: doc.authorName,
    state: STATE[doc.status],
    version: doc.version,
    excerpt: doc.body.slice(0, 200),
    createdAt: doc.createdAt,
  };
}

/**
 * The chat's adapter for the moderation console (reports, claims, reasons, evidence and audit happen there):
 * it loads a message and applies an action if the message is still at the version the moderator saw, then
 * sends everyone their view of it.
 */
registerModerationAdapter({
  kind: 'chatMessage',
  async load(ctx, spaceId, itemId): Promise<ModeratedItem | null> {
    const doc = await (await chatCollections(ctx.store)).messages.findOne({ _id: itemId, roomId: spaceId });
    if (!doc) return null;
    const space = await loadSpace(ctx, spaceId, doc.schoolId);
    return { ...chatItemView(doc, space), schoolId: doc.schoolId, content: { body: doc.body } };
  },
  async apply(ctx: ServerContext, { item, action, version, state, content }) {
    const { messages } = await chatCollections(ctx.store);
    const now = Date.now();
    let update: Update;
    switch (action) {
      case 'approve':
      case 'restore':
        if (item.state === 'deleted' && (await messages.findOne({ _id: item.id }))?.removedBy === 'author') throw new AppError('CONFLICT', 'Its author deleted this message');
        update = { $set: { status: 'published', shown: true, removedBy: null, removedById: null } };
        break;
      case 'hide':
      case 'delete':
        update = { $set: { status: action === 'hide' ? 'hidden' : 'deleted', removedBy: 'moderator', removedById: state.user._id } };
        break;
      case 'edit': {
        const parsed = ChatBodySchema.safeParse((content as { body?: unknown } | undefined)?.body);
        if (!parsed.success) throw new AppError('VALIDATION', 'A chat message is plain text of 1 to 1,000 characters');
        update = {
          $set: { body: parsed.data, edited: true, editedAt: now, pii: personalInfoKinds(parsed.data) },
          $push: { previousBodies: { body: String(item.content.body ?? ''), at: now } },
        };
        break;
      }
    }
    const after = await messages.findOneAndUpdate({ _id: item.id, version }, { ...update, $inc: { version: 1 } }, { returnDocument: 'after' });
    if (!after) throw new AppError('CONFLICT', 'The message changed meanwhile');
    broadcastMessage(ctx.services.realtime.io, 'chat:updated', after);
    return chatItemView(after, await loadSpace(ctx, after.roomId, after.schoolId));
  },
  async recent(ctx, space, limit) {
    if (space.kind !== 'chat') return [];
    const docs = await (await chatCollections(ctx.store)).messages.find({ roomId: space._id }, { sort: { seq: -1 }, limit });
    return docs.map((doc) => chatItemView(doc, space));
  },
  plainText: (item) => String(item.content.body ?? ''),
  fromPlainText: (text) => ({ body: text }),
  async pending(ctx, spaceId) {
    const docs = await (await chatCollections(ctx.store)).messages.find({ roomId: spaceId, status: { $in: ['pending', 'hidden'] } }, { sort: { seq: 1 }, limit: 200 });
    if (docs.length === 0) return [];
    const space = await loadSpace(ctx, spaceId, docs[0]!.schoolId);
    return docs.map((doc) => chatItemView(doc, space));
  },
});
