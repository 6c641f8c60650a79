import { personalInfoHold } from '../pii/guard';
import type { Actor } from '../policy/actor';
import { can, spaceRightsOf } from '../policy/can';
import type { Action, SpaceResource } from '../policy/resources';
import type { SpaceRights } from '../spaces/types';
import type { WallSettings } from './settings';
import type { WallAuthorRole, WallCard, WallComment } from './types';

/**
 * What one user may do on one wall: the space rights the policy table gives them (`spaceRightsOf`, sent by the
 * server with the space) combined with the wall's settings. The server decides with it, and the client shows
 * only the actions that will be accepted, from the rights the server sent (never from profile names).
 */
export interface WallRights {
  userId: string;
  read: boolean;
  /** Teachers of the scope, the director, and pupils designated as moderators of this wall: hide, approve. */
  moderate: boolean;
  /** Teachers of the scope and the director: settings, and every moderation action on anyone's contribution. */
  configure: boolean;
  /** May add cards: the action `whoCanPost` asks (`postAction`). */
  post: boolean;
  /** May take part (the space's `comment` right): edit, move and delete one's own cards. */
  contribute: boolean;
  /** May comment (comments on, and the space's `comment` right: parents only where allowed). */
  comment: boolean;
  /** May react (the space's `write` right: the class, not parents). */
  react: boolean;
  /** The space's `write` right: react, and edit everyone's cards under "tout le monde modifie". */
  write: boolean;
  /**
   * The personal-information guard holds this user's contributions that seem to hold personal information (a
   * pupil's): the client warns them before sending, in words that say a teacher will read it first.
   */
  guarded: boolean;
  /** May take the whole wall away as JSON (the policy table's `export`: its teachers and the director). */
  export: boolean;
  settings: WallSettings;
}

/**
 * The exact action posting a card asks on the space, from the wall's `whoCanPost`: "everyone" is whoever may
 * take part (`comment`: parents too where the teacher lets them), "pupils" the class (`write`), "closed" only
 * the teachers (`configure`).
 */
export function postAction(settings: Pick<WallSettings, 'whoCanPost'>): Action {
  switch (settings.whoCanPost) {
    case 'everyone':
      return 'comment';
    case 'pupils':
      return 'write';
    case 'closed':
      return 'configure';
  }
}

/**
 * The wall rights from the space rights the server sent (the client recomputes them on `space:updated`, keeping
 * `guarded` and `exports` from the rights the server sent with the wall).
 */
export function wallRightsFrom(userId: string, space: SpaceRights, settings: WallSettings, guarded = false, exports = false, archived = false): WallRights {
  const read = space.read;
  const write = read && space.write;
  const contribute = read && space.comment;
  const action = postAction(settings);
  // An archived wall takes no card, not even from its teachers on a closed wall (the server asks `write` then).
  const post = read && !archived && (action === 'configure' ? space.configure : action === 'write' ? space.write : space.comment);
  return {
    userId,
    read,
    moderate: read && space.moderate,
    configure: read && space.configure,
    post,
    contribute,
    comment: settings.comments && contribute,
    react: write,
    write,
    guarded,
    export: read && exports,
    settings,
  };
}

/** A phone number: asking the guard itself whether it would hold this author keeps its rule in one place. */
const GUARD_PROBE = '06 12 34 56 78';

/** The rights of an actor on a wall (nothing at all for someone who cannot read it), asked to the policy table. */
export function wallRights(actor: Actor | null, space: SpaceResource, settings: WallSettings): WallRights {
  const guarded = actor !== null && personalInfoHold(actor.profiles, GUARD_PROBE).length > 0;
  return wallRightsFrom(actor?.userId ?? '', spaceRightsOf(actor, space), settings, guarded, can(actor, 'export', space), space.archived);
}

/**
 * What a card's visibility and moderation depend on. `firstReview`: pending, never published nor acted upon by a
 * moderator (the server's `cardFacts`; unknown counts as false, so only the server's facts open a held card to a
 * pupil moderator).
 */
export type CardFacts = Pick<WallCard, 'authorId' | 'status'> & { hidden?: boolean | undefined; pendingEdit?: boolean | undefined; personalInfo?: boolean | undefined; firstReview?: boolean | undefined };
export type CommentFacts = Pick<WallComment, 'authorId'> & { hidden?: boolean | undefined; status?: WallComment['status'] | undefined; personalInfo?: boolean | undefined; firstReview?: boolean | undefined };

const own = (rights: WallRights, item: { authorId: string }): boolean => item.authorId === rights.userId;

/**
 * Whether this user reads someone else's held (pending or hidden) contribution: the policy table's `readHeld`
 * rows, from the wall rights (`configure`: the teachers of the scope and the director read all of it; a pupil
 * moderator, `moderate` alone, only a first publication they may approve: never what a moderator hid, what the
 * personal-information guard holds, or a change waiting for review).
 */
export function readsHeld(rights: WallRights, item: { hidden?: boolean | undefined; pendingEdit?: boolean | undefined; personalInfo?: boolean | undefined; firstReview?: boolean | undefined }): boolean {
  if (rights.configure) return true;
  return rights.moderate && !item.hidden && !item.pendingEdit && !item.personalInfo && item.firstReview === true;
}

/** Whether a card is shown to this user: a pending or hidden one only to its author and those who read it held. */
export function canSeeCard(rights: WallRights, card: CardFacts): boolean {
  return rights.read && (card.status === 'published' || own(rights, card) || readsHeld(rights, card));
}

/**
 * A pupil edits only their own cards, unless the wall is set to "tout le monde modifie"; teachers edit all (on
 * someone else's card that is a moderation edit). A pupil moderator only hides and approves: editing others'
 * cards stays with the teachers.
 */
export function canEditCard(rights: WallRights, card: CardFacts): boolean {
  if (!canSeeCard(rights, card)) return false;
  if (rights.configure) return true;
  if (own(rights, card)) return rights.contribute;
  return rights.write && rights.settings.everyoneEdits;
}

/** Whether changing or removing this card is a moderation action (a teacher acting on someone else's card). */
export function moderatesCard(rights: WallRights, card: Pick<WallCard, 'authorId'>): boolean {
  return rights.configure && !own(rights, card);
}

/** Moderators (pupil moderators too) hide someone else's published card pending review. */
export function canHideCard(rights: WallRights, card: CardFacts): boolean {
  return rights.moderate && !own(rights, card) && card.status === 'published' && !card.hidden;
}

/** Moving follows editing, and locked positions leave it to the moderators. */
export function canMoveCard(rights: WallRights, card: CardFacts): boolean {
  if (rights.moderate) return canSeeCard(rights, card);
  return !rights.settings.lockedPositions && canEditCard(rights, card);
}

/** Deleting follows editing: one's own cards, every card under "tout le monde modifie", every card for teachers. */
export function canDeleteCard(rights: WallRights, card: CardFacts): boolean {
  return canEditCard(rights, card);
}

export function canReactCard(rights: WallRights, card: CardFacts): boolean {
  return rights.react && canSeeCard(rights, card) && card.status === 'published';
}

export function canCommentCard(rights: WallRights, card: CardFacts): boolean {
  return rights.comment && canSeeCard(rights, card) && card.status === 'published';
}

/**
 * Approving publishes a card waiting for its first review, or an author's change waiting for review. Teachers
 * approve both; a pupil moderator only someone else's first publication that the personal-information guard
 * did not hold (the policy table decides on the server; this mirrors it for the buttons).
 */
export function canApproveCard(rights: WallRights, card: CardFacts): boolean {
  if (!rights.moderate || card.hidden) return false;
  const waiting = card.status === 'pending' || Boolean(card.pendingEdit);
  if (!waiting) return false;
  if (rights.configure) return true;
  return card.status === 'pending' && !card.pendingEdit && !card.personalInfo && !own(rights, card);
}

/** Only teachers drop an author's change waiting for review (the published card stays). */
export function canRejectCard(rights: WallRights, card: CardFacts): boolean {
  return rights.configure && card.status === 'published' && Boolean(card.pendingEdit);
}

/** Only teachers bring back what a moderator hid. */
export function canRestoreCard(rights: WallRights, card: CardFacts): boolean {
  return rights.configure && Boolean(card.hidden);
}

/** A hidden or held comment is seen by its author and those who read it held (`readsHeld`) only. */
export function canSeeComment(rights: WallRights, comment: CommentFacts): boolean {
  const published = !comment.hidden && comment.status !== 'pending';
  return rights.read && (published || own(rights, comment) || readsHeld(rights, comment));
}

/** A comment is removed by its author or by a teacher (pupil moderators hide it instead). */
export function canDeleteComment(rights: WallRights, comment: CommentFacts): boolean {
  return rights.read && (rights.configure || own(rights, comment));
}

/** Moderators (pupil moderators too) hide someone else's published comment pending review. */
export function canHideComment(rights: WallRights, comment: CommentFacts): boolean {
  return rights.moderate && !own(rights, comment) && !comment.hidden && comment.status !== 'pending';
}

/** Only teachers bring back a comment a moderator hid. */
export function canRestoreComment(rights: WallRights, comment: CommentFacts): boolean {
  return rights.configure && Boolean(comment.hidden);
}

/** A comment held for review (personal information): a teacher publishes it (pupil moderators never do). */
export function canApproveComment(rights: WallRights, comment: CommentFacts): boolean {
  if (!rights.moderate || comment.hidden || comment.status !== 'pending') return false;
  return rights.configure || (!own(rights, comment) && !comment.personalInfo);
}

/**
 * Whether a contribution of this user waits for review on a pre-moderated wall: everyone's but the teachers'
 * (pupil moderators' and parents' too). It holds new cards and changes to published ones alike.
 */
export function postsPending(rights: WallRights): boolean {
  return rights.settings.preModeration && !rights.configure;
}

/** How an author is labelled next to their card or comment. */
export function authorRoleOf(profiles: readonly string[]): WallAuthorRole {
  if (profiles.includes('teacher') || profiles.includes('director')) return 'teacher';
  if (profiles.includes('pupil')) return 'pupil';
  if (profiles.includes('parent')) return 'parent';
  return 'staff';
}
