import { canSeeCard, canSeeComment, type CardFacts, type CommentFacts, type WallRights } from '../../../shared/wall/policy';
import type { WallCard, WallComment } from '../../../shared/wall/types';
import { commentStatus, presentCard, presentComment, type CardDoc, type CommentDoc } from './model';

/**
 * Who sees what of the wall, one viewer at a time. Broadcasts, catch-up, export, print and files all decide
 * through these, so a card held for review never reaches a classmate or a parent by any of them.
 */

/**
 * Whether this viewer sees the change of a published card waiting for review: its authors and those who run the
 * wall (`configure`), never a pupil moderator (the policy table's `canReadPendingChange`).
 */
export function seesPendingChange(rights: WallRights, card: CardDoc): boolean {
  if (!card.pendingChange) return false;
  return rights.configure || rights.userId === card.authorId || rights.userId === card.pendingChange.by;
}

/** The facts of a stored card that its visibility depends on (those of its moderated item: `cardItem`). */
export function cardFacts(card: CardDoc): CardFacts {
  const hidden = Boolean(card.hiddenBy);
  return {
    authorId: card.authorId,
    status: card.status,
    hidden,
    pendingEdit: Boolean(card.pendingChange),
    personalInfo: Boolean(card.personalInfo),
    firstReview: card.status === 'pending' && !hidden && !card.publishedAt && !card.moderated,
  };
}

/** The card as this viewer sees it, or null when they may not see it (pending, hidden, or not their wall). */
export function cardViewFor(rights: WallRights, card: CardDoc): WallCard | null {
  if (card.deletedAt !== null || !canSeeCard(rights, cardFacts(card))) return null;
  return presentCard(card, seesPendingChange(rights, card));
}

/** The facts of a stored comment that its visibility depends on. */
export const commentFacts = (comment: CommentDoc): CommentFacts => {
  const hidden = Boolean(comment.hiddenBy);
  const status = commentStatus(comment);
  return { authorId: comment.authorId, hidden, status, personalInfo: Boolean(comment.personalInfo), firstReview: status === 'pending' && !hidden && !comment.moderated };
};

/** A comment as this viewer sees it: they must see its card, and a hidden or held one is its author's and those who read it held. */
export function commentViewFor(rights: WallRights, card: CardDoc, comment: CommentDoc): WallComment | null {
  if (comment.deletedAt !== null || card.deletedAt !== null) return null;
  if (!canSeeCard(rights, cardFacts(card)) || !canSeeComment(rights, commentFacts(comment))) return null;
  return presentComment(comment);
}

/** Whether everyone who reads the wall sees this card the same way (one emit to the whole room). */
export const cardIsPublic = (card: CardDoc): boolean => card.deletedAt === null && card.status === 'published' && !card.pendingChange;

/** Whether everyone who reads the wall sees this comment (its card public too). */
export const commentIsPublic = (card: CardDoc, comment: CommentDoc): boolean =>
  card.deletedAt === null && card.status === 'published' && comment.deletedAt === null && !comment.hiddenBy && commentStatus(comment) === 'published';

/** The stored files a card refers to: its published attachment and that of its pending change. */
export function cardBlobIds(card: CardDoc | null): string[] {
  if (!card) return [];
  return [card.attachment?.blobId, card.pendingChange?.attachment?.blobId].filter((id): id is string => typeof id === 'string');
}

/** The files `before` referred to that `after` no longer does (to delete once the change is committed). */
export function droppedBlobIds(before: CardDoc, after: CardDoc | null): string[] {
  const kept = new Set(cardBlobIds(after));
  return [...new Set(cardBlobIds(before))].filter((id) => !kept.has(id));
}

/** Whether this viewer may download a file of this card: the published file as the card, a pending one as the change. */
export function seesCardFile(rights: WallRights, card: CardDoc, blobId: string): boolean {
  if (!canSeeCard(rights, cardFacts(card))) return false;
  if (card.attachment?.blobId === blobId) return true;
  return card.pendingChange?.attachment?.blobId === blobId && seesPendingChange(rights, card);
}
