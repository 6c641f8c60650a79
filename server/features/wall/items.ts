import type { ItemState } from '../../../shared/moderation/types';
import { richTextToPlain } from '../../../shared/richtext/validate';
import type { ModeratedItem } from '../moderation/adapters';
import type { SpaceDoc } from '../spaces/model';
import { commentStatus, publishedContent, type CardContent, type CardDoc, type CommentDoc } from './model';

/** Cards and comments as the moderation feature (console, policy table, evidence, audit) sees them. */

export const classOf = (space: Pick<SpaceDoc, 'scope'>): string | null => (space.scope.kind === 'class' ? space.scope.classId : null);

/** Everything a card says, as the personal-information guard and the console read it. */
export function cardText(content: Pick<CardContent, 'title' | 'body' | 'link'> & { attachment?: CardContent['attachment'] }): string {
  return [content.title, content.body ? richTextToPlain(content.body) : '', content.link?.url ?? '', content.attachment?.name ?? ''].filter(Boolean).join(' — ');
}

const excerptOf = (text: string): string => text.trim().slice(0, 200);

export function cardState(card: CardDoc): ItemState {
  if (card.deletedAt !== null) return 'deleted';
  if (card.status === 'pending') return card.hiddenBy ? 'hidden' : 'pending';
  return 'visible';
}

export function commentState(comment: CommentDoc): ItemState {
  if (comment.deletedAt !== null) return 'deleted';
  if (comment.hiddenBy) return 'hidden';
  return commentStatus(comment) === 'pending' ? 'pending' : 'visible';
}

/**
 * A card as a moderated item: `content` is what everyone else sees (or what waits for its first review),
 * `pendingContent` its author's change waiting for review. It waits for its first review while pending and never
 * published nor acted upon by a moderator: only then may a pupil moderator approve it (the policy table).
 */
export function cardItem(card: CardDoc, space: SpaceDoc): ModeratedItem {
  const state = cardState(card);
  const pending = state === 'deleted' ? null : (card.pendingChange ?? null);
  const pendingContent = pending ? { title: pending.title, body: pending.body, link: pending.link, attachment: pending.attachment, color: pending.color } : null;
  return {
    kind: 'wallCard',
    id: card._id,
    spaceId: card.spaceId,
    classId: classOf(space),
    schoolId: card.schoolId,
    authorId: card.authorId,
    authorName: card.authorName,
    state,
    version: card.version,
    excerpt: excerptOf(cardText(card)),
    createdAt: card.createdAt,
    personalInfo: Boolean(card.personalInfo) && (state === 'pending' || state === 'hidden' || pending !== null),
    pendingEdit: pending !== null,
    pendingExcerpt: pending ? excerptOf(cardText(pending)) : null,
    content: { ...publishedContent(card) },
    pendingContent,
    firstReview: state === 'pending' && !card.publishedAt && !card.moderated,
  };
}

/** A comment as a moderated item (comments have no pre-moderation: only the personal-information guard holds them). */
export function commentItem(comment: CommentDoc, space: SpaceDoc): ModeratedItem {
  const state = commentState(comment);
  return {
    kind: 'wallComment',
    id: comment._id,
    spaceId: comment.spaceId,
    classId: classOf(space),
    schoolId: comment.schoolId,
    authorId: comment.authorId,
    authorName: comment.authorName,
    state,
    version: comment.version ?? 1,
    excerpt: excerptOf(comment.text),
    createdAt: comment.createdAt,
    personalInfo: Boolean(comment.personalInfo) && state === 'pending',
    pendingEdit: false,
    pendingExcerpt: null,
    content: { text: comment.text },
    pendingContent: null,
    firstReview: state === 'pending' && !comment.moderated,
  };
}
