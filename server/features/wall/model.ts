import type { WallCard, WallComment } from '../../../shared/wall/types';
import type { BaseDoc, Store } from '../../storage/port';

/** A previous content of a card, kept when someone other than its author (a teacher) changed it. */
export interface CardRevision {
  title: string;
  body: WallCard['body'];
  link: WallCard['link'];
  at: number;
  by: string;
}

/**
 * A card as stored. Deleted cards stay as tombstones (`deletedAt`) so a catch-up can report them, and so that a
 * moderator's deletion can be restored. A card a moderator hid is `pending` again, with `hiddenBy` set.
 */
export interface CardDoc extends BaseDoc, Omit<WallCard, 'id' | 'hidden'> {
  schoolId: string;
  approvedBy: string | null;
  deletedAt: number | null;
  deletedBy: string | null;
  hiddenBy?: string | null;
  revisions?: CardRevision[];
}

/** A comment as stored: the view's fields plus its school, tombstone and moderation state. */
export interface CommentDoc extends BaseDoc, Omit<WallComment, 'id' | 'hidden' | 'version'> {
  schoolId: string;
  deletedAt: number | null;
  deletedBy: string | null;
  /** Absent on comments written before moderation: read as 1. */
  version?: number;
  hiddenBy?: string | null;
  previousTexts?: { text: string; at: number; by: string }[];
}

/** One per wall: the last operation number handed out. */
export interface WallCounterDoc extends BaseDoc {
  seq: number;
}

export const cardsCollection = (store: Store) => store.collection<CardDoc>('wall_cards');
export const commentsCollection = (store: Store) => store.collection<CommentDoc>('wall_comments');
export const countersCollection = (store: Store) => store.collection<WallCounterDoc>('wall_counters');

const indexed = new WeakMap<Store, Promise<void>>();
/** Creates the wall's indexes once per store (idempotent). */
export function ensureWallIndexes(store: Store): Promise<void> {
  let done = indexed.get(store);
  if (!done) {
    done = Promise.all([
      cardsCollection(store).ensureIndexes([{ fields: { spaceId: 1, seq: 1 } }, { fields: { spaceId: 1, deletedAt: 1 } }]),
      commentsCollection(store).ensureIndexes([{ fields: { spaceId: 1, seq: 1 } }, { fields: { cardId: 1, createdAt: 1 } }]),
    ]).then(() => undefined);
    indexed.set(store, done);
  }
  return done;
}

/** The whitelisted fields of a card that leave the server. */
export function presentCard(card: CardDoc): WallCard {
  return {
    id: card._id,
    spaceId: card.spaceId,
    authorId: card.authorId,
    authorName: card.authorName,
    authorRole: card.authorRole,
    title: card.title,
    body: card.body,
    link: card.link,
    attachment: card.attachment,
    color: card.color,
    position: card.position,
    sectionId: card.sectionId,
    order: card.order,
    status: card.status,
    reactions: card.reactions,
    commentCount: card.commentCount,
    version: card.version,
    seq: card.seq,
    editorName: card.editorName,
    hidden: card.status === 'pending' && Boolean(card.hiddenBy),
    createdAt: card.createdAt,
    updatedAt: card.updatedAt,
  };
}

export function presentComment(comment: CommentDoc): WallComment {
  return {
    id: comment._id,
    spaceId: comment.spaceId,
    cardId: comment.cardId,
    authorId: comment.authorId,
    authorName: comment.authorName,
    authorRole: comment.authorRole,
    text: comment.text,
    createdAt: comment.createdAt,
    seq: comment.seq,
    version: comment.version ?? 1,
    hidden: Boolean(comment.hiddenBy),
  };
}
