import { AppError } from '../../../shared/errors';
import type { ItemState, ModeratedItemView } from '../../../shared/moderation/types';
import { plainToRichText, richTextToPlain, type RichTextDoc } from '../../../shared/richtext/validate';
import { WALL_COMMENT_MAX, WALL_TITLE_MAX } from '../../../shared/wall/limits';
import type { ServerContext } from '../../context';
import type { AuthedRequestState } from '../../http/request-state';
import type { Update } from '../../storage/port';
import { registerModerationAdapter, type ContentAction, type ModeratedItem } from '../moderation/adapters';
import { toModerationConsoles } from '../moderation/consoles';
import type { SpaceDoc } from '../spaces/model';
import { cachedSpace, loadWall, type WallAccess } from './access';
import { broadcastCard, broadcastCardDeleted, broadcastComment, broadcastCommentDeleted, broadcastLock } from './broadcast';
import { assertNotEmpty, cardBody } from './content';
import { freeLock, softLocks } from './locks';
import { cardsCollection, commentsCollection, ensureWallIndexes, presentCard, presentComment, type CardDoc, type CommentDoc } from './model';
import { nextSeq, serialized } from './sequence';

const classOf = (space: SpaceDoc): string | null => (space.scope.kind === 'class' ? space.scope.classId : null);

function cardState(card: CardDoc): ItemState {
  if (card.deletedAt !== null) return 'deleted';
  if (card.status === 'pending') return card.hiddenBy ? 'hidden' : 'pending';
  return 'visible';
}

/** A wall card as the moderation console sees it. */
export function wallCardView(card: CardDoc, wall: SpaceDoc): ModeratedItemView {
  const text = [card.title, card.body ? richTextToPlain(card.body) : '', card.link?.url ?? '', card.attachment?.name ?? ''].filter(Boolean).join(' — ');
  return {
    kind: 'wallCard',
    id: card._id,
    spaceId: card.spaceId,
    classId: classOf(wall),
    authorId: card.authorId,
    authorName: card.authorName,
    state: cardState(card),
    version: card.version,
    excerpt: text.trim().slice(0, 200),
    createdAt: card.createdAt,
  };
}

/** A wall comment as the moderation console sees it. */
export function wallCommentView(comment: CommentDoc, wall: SpaceDoc): ModeratedItemView {
  return {
    kind: 'wallComment',
    id: comment._id,
    spaceId: comment.spaceId,
    classId: classOf(wall),
    authorId: comment.authorId,
    authorName: comment.authorName,
    state: comment.deletedAt !== null ? 'deleted' : comment.hiddenBy ? 'hidden' : 'visible',
    version: comment.version ?? 1,
    excerpt: comment.text.slice(0, 200),
    createdAt: comment.createdAt,
  };
}

/** Feeds the consoles that cover a wall with a new card or comment (their live stream). */
export function wallToConsoles(ctx: ServerContext, wall: WallAccess, view: ModeratedItemView): void {
  toModerationConsoles(ctx.services.realtime.io, wall.space, view);
}

const conflict = (what: string): AppError => new AppError('CONFLICT', `${what} changed meanwhile: reload it to see its new state`);

/** The changes an action makes to a card, checked against its current state (CONFLICT when it no longer applies). */
function cardUpdate(card: CardDoc, action: ContentAction, moderatorId: string, moderatorName: string, content: unknown, now: number): Update {
  const state = cardState(card);
  switch (action) {
    case 'approve':
      if (state !== 'pending' && state !== 'hidden') throw new AppError('CONFLICT', 'This card is not waiting for approval');
      return { $set: { status: 'published', approvedBy: moderatorId, hiddenBy: null } };
    case 'restore':
      if (state === 'visible') throw new AppError('CONFLICT', 'This card is already visible');
      // The author's own deletion gave its file back to their quota: there is nothing left to restore.
      if (state === 'deleted' && card.deletedBy === card.authorId) throw new AppError('CONFLICT', 'Its author deleted this card');
      return { $set: { status: 'published', hiddenBy: null, deletedAt: null, deletedBy: null } };
    case 'hide':
      if (state === 'hidden' || state === 'deleted') throw new AppError('CONFLICT', `This card is already ${state}`);
      return { $set: { status: 'pending', hiddenBy: moderatorId } };
    case 'delete':
      if (state === 'deleted') throw new AppError('CONFLICT', 'This card is already deleted');
      // Soft: the file stays, so that a restore brings the card back whole.
      return { $set: { deletedAt: now, deletedBy: moderatorId } };
    case 'edit': {
      if (state === 'deleted') throw new AppError('CONFLICT', 'This card is deleted');
      const input = (content ?? {}) as { title?: unknown; body?: unknown };
      if (input.title !== undefined && (typeof input.title !== 'string' || input.title.trim().length > WALL_TITLE_MAX)) {
        throw new AppError('VALIDATION', `A card title is text of at most ${WALL_TITLE_MAX} characters`, [{ path: 'content.title', message: 'invalid' }]);
      }
      const title = typeof input.title === 'string' ? input.title.trim() : card.title;
      const body = input.body !== undefined ? cardBody(input.body) : card.body;
      assertNotEmpty({ title, body, link: card.link, attachment: card.attachment });
      return {
        $set: { title, body, editorName: moderatorName },
        $push: { revisions: { title: card.title, body: card.body, link: card.link, at: now, by: moderatorId } },
      };
    }
  }
}

async function applyToCard(ctx: ServerContext, state: AuthedRequestState, wall: WallAccess, card: CardDoc, action: ContentAction, version: number, content: unknown): Promise<ModeratedItemView> {
  return serialized(wall.space._id, async (persisted) => {
    const now = Date.now();
    const update = cardUpdate(card, action, state.user._id, state.user.displayName, content, now);
    const seq = await nextSeq(ctx, wall.space._id);
    const after = await cardsCollection(ctx.store).findOneAndUpdate(
      { _id: card._id, spaceId: wall.space._id, version },
      { ...update, $set: { ...(update.$set as object), seq, updatedAt: now }, $inc: { version: 1 } },
      { returnDocument: 'after' },
    );
    if (!after) throw conflict('This card');
    persisted();
    if (after.deletedAt !== null) {
      broadcastCardDeleted(ctx, wall, { cardId: after._id, seq });
      if (softLocks.release(after._id, null)) broadcastLock(ctx, freeLock(wall.space._id, after._id));
    } else {
      await broadcastCard(ctx, wall, presentCard(after), { withdraw: after.status === 'pending' });
    }
    return wallCardView(after, wall.space);
  });
}

/** The changes an action makes to a comment (comments have no pre-moderation: approve is a restore). */
function commentUpdate(comment: CommentDoc, action: ContentAction, moderatorId: string, content: unknown, now: number): { update: Update; countDelta: number } {
  const state = comment.deletedAt !== null ? 'deleted' : comment.hiddenBy ? 'hidden' : 'visible';
  switch (action) {
    case 'approve':
    case 'restore':
      if (state === 'visible') throw new AppError('CONFLICT', 'This comment is already visible');
      if (state === 'deleted' && comment.deletedBy === comment.authorId) throw new AppError('CONFLICT', 'Its author deleted this comment');
      return { update: { $set: { hiddenBy: null, deletedAt: null, deletedBy: null } }, countDelta: 1 };
    case 'hide':
      if (state !== 'visible') throw new AppError('CONFLICT', `This comment is already ${state}`);
      return { update: { $set: { hiddenBy: moderatorId } }, countDelta: -1 };
    case 'delete':
      if (state === 'deleted') throw new AppError('CONFLICT', 'This comment is already deleted');
      return { update: { $set: { deletedAt: now, deletedBy: moderatorId, hiddenBy: null } }, countDelta: state === 'visible' ? -1 : 0 };
    case 'edit': {
      if (state === 'deleted') throw new AppError('CONFLICT', 'This comment is deleted');
      const text = (content as { text?: unknown } | undefined)?.text;
      if (typeof text !== 'string' || text.trim().length === 0 || text.trim().length > WALL_COMMENT_MAX) {
        throw new AppError('VALIDATION', `A comment is text of 1 to ${WALL_COMMENT_MAX} characters`, [{ path: 'content.text', message: 'invalid' }]);
      }
      return { update: { $set: { text: text.trim() }, $push: { previousTexts: { text: comment.text, at: now, by: moderatorId } } }, countDelta: 0 };
    }
  }
}

async function applyToComment(ctx: ServerContext, state: AuthedRequestState, wall: WallAccess, comment: CommentDoc, action: ContentAction, version: number, content: unknown): Promise<ModeratedItemView> {
  const card = await cardsCollection(ctx.store).findOne({ _id: comment.cardId });
  if (!card) throw new AppError('NOT_FOUND', 'Card not found');
  return serialized(wall.space._id, async (persisted) => {
    const now = Date.now();
    const { update, countDelta } = commentUpdate(comment, action, state.user._id, content, now);
    const seq = await nextSeq(ctx, wall.space._id);
    // Comments written before moderation existed have no version: they are at version 1.
    const versionFilter = version === 1 ? { $or: [{ version: 1 }, { version: { $exists: false } }] } : { version };
    const after = await commentsCollection(ctx.store).findOneAndUpdate(
      { _id: comment._id, spaceId: wall.space._id, ...versionFilter },
      { ...update, $set: { ...(update.$set as object), seq, version: version + 1 } },
      { returnDocument: 'after' },
    );
    if (!after) throw conflict('This comment');
    if (countDelta !== 0) await cardsCollection(ctx.store).updateOne({ _id: card._id }, { $inc: { commentCount: countDelta } });
    persisted();
    if (after.deletedAt !== null) broadcastCommentDeleted(ctx, wall, { cardId: card._id, commentId: after._id, seq });
    else await broadcastComment(ctx, wall, card, presentComment(after), { withdraw: Boolean(after.hiddenBy) });
    if (countDelta !== 0 && card.deletedAt === null) {
      const counted = await cardsCollection(ctx.store).findOne({ _id: card._id });
      if (counted) await broadcastCard(ctx, wall, presentCard(counted));
    }
    return wallCommentView(after, wall.space);
  });
}

async function wallOf(ctx: ServerContext, spaceId: string, schoolId: string): Promise<SpaceDoc | null> {
  const space = await cachedSpace(ctx, spaceId, schoolId).catch(() => null);
  return space?.kind === 'wall' ? space : null;
}

/**
 * The wall's adapters for the moderation console (reports, claims, reasons, evidence and audit happen there).
 * Hiding puts a card back into review (its author and the moderators still see it, marked), deleting is soft
 * (the file stays, a restore brings it back), an edit keeps the previous content as a revision.
 */
registerModerationAdapter({
  kind: 'wallCard',
  async load(ctx, spaceId, itemId): Promise<ModeratedItem | null> {
    await ensureWallIndexes(ctx.store);
    const card = await cardsCollection(ctx.store).findOne({ _id: itemId, spaceId });
    const wall = card ? await wallOf(ctx, spaceId, card.schoolId) : null;
    if (!card || !wall) return null;
    return { ...wallCardView(card, wall), schoolId: card.schoolId, content: { title: card.title, body: card.body, link: card.link, attachment: card.attachment } };
  },
  async apply(ctx, { item, action, version, state, content }) {
    const wall = await loadWall(ctx, state, item.spaceId);
    const card = await cardsCollection(ctx.store).findOne({ _id: item.id, spaceId: wall.space._id });
    if (!card) throw new AppError('NOT_FOUND', 'Card not found');
    return applyToCard(ctx, state, wall, card, action, version, content);
  },
  async recent(ctx, space, limit) {
    if (space.kind !== 'wall') return [];
    await ensureWallIndexes(ctx.store);
    const cards = await cardsCollection(ctx.store).find({ spaceId: space._id, deletedAt: null }, { sort: { seq: -1 }, limit });
    return cards.map((card) => wallCardView(card, space));
  },
  plainText: (item) => (item.content.body ? richTextToPlain(item.content.body as RichTextDoc).trimEnd() : ''),
  fromPlainText: (text) => ({ body: plainToRichText(text) }),
  async pending(ctx, spaceId) {
    await ensureWallIndexes(ctx.store);
    const cards = await cardsCollection(ctx.store).find({ spaceId, deletedAt: null, status: 'pending' }, { sort: { createdAt: 1 }, limit: 200 });
    const wall = cards[0] ? await wallOf(ctx, spaceId, cards[0].schoolId) : null;
    return wall ? cards.map((card) => wallCardView(card, wall)) : [];
  },
});

registerModerationAdapter({
  kind: 'wallComment',
  async load(ctx, spaceId, itemId): Promise<ModeratedItem | null> {
    await ensureWallIndexes(ctx.store);
    const comment = await commentsCollection(ctx.store).findOne({ _id: itemId, spaceId });
    const wall = comment ? await wallOf(ctx, spaceId, comment.schoolId) : null;
    if (!comment || !wall) return null;
    return { ...wallCommentView(comment, wall), schoolId: comment.schoolId, content: { text: comment.text } };
  },
  async apply(ctx, { item, action, version, state, content }) {
    const wall = await loadWall(ctx, state, item.spaceId);
    const comment = await commentsCollection(ctx.store).findOne({ _id: item.id, spaceId: wall.space._id });
    if (!comment) throw new AppError('NOT_FOUND', 'Comment not found');
    return applyToComment(ctx, state, wall, comment, action, version, content);
  },
  async recent(ctx, space, limit) {
    if (space.kind !== 'wall') return [];
    await ensureWallIndexes(ctx.store);
    const comments = await commentsCollection(ctx.store).find({ spaceId: space._id, deletedAt: null }, { sort: { seq: -1 }, limit });
    return comments.map((comment) => wallCommentView(comment, space));
  },
  plainText: (item) => String(item.content.text ?? ''),
  fromPlainText: (text) => ({ text }),
  async pending(ctx, spaceId) {
    await ensureWallIndexes(ctx.store);
    const comments = await commentsCollection(ctx.store).find({ spaceId, deletedAt: null, hiddenBy: { $ne: null } }, { sort: { createdAt: 1 }, limit: 200 });
    const wall = comments[0] ? await wallOf(ctx, spaceId, comments[0].schoolId) : null;
    return wall ? comments.map((comment) => wallCommentView(comment, wall)) : [];
  },
});
