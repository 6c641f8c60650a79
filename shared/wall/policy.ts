import type { Actor } from '../policy/actor';
import { can } from '../policy/can';
import type { ResourceOf } from '../policy/resources';
import type { WallSettings } from './settings';
import type { WallAuthorRole, WallCard } from './types';

/**
 * What one user may do on one wall, derived once from `can()` on the space and the wall's settings. The server
 * decides with it, and the client uses the very same rules to show only the actions that will be accepted.
 */
export interface WallRights {
  userId: string;
  read: boolean;
  /** Teachers of the scope, the director, and pupils designated as moderators of this wall: approve and hide. */
  moderate: boolean;
  /** Teachers of the scope and the director: also edit and delete anyone's contribution. */
  configure: boolean;
  /** May add cards (who can post, the space's writers and lock). */
  post: boolean;
  /** May comment (comments on, and the space lets this user comment: parents only where allowed). */
  comment: boolean;
  /** May react (the class, not parents). */
  react: boolean;
  /** May write on the space at all (edits and moves of their own cards). */
  write: boolean;
  settings: WallSettings;
}

type SpaceResource = ResourceOf<'space'>;

/** The rights of an actor on a wall (nothing at all for someone who cannot read it). */
export function wallRights(actor: Actor | null, space: SpaceResource, settings: WallSettings): WallRights {
  const read = can(actor, 'read', space);
  const moderate = read && can(actor, 'moderate', space);
  const configure = moderate && can(actor, 'configure', space);
  const write = read && (moderate || can(actor, 'write', space));
  const mayComment = read && (moderate || can(actor, 'comment', space));
  const post =
    moderate ||
    (settings.whoCanPost === 'everyone' && mayComment) ||
    (settings.whoCanPost === 'pupils' && write);
  return {
    userId: actor?.userId ?? '',
    read,
    moderate,
    configure,
    post,
    comment: settings.comments && mayComment,
    react: write,
    write,
    settings,
  };
}

const own = (rights: WallRights, card: Pick<WallCard, 'authorId'>): boolean => card.authorId === rights.userId;

/** Whether a card is shown to this user: pending cards only to their author and the moderators. */
export function canSeeCard(rights: WallRights, card: Pick<WallCard, 'authorId' | 'status'>): boolean {
  return rights.read && (card.status === 'published' || rights.moderate || own(rights, card));
}

/**
 * A pupil edits only their own cards, unless the wall is set to "tout le monde modifie"; teachers edit all. A pupil
 * moderator only hides and approves (`canHideCard`): editing others' cards stays with the teachers.
 */
export function canEditCard(rights: WallRights, card: Pick<WallCard, 'authorId' | 'status'>): boolean {
  if (!canSeeCard(rights, card)) return false;
  if (rights.configure) return true;
  if (own(rights, card)) return rights.write || rights.post || rights.moderate;
  return rights.write && rights.settings.everyoneEdits;
}

/** Whether removing this card is a moderation action (a teacher acting on someone else's card, with a reason). */
export function moderatesCard(rights: WallRights, card: Pick<WallCard, 'authorId'>): boolean {
  return rights.configure && !own(rights, card);
}

/** Moderators (pupil moderators too) hide someone else's published card pending review. */
export function canHideCard(rights: WallRights, card: Pick<WallCard, 'authorId' | 'status'>): boolean {
  return rights.moderate && !own(rights, card) && card.status === 'published';
}

/** Moving follows editing, and locked positions leave it to the moderators. */
export function canMoveCard(rights: WallRights, card: Pick<WallCard, 'authorId' | 'status'>): boolean {
  if (rights.moderate) return canSeeCard(rights, card);
  return !rights.settings.lockedPositions && canEditCard(rights, card);
}

/** Deleting follows editing: one's own cards, every card under "tout le monde modifie", every card for moderators. */
export function canDeleteCard(rights: WallRights, card: Pick<WallCard, 'authorId' | 'status'>): boolean {
  return canEditCard(rights, card);
}

export function canReactCard(rights: WallRights, card: Pick<WallCard, 'authorId' | 'status'>): boolean {
  return rights.react && canSeeCard(rights, card) && card.status === 'published';
}

export function canCommentCard(rights: WallRights, card: Pick<WallCard, 'authorId' | 'status'>): boolean {
  return rights.comment && canSeeCard(rights, card) && card.status === 'published';
}

export function canApproveCard(rights: WallRights, card: Pick<WallCard, 'status'>): boolean {
  return rights.moderate && card.status === 'pending';
}

/** A hidden comment is seen by its author and the moderators only. */
export function canSeeComment(rights: WallRights, comment: { authorId: string; hidden?: boolean }): boolean {
  return rights.read && (!comment.hidden || rights.moderate || comment.authorId === rights.userId);
}

/** A comment is removed by its author or by a teacher (pupil moderators hide it instead). */
export function canDeleteComment(rights: WallRights, comment: { authorId: string }): boolean {
  return rights.read && (rights.configure || comment.authorId === rights.userId);
}

/** Moderators (pupil moderators too) hide someone else's comment pending review. */
export function canHideComment(rights: WallRights, comment: { authorId: string; hidden?: boolean }): boolean {
  return rights.moderate && comment.authorId !== rights.userId && !comment.hidden;
}

/** Whether a new card by this user waits for approval: pre-moderation holds pupils' (and parents') cards. */
export function postsPending(rights: WallRights): boolean {
  return rights.settings.preModeration && !rights.moderate;
}

/** How an author is labelled next to their card or comment. */
export function authorRoleOf(profiles: readonly string[]): WallAuthorRole {
  if (profiles.includes('teacher') || profiles.includes('director')) return 'teacher';
  if (profiles.includes('pupil')) return 'pupil';
  if (profiles.includes('parent')) return 'parent';
  return 'staff';
}
