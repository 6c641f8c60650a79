import { spaceRoom } from '../../../shared/spaces/types';
import { canSeeCard, wallRightsFrom, type WallRights } from '../../../shared/wall/policy';
import { wallSettingsOf } from '../../../shared/wall/settings';
import type { WallChange } from '../../../shared/wall/events';
import type { WallLock } from '../../../shared/wall/types';
import type { ServerContext } from '../../context';
import { staffRoom, viewerRoom } from '../../realtime/rights';
import { blobDeleter } from '../blobs/service';
import type { SpaceDoc } from '../spaces/model';
import { wallBatches, type Rooms } from './batches';
import { freeLock, softLocks } from './locks';
import { presentCard, presentComment, type CardDoc, type CommentDoc } from './model';
import { cardFacts, cardIsPublic, cardViewFor, commentIsPublic, commentViewFor, droppedBlobIds } from './views';

/**
 * What a wall's viewers are told after a change committed, by class of viewers rather than socket by socket. What
 * one sees of a card or comment depends only on whether one runs the wall, is a pupil moderator of it, and on
 * whether one is the person the item concerns (its author, the author of a change waiting for review): so the view of each class is computed
 * once and emitted once (the adapter encodes it once) to the rooms that reach that class, joined when the socket
 * joined the wall (`server/features/spaces/socket.ts`). A card or comment everyone sees alike goes to the wall's
 * room in one emit. Classes that saw the item before and may no longer see it are told to drop it. Room emits reach
 * every node through the adapter. A wall's changes for the same classes within `WALL_BROADCAST_WINDOW_MS` leave as one
 * frame (`batches.ts`), sent at once by every space or rights change.
 */

/** One class of viewers: who it reaches (`to` minus `except`) and the rights that decide what it sees. */
interface Audience extends Rooms {
  rights: WallRights;
}

/** Whom a class of viewers is, for what they see of held items: a reader, a designated pupil moderator, its staff. */
type Seer = 'reader' | 'pupilModerator' | 'staff';

/**
 * What decides what a viewer sees of a wall's items: reading it, moderating it (a pupil moderator reads only the
 * first publications they may approve), running it (its teachers and the director read everything held), and who
 * they are (nothing else).
 */
const seeing = (space: SpaceDoc, userId: string, seer: Seer): WallRights =>
  wallRightsFrom(userId, { read: true, comment: false, write: false, moderate: seer !== 'reader', configure: seer === 'staff' }, wallSettingsOf(space.settings));

/** The rooms of a wall's moderators: the staff room, and the viewer rooms of the pupils this space designates. */
const moderatorRooms = (space: SpaceDoc): string[] => [staffRoom(space._id), ...space.moderatorIds.map((userId) => viewerRoom(space._id, userId))];

/**
 * The classes of viewers a change of an item reaches, each socket in exactly one:
 * - the staff room (the teachers of the scope and the director, by position): everything held;
 * - each pupil the space designates, as the operation loaded it, in their viewer room: a pupil moderator's own view
 *   (first publications they may approve, their own items; never what a teacher hid or the guard holds). A revoked
 *   pupil moderator gets nothing more from the next operation on, whenever their sockets' room moves land;
 * - each person the item concerns who is not a designated moderator: their viewer room on this wall;
 * - everyone else reading the wall: its room, except the rooms above.
 */
function audiences(space: SpaceDoc, concerned: readonly (string | null | undefined)[]): Audience[] {
  const moderators = moderatorRooms(space);
  const staff = [staffRoom(space._id)];
  const pupilModerators = space.moderatorIds.map((userId): Audience => ({ to: [viewerRoom(space._id, userId)], except: staff, rights: seeing(space, userId, 'pupilModerator') }));
  const people = [...new Set(concerned.filter((userId): userId is string => Boolean(userId) && !space.moderatorIds.includes(userId!)))];
  const personal = people.map((userId): Audience => ({ to: [viewerRoom(space._id, userId)], except: moderators, rights: seeing(space, userId, 'reader') }));
  return [
    { to: staff, except: [], rights: seeing(space, '', 'staff') },
    ...pupilModerators,
    ...personal,
    { to: [spaceRoom(space._id)], except: [...moderators, ...personal.flatMap((audience) => audience.to)], rights: seeing(space, '', 'reader') },
  ];
}

/** Sends one message to everyone reading the wall (an item everyone sees alike). */
function toEveryone(ctx: ServerContext, space: SpaceDoc, message: WallChange): void {
  const io = ctx.services.realtime.io;
  if (io) wallBatches(ctx, io).send(space._id, [{ to: [spaceRoom(space._id)], except: [] }], [message]);
}

/** Sends each class of viewers what `messageFor` gives for its rights (nothing when null). */
function toEachClass(ctx: ServerContext, space: SpaceDoc, concerned: readonly (string | null | undefined)[], messageFor: (rights: WallRights) => WallChange | null): void {
  const io = ctx.services.realtime.io;
  if (!io) return;
  const classes = audiences(space, concerned);
  wallBatches(ctx, io).send(space._id, classes, classes.map((audience) => messageFor(audience.rights)));
}

/** The people whose own view of a card differs from a classmate's: its author and the author of its pending change. */
const concernedBy = (card: CardDoc | null): (string | null | undefined)[] => (card ? [card.authorId, card.pendingChange?.by] : []);

/**
 * The rooms of those who see a card: the wall's room when its readers do, else the moderators' and its author's (a
 * lock on a pending card must not name it to the others).
 */
export function cardRooms(space: SpaceDoc, card: CardDoc): string[] {
  const facts = cardFacts(card);
  if (canSeeCard(seeing(space, '', 'reader'), facts)) return [spaceRoom(space._id)];
  const pupilModerators = space.moderatorIds.filter((userId) => canSeeCard(seeing(space, userId, 'pupilModerator'), facts));
  return [staffRoom(space._id), ...[...new Set([...pupilModerators, card.authorId])].map((userId) => viewerRoom(space._id, userId))];
}

/** Tells those who see the card (`rooms`, from `cardRooms` when it was locked) that its lock changed. */
export function broadcastLock(ctx: ServerContext, lock: WallLock, rooms: readonly string[]): void {
  const io = ctx.services.realtime.io;
  if (!io) return;
  // After the wall's waiting changes: a lock released with a change lands after it.
  wallBatches(ctx, io).flush(lock.spaceId);
  io.to([...rooms]).emit('wall:lock', lock);
}

/**
 * A card was created or changed (`before` is null for a new card): each class of viewers gets the card as it may
 * see it, and those who saw it and no longer may (a moderator hid it) are told to drop it. A deleted card's id
 * alone leaves, to those who saw it. Files the card no longer refers to are deleted (after the commit: they are
 * not store work).
 */
export async function publishCard(ctx: ServerContext, space: SpaceDoc, before: CardDoc | null, after: CardDoc): Promise<void> {
  if (after.deletedAt !== null) {
    const gone: WallChange = { event: 'wall:cardDeleted', data: { spaceId: space._id, cardId: after._id, seq: after.seq } };
    // Only its id leaves; a card that was not public is named only to those who saw it.
    if (!before || cardIsPublic(before)) toEveryone(ctx, space, gone);
    else toEachClass(ctx, space, concernedBy(before), (rights) => (cardViewFor(rights, before) ? gone : null));
    const lock = softLocks.release(after._id, null);
    if (lock) broadcastLock(ctx, freeLock(space._id, after._id), lock.rooms);
  } else if (cardIsPublic(after)) {
    toEveryone(ctx, space, { event: 'wall:card', data: presentCard(after) });
  } else {
    toEachClass(ctx, space, [...concernedBy(before), ...concernedBy(after)], (rights) => {
      const view = cardViewFor(rights, after);
      if (view) return { event: 'wall:card', data: view };
      if (before && cardViewFor(rights, before)) return { event: 'wall:cardDeleted', data: { spaceId: space._id, cardId: after._id, seq: after.seq } };
      return null;
    });
  }
  await dropFiles(ctx, before, after);
}

/** Deletes, once the change is committed, the files a card no longer refers to (a soft-deleted card keeps them). */
export async function dropFiles(ctx: ServerContext, before: CardDoc | null, after: CardDoc | null): Promise<void> {
  if (!before || after?.deletedAt) return;
  for (const blobId of droppedBlobIds(before, after)) await blobDeleter(ctx, blobId);
}

/**
 * A comment was added or changed: seen by those who see its card (and, held or hidden, only by its author and the
 * moderators); those who saw it and no longer may are told to drop it. `card` is the card after the change.
 */
export async function publishComment(ctx: ServerContext, space: SpaceDoc, card: CardDoc, before: CommentDoc | null, after: CommentDoc): Promise<void> {
  const gone: WallChange = { event: 'wall:commentDeleted', data: { spaceId: space._id, cardId: after.cardId, commentId: after._id, seq: after.seq } };
  const concerned = [card.authorId, after.authorId];
  if (after.deletedAt !== null) {
    if (!before || commentIsPublic(card, before)) toEveryone(ctx, space, gone);
    else toEachClass(ctx, space, concerned, (rights) => (commentViewFor(rights, card, before) ? gone : null));
    return;
  }
  if (commentIsPublic(card, after)) {
    toEveryone(ctx, space, { event: 'wall:comment', data: presentComment(after) });
    return;
  }
  toEachClass(ctx, space, concerned, (rights) => {
    const view = commentViewFor(rights, card, after);
    if (view) return { event: 'wall:comment', data: view };
    if (before && commentViewFor(rights, card, before)) return gone;
    return null;
  });
}
