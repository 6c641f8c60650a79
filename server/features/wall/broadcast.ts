import { spaceRoom } from '../../../shared/spaces/types';
import { wallRights, type WallRights } from '../../../shared/wall/policy';
import type { WallCard, WallComment, WallLock } from '../../../shared/wall/types';
import type { ServerContext } from '../../context';
import { blobDeleter } from '../blobs/service';
import type { SpaceDoc } from '../spaces/model';
import { wallAccess } from './access';
import { freeLock, softLocks } from './locks';
import { presentCard, presentComment, type CardDoc, type CommentDoc } from './model';
import { cardIsPublic, cardViewFor, commentIsPublic, commentViewFor, droppedBlobIds } from './views';

/**
 * What the wall's room is told after a change committed. Everyone reading the wall gets their own view: a card
 * or comment everyone sees alike goes to the room in one emit; otherwise each socket's view is computed from its
 * own rights (with the space as this operation loaded it, so a revoked moderator stops getting pending cards at
 * once), and a socket that saw the item before and may no longer see it is told to drop it. The room's sockets
 * are fetched through the adapter, so this also works across nodes.
 */

type CardGone = { spaceId: string; cardId: string; seq: number };
type CommentGone = { spaceId: string; cardId: string; commentId: string; seq: number };
interface Target {
  emit(event: 'wall:card', card: WallCard): unknown;
  emit(event: 'wall:cardDeleted', info: CardGone): unknown;
  emit(event: 'wall:comment', comment: WallComment): unknown;
  emit(event: 'wall:commentDeleted', info: CommentGone): unknown;
}

/** Sends each socket of the wall's room what `viewOf` gives for its rights. */
async function perViewer(ctx: ServerContext, space: SpaceDoc, send: (target: Target, rights: WallRights) => void): Promise<void> {
  const io = ctx.services.realtime.io;
  if (!io) return;
  const { resource, settings } = wallAccess(space, null);
  for (const socket of await io.in(spaceRoom(space._id)).fetchSockets()) {
    const actor = socket.data.state?.actor ?? null;
    if (actor) send(socket as unknown as Target, wallRights(actor, resource, settings));
  }
}

const room = (ctx: ServerContext, space: SpaceDoc): Target | null => (ctx.services.realtime.io?.to(spaceRoom(space._id)) as unknown as Target | undefined) ?? null;

/** Tells the room a lock changed (someone started or stopped editing a card). */
export function broadcastLock(ctx: ServerContext, lock: WallLock): void {
  ctx.services.realtime.io?.to(spaceRoom(lock.spaceId)).emit('wall:lock', lock);
}

/**
 * A card was created or changed (`before` is null for a new card): each viewer gets the card as they may see it,
 * and those who saw it and no longer may (a moderator hid it) are told to drop it. A deleted card's id alone
 * leaves, to everyone. Files the card no longer refers to are deleted (after the commit: they are not store work).
 */
export async function publishCard(ctx: ServerContext, space: SpaceDoc, before: CardDoc | null, after: CardDoc): Promise<void> {
  if (after.deletedAt !== null) {
    const gone = { spaceId: space._id, cardId: after._id, seq: after.seq };
    // Only its id leaves; a card that was not public is named only to those who saw it.
    if (!before || cardIsPublic(before)) room(ctx, space)?.emit('wall:cardDeleted', gone);
    else await perViewer(ctx, space, (target, rights) => cardViewFor(rights, before) && target.emit('wall:cardDeleted', gone));
    if (softLocks.release(after._id, null)) broadcastLock(ctx, freeLock(space._id, after._id));
  } else if (cardIsPublic(after)) {
    room(ctx, space)?.emit('wall:card', presentCard(after));
  } else {
    await perViewer(ctx, space, (target, rights) => {
      const view = cardViewFor(rights, after);
      if (view) target.emit('wall:card', view);
      else if (before && cardViewFor(rights, before)) target.emit('wall:cardDeleted', { spaceId: space._id, cardId: after._id, seq: after.seq });
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
  const gone: CommentGone = { spaceId: space._id, cardId: after.cardId, commentId: after._id, seq: after.seq };
  if (after.deletedAt !== null) {
    if (!before || commentIsPublic(card, before)) room(ctx, space)?.emit('wall:commentDeleted', gone);
    else await perViewer(ctx, space, (target, rights) => commentViewFor(rights, card, before) && target.emit('wall:commentDeleted', gone));
    return;
  }
  if (commentIsPublic(card, after)) {
    room(ctx, space)?.emit('wall:comment', presentComment(after));
    return;
  }
  await perViewer(ctx, space, (target, rights) => {
    const view = commentViewFor(rights, card, after);
    if (view) target.emit('wall:comment', view);
    else if (before && commentViewFor(rights, card, before)) target.emit('wall:commentDeleted', gone);
  });
}
