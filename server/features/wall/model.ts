import type { WallCard, WallComment } from '../../../shared/wall/types';
import type { BaseDoc, Store } from '../../storage/port';

/** What a card shows: the part an author's change replaces, and pre-moderation holds for review. */
export type CardContent = Pick<WallCard, 'title' | 'body' | 'link' | 'attachment' | 'color'>;

/** A previous content of a card, kept when someone other than its author (a teacher) changed it. */
export interface CardRevision {
  title: string;
  body: WallCard['body'];
  link: WallCard['link'];
  at: number;
  by: string;
}

/** A change to a published card waiting for review: who made it, when, and the whole new content. */
export interface PendingCardChange extends CardContent {
  by: string;
  byName: string;
  at: number;
}

/**
 * A card as stored. Deleted cards stay as tombstones (`deletedAt`) so a catch-up can report them, and so that a
 * moderator's deletion can be restored. A card a moderator hid is `pending` again, with `hiddenBy` set. A change
 * to a published card held for review waits in `pendingChange` while everyone else keeps the published content.
 */
export interface CardDoc extends BaseDoc, Omit<WallCard, 'id' | 'hidden' | 'pendingEdit' | 'personalInfo'> {
  schoolId: string;
  approvedBy: string | null;
  deletedAt: number | null;
  deletedBy: string | null;
  hiddenBy?: string | null;
  revisions?: CardRevision[];
  pendingChange?: PendingCardChange | null;
  /** Held by the personal-information guard (the card itself while pending, or its pending change). */
  personalInfo?: boolean;
  /** When it was first published (absent: never, or written before this was kept). */
  publishedAt?: number | null;
  /** A moderator acted on it: it is no longer waiting for its first review. */
  moderated?: boolean;
}

/** What every new card starts with, numbered `seq`: no reaction, comment, edit nor deletion yet. */
export function freshCard(seq: number, now: number): Pick<CardDoc, 'reactions' | 'commentCount' | 'version' | 'seq' | 'editorName' | 'createdAt' | 'updatedAt' | 'deletedAt' | 'deletedBy'> {
  return { reactions: [], commentCount: 0, version: 1, seq, editorName: null, createdAt: now, updatedAt: now, deletedAt: null, deletedBy: null };
}

/** A comment as stored: the view's fields plus its school, tombstone and moderation state. */
export interface CommentDoc extends BaseDoc, Omit<WallComment, 'id' | 'hidden' | 'version' | 'status' | 'personalInfo'> {
  schoolId: string;
  deletedAt: number | null;
  deletedBy: string | null;
  /** Absent on comments written before moderation: read as 1. */
  version?: number;
  hiddenBy?: string | null;
  /** Absent on comments written before the personal-information guard: read as published. */
  status?: WallComment['status'];
  personalInfo?: boolean;
  moderated?: boolean;
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
/** Creates the wall's indexes once per store (idempotent; never inside a transaction). */
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

export const commentStatus = (comment: Pick<CommentDoc, 'status'>): WallComment['status'] => comment.status ?? 'published';

/** The content a card shows to everyone who may see it (the published one, or the one waiting for its first review). */
export const publishedContent = (card: CardDoc): CardContent => ({ title: card.title, body: card.body, link: card.link, attachment: card.attachment, color: card.color });

/**
 * The whitelisted fields of a card that leave the server. `withPending`: the viewer is the card's author, the
 * change's author or a moderator, who sees the change waiting for review instead of the published content,
 * marked; the personal-information flag is shown only with the content it is about.
 */
export function presentCard(card: CardDoc, withPending = false): WallCard {
  const pending = withPending && card.pendingChange ? card.pendingChange : null;
  const content = pending ?? card;
  const held = card.status === 'pending' || pending !== null;
  return {
    id: card._id,
    spaceId: card.spaceId,
    authorId: card.authorId,
    authorName: card.authorName,
    authorRole: card.authorRole,
    title: content.title,
    body: content.body,
    link: content.link,
    attachment: content.attachment,
    color: content.color,
    position: card.position,
    sectionId: card.sectionId,
    order: card.order,
    ...(card.pinned ? { pinned: true } : {}),
    status: card.status,
    reactions: card.reactions,
    commentCount: card.commentCount,
    version: card.version,
    seq: card.seq,
    editorName: card.editorName,
    hidden: card.status === 'pending' && Boolean(card.hiddenBy),
    ...(pending ? { pendingEdit: true } : {}),
    ...(held && card.personalInfo ? { personalInfo: true } : {}),
    createdAt: card.createdAt,
    updatedAt: card.updatedAt,
  };
}

export function presentComment(comment: CommentDoc): WallComment {
  const status = commentStatus(comment);
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
    status,
    ...(status === 'pending' && comment.personalInfo ? { personalInfo: true } : {}),
  };
}
