import type { WallExport, WallSyncResult } from '../../../shared/wall/types';
import type { ServerContext } from '../../context';
import type { WallAccess } from './access';
import { softLocks } from './locks';
import { mutedUntil } from '../moderation/mutes';
import { cardsCollection, commentsCollection, ensureWallIndexes, type CardDoc, type CommentDoc } from './model';
import { currentSeq } from './sequence';
import { cardViewFor, commentViewFor } from './views';

/**
 * Everything of a wall the caller may see that changed after `sinceSeq` (all of it when 0), each as they may see
 * it: the catch-up after a reconnection. Cards and comments deleted since are reported by id, and so are those a
 * moderator hid since from this caller. Pending cards only reach their author and the moderators, a published
 * card's change waiting for review too (everyone else gets the published card), and comments only those who see
 * their card (a hidden or held comment, its author and the moderators). The caller's rights come with it, and
 * until when `userId` (the caller) is muted here: from the mutes known with the live wall, else asked to the store.
 */
export async function wallSyncer(ctx: ServerContext, wall: WallAccess, sinceSeq: number, userId: string | null = null): Promise<WallSyncResult> {
  await ensureWallIndexes(ctx.store);
  const spaceId = wall.space._id;
  const { rights } = wall;
  // Read the counter first: anything written after this read is newer than `seq` and comes with the next sync.
  const seq = await currentSeq(ctx, spaceId);
  const full = sinceSeq === 0;
  const [cardDocs, commentDocs] = await Promise.all([
    cardsCollection(ctx.store).find(full ? { spaceId, deletedAt: null } : { spaceId, seq: { $gt: sinceSeq } }, { sort: { order: 1, _id: 1 } }),
    commentsCollection(ctx.store).find(full ? { spaceId, deletedAt: null } : { spaceId, seq: { $gt: sinceSeq } }, { sort: { createdAt: 1, _id: 1 } }),
  ]);
  // A comment's card, or a locked card, may not have changed since `sinceSeq`: look up those not in this batch.
  const locks = softLocks.ofWall(spaceId);
  const known = new Map(cardDocs.map((card) => [card._id, card]));
  const missing = [...new Set([...commentDocs.map((comment) => comment.cardId), ...locks.map((lock) => lock.cardId)].filter((id) => !known.has(id)))];
  if (missing.length > 0) {
    for (const card of await cardsCollection(ctx.store).find({ _id: { $in: missing }, spaceId })) known.set(card._id, card);
  }
  const commentView = (comment: CommentDoc) => {
    const card = known.get(comment.cardId);
    return card ? commentViewFor(rights, card, comment) : null;
  };
  // Withdrawn from this caller since `sinceSeq`: deleted, or hidden by a moderator (never-published pending cards
  // and held comments are not named, so their existence does not leak).
  const cardGone = (card: CardDoc) => card.deletedAt !== null || (Boolean(card.hiddenBy) && !cardViewFor(rights, card));
  const commentGone = (comment: CommentDoc) => comment.deletedAt !== null || (Boolean(comment.hiddenBy) && !commentView(comment));
  return {
    seq,
    full,
    cards: cardDocs.map((card) => cardViewFor(rights, card)).filter((card) => card !== null),
    comments: commentDocs.map(commentView).filter((comment) => comment !== null),
    deletedCardIds: full ? [] : cardDocs.filter(cardGone).map((card) => card._id),
    deletedCommentIds: full ? [] : commentDocs.filter(commentGone).map((comment) => comment._id),
    // A lock names its card: only the locks of cards the caller sees.
    locks: locks.filter((lock) => {
      const card = known.get(lock.cardId);
      return card !== undefined && cardViewFor(rights, card) !== null;
    }),
    rights,
    mutedUntil: userId === null ? null : await mutedIn(ctx, wall, userId),
  };
}

async function mutedIn(ctx: ServerContext, wall: WallAccess, userId: string): Promise<number | null> {
  if (!wall.muted) return mutedUntil(ctx, wall.space._id, userId);
  const until = wall.muted.get(userId);
  return until !== undefined && until > Date.now() ? until : null;
}

/** The JSON export (and the print view): every card the caller can see, as they see it, with its comments. */
export async function wallExporter(ctx: ServerContext, wall: WallAccess): Promise<WallExport> {
  const all = await wallSyncer(ctx, wall, 0);
  const byCard = new Map<string, typeof all.comments>();
  for (const comment of all.comments) byCard.set(comment.cardId, [...(byCard.get(comment.cardId) ?? []), comment]);
  return {
    format: 'preau.wall',
    version: 1,
    exportedAt: Date.now(),
    wall: { id: wall.space._id, title: wall.space.title, settings: wall.space.settings, ownerName: wall.space.ownerName },
    cards: all.cards.map((card) => ({ ...card, comments: byCard.get(card.id) ?? [] })),
  };
}
