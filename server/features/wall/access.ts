import type { AuditOrigin } from '../../../shared/audit/events';
import { AppError } from '../../../shared/errors';
import type { Actor } from '../../../shared/policy/actor';
import type { Action, ItemAction, SpaceResource } from '../../../shared/policy/resources';
import { archivedAsks } from '../../../shared/spaces/lifecycle';
import { canSeeCard, canSeeComment, postAction, wallRights, type WallRights } from '../../../shared/wall/policy';
import { wallSettingsOf, type WallSettings } from '../../../shared/wall/settings';
import type { ServerContext } from '../../context';
import type { AuthedRequestState } from '../../http/request-state';
import type { PolicyQuestion } from '../../http/route';
import { deny } from '../auth/runtime';
import { moderationAdapter } from '../moderation/adapters';
import { assertNotMuted, mutedRefusal } from '../moderation/mutes';
import { itemResource, type ModerationTarget } from '../moderation/items';
import { spaceResource, type SpaceDoc } from '../spaces/model';
import { cardItem, classOf, commentItem } from './items';
import { liveWalls, rightsOn } from './live-walls';
import { cardsCollection, commentsCollection, type CardDoc, type CommentDoc } from './model';
import { cardFacts, commentFacts } from './views';

/** A wall as one operation sees it: the space, its settings, and the caller's rights on it. */
export interface WallAccess {
  space: SpaceDoc;
  resource: SpaceResource;
  settings: WallSettings;
  rights: WallRights;
  classId: string | null;
  /** Until when each muted user is muted, when known with the wall (this node's live walls). */
  muted?: ReadonlyMap<string, number>;
}

/** The wall as this actor sees it, from a space already loaded. */
export function wallAccess(space: SpaceDoc, actor: Actor | null): WallAccess {
  const resource = spaceResource(space);
  const settings = wallSettingsOf(space.settings);
  return { space, resource, settings, rights: wallRights(actor, resource, settings), classId: classOf(space) };
}

/**
 * The wall as this caller sees it, from this node's live walls (`live-walls.ts`): the space, its mutes and the
 * caller's rights are loaded and computed once per wall and actor, not once per operation. NOT_FOUND for a wall of
 * another school, or not a wall.
 */
export async function liveWallAccess(ctx: ServerContext, state: AuthedRequestState, spaceId: string): Promise<WallAccess> {
  const wall = await liveWalls(ctx).get(spaceId, state.user.schoolId);
  return { space: wall.space, resource: wall.resource, settings: wall.settings, rights: rightsOn(wall, state.actor), classId: classOf(wall.space), muted: wall.muted };
}

/**
 * Refuses, audited as every feature's `assertNotMuted`, a contribution from a caller muted in this wall: from the
 * mutes known with the live wall, else asked to the store.
 */
export async function assertNotMutedIn(ctx: ServerContext, state: AuthedRequestState, origin: AuditOrigin, wall: WallAccess, action: string, target: { type: string; id: string | null; ownerId: string | null }): Promise<void> {
  if (!wall.muted) return assertNotMuted(ctx, state, origin, wall.space, action, target);
  const until = wall.muted.get(state.user._id);
  if (until !== undefined && until > Date.now()) throw await mutedRefusal(ctx, state, origin, wall.space, action, target, until);
}

/** The edge of a wall event or route: the caller's live wall, `action` asked on it, handed over. */
export function askWall<I>(ctx: ServerContext, action: Action | ((space: SpaceDoc, input: I) => Action), idOf: (input: I) => string) {
  return async (state: AuthedRequestState, input: I): Promise<PolicyQuestion<WallAccess>> => {
    const wall = await liveWallAccess(ctx, state, idOf(input));
    const asked = typeof action === 'function' ? action(wall.space, input) : action;
    return { action: archivedAsks(wall.space, asked), resource: wall.resource, subject: wall };
  };
}

/** Posting a card asks what the wall's `whoCanPost` says (everyone → comment, pupils → write, closed → configure). */
export const postActionOf = (space: SpaceDoc): Action => postAction(wallSettingsOf(space.settings));

/**
 * A card operation's subject: the wall and the card, loaded once at the edge. `target` is set when the
 * operation moderates (a teacher acting on someone else's card): the handler then goes through the one
 * moderation path with it.
 */
export interface CardSubject {
  space: SpaceDoc;
  /** The wall as the caller sees it (their rights, computed once). */
  wall: WallAccess;
  card: CardDoc;
  target: ModerationTarget | null;
}

export interface CommentSubject {
  space: SpaceDoc;
  wall: WallAccess;
  card: CardDoc;
  comment: CommentDoc;
  target: ModerationTarget | null;
}

/** What a card operation asks: an action on the space (the author's own, or collaborative), or one on the item. */
export type CardQuestion = { space: Action } | { item: ItemAction };

const hiddenFrom = async (ctx: ServerContext, state: AuthedRequestState, space: SpaceDoc, action: string, target: { type: string; id: string; ownerId: string }): Promise<never> => {
  // An item hidden from the caller answers NOT_FOUND so that its existence does not leak; the attempt is logged.
  await deny(ctx, state, 'socket', 'FORBIDDEN', { action: `${action} (hidden item)`, target, classId: classOf(space), spaceId: space._id });
  throw new AppError('NOT_FOUND', target.type === 'wallCard' ? 'Card not found' : 'Comment not found');
};

/**
 * The edge of an event on one card: loads the wall and the card once, and asks the exact action `pick` chooses
 * from the card (the author's own action, a collaborative one, or a moderation action on the item). A card the
 * caller cannot see answers NOT_FOUND (audited); someone who cannot read the wall is asked `read` and refused.
 */
export function askCard<P extends { spaceId: string; cardId: string }>(ctx: ServerContext, event: string, pick: (wall: WallAccess, card: CardDoc, state: AuthedRequestState) => CardQuestion) {
  return async (state: AuthedRequestState, payload: P): Promise<PolicyQuestion<CardSubject>> => {
    const wall = await liveWallAccess(ctx, state, payload.spaceId);
    const { space } = wall;
    if (!wall.rights.read) return { action: 'read', resource: wall.resource };
    const card = await cardsCollection(ctx.store).findOne({ _id: payload.cardId, spaceId: space._id, deletedAt: null });
    if (!card) throw new AppError('NOT_FOUND', 'Card not found');
    const question = pick(wall, card, state);
    if ('space' in question) {
      if (!canSeeCard(wall.rights, cardFacts(card))) return hiddenFrom(ctx, state, space, event, { type: 'wallCard', id: card._id, ownerId: card.authorId });
      return { action: archivedAsks(space, question.space), resource: wall.resource, subject: { space, wall, card, target: null } };
    }
    // A moderation action is decided on the item itself (the moderators see every card; anyone else is refused).
    const target: ModerationTarget = { space, adapter: moderationAdapter('wallCard')!, item: cardItem(card, space) };
    return { action: question.item, resource: itemResource(space, target.item), subject: { space, wall, card, target } };
  };
}

/** The same edge for an event on one comment (its card loaded with it: who sees the card sees its comments). */
export function askComment<P extends { spaceId: string; commentId: string }>(ctx: ServerContext, event: string, pick: (wall: WallAccess, comment: CommentDoc, state: AuthedRequestState) => CardQuestion) {
  return async (state: AuthedRequestState, payload: P): Promise<PolicyQuestion<CommentSubject>> => {
    const wall = await liveWallAccess(ctx, state, payload.spaceId);
    const { space } = wall;
    if (!wall.rights.read) return { action: 'read', resource: wall.resource };
    const comment = await commentsCollection(ctx.store).findOne({ _id: payload.commentId, spaceId: space._id, deletedAt: null });
    const card = comment ? await cardsCollection(ctx.store).findOne({ _id: comment.cardId, spaceId: space._id, deletedAt: null }) : null;
    if (!comment || !card) throw new AppError('NOT_FOUND', 'Comment not found');
    const question = pick(wall, comment, state);
    if ('space' in question) {
      if (!canSeeCard(wall.rights, cardFacts(card)) || !canSeeComment(wall.rights, commentFacts(comment))) {
        return hiddenFrom(ctx, state, space, event, { type: 'wallComment', id: comment._id, ownerId: comment.authorId });
      }
      return { action: archivedAsks(space, question.space), resource: wall.resource, subject: { space, wall, card, comment, target: null } };
    }
    const target: ModerationTarget = { space, adapter: moderationAdapter('wallComment')!, item: commentItem(comment, space) };
    return { action: question.item, resource: itemResource(space, target.item), subject: { space, wall, card, comment, target } };
  };
}

const own = (state: AuthedRequestState, item: { authorId: string }): boolean => item.authorId === state.user._id;
/** A pupil changing a classmate's card under "tout le monde modifie" writes; anyone else's change of it moderates. */
const collaborates = (wall: WallAccess): boolean => wall.settings.everyoneEdits && !wall.rights.configure;

/**
 * Editing, deleting or locking a card: the author's own action is `comment`; a classmate's change under "tout
 * le monde modifie" is `write`; anyone else's (a teacher's) is the moderation action on the item.
 */
export const changeOfCard = (item: 'edit' | 'delete') => (wall: WallAccess, card: CardDoc, state: AuthedRequestState): CardQuestion => {
  if (own(state, card)) return { space: 'comment' };
  return collaborates(wall) ? { space: 'write' } : { item };
};

/**
 * Moving a card: one's own is `comment`, a classmate's under "tout le monde modifie" `write`; arranging
 * someone else's cards, or any card when positions are locked, is the moderators' (`moderate`).
 */
export const moveOfCard = (wall: WallAccess, card: CardDoc, state: AuthedRequestState): CardQuestion => {
  if (wall.settings.lockedPositions) return { space: 'moderate' };
  if (own(state, card)) return { space: 'comment' };
  return wall.settings.everyoneEdits ? { space: 'write' } : { space: 'moderate' };
};

/** Removing a comment: its author's own action (`comment`), or a teacher's moderation action on it. */
export const removalOfComment = (_wall: WallAccess, comment: CommentDoc, state: AuthedRequestState): CardQuestion =>
  own(state, comment) ? { space: 'comment' } : { item: 'delete' };
