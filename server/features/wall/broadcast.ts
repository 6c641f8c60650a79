import { can } from '../../../shared/policy/can';
import { spaceRoom } from '../../../shared/spaces/types';
import type { WallCard, WallComment, WallLock } from '../../../shared/wall/types';
import type { ServerContext } from '../../context';
import type { WallAccess } from './access';

/**
 * Sends to the sockets of a wall's room that may see a pending card: its author and the moderators. Published
 * cards go to the whole room at once. The room's sockets are fetched through the adapter, so this also works
 * across nodes.
 */
async function toViewers(ctx: ServerContext, wall: WallAccess, card: { authorId: string; status: WallCard['status'] }, send: (target: { emit: (...args: never[]) => unknown }) => void): Promise<void> {
  const io = ctx.services.realtime.io;
  if (!io) return;
  const room = spaceRoom(wall.space._id);
  if (card.status === 'published') {
    send(io.to(room) as never);
    return;
  }
  const sockets = await io.in(room).fetchSockets();
  for (const socket of sockets) {
    const actor = socket.data.state?.actor ?? null;
    if (actor && (actor.userId === card.authorId || can(actor, 'moderate', wall.resource))) send(socket as never);
  }
}

/** A card was created or changed. */
export function broadcastCard(ctx: ServerContext, wall: WallAccess, card: WallCard): Promise<void> {
  return toViewers(ctx, wall, card, (target) => (target as unknown as { emit(e: 'wall:card', c: WallCard): void }).emit('wall:card', card));
}

/** A card was deleted: only its id leaves, so everyone may be told. */
export function broadcastCardDeleted(ctx: ServerContext, wall: WallAccess, info: { cardId: string; seq: number }): void {
  ctx.services.realtime.io?.to(spaceRoom(wall.space._id)).emit('wall:cardDeleted', { spaceId: wall.space._id, ...info });
}

/** A comment was added: it is seen by those who see its card. */
export function broadcastComment(ctx: ServerContext, wall: WallAccess, card: { authorId: string; status: WallCard['status'] }, comment: WallComment): Promise<void> {
  return toViewers(ctx, wall, card, (target) => (target as unknown as { emit(e: 'wall:comment', c: WallComment): void }).emit('wall:comment', comment));
}

export function broadcastCommentDeleted(ctx: ServerContext, wall: WallAccess, info: { cardId: string; commentId: string; seq: number }): void {
  ctx.services.realtime.io?.to(spaceRoom(wall.space._id)).emit('wall:commentDeleted', { spaceId: wall.space._id, ...info });
}

/** Someone started or stopped editing a card. */
export function broadcastLock(ctx: ServerContext, lock: WallLock): void {
  ctx.services.realtime.io?.to(spaceRoom(lock.spaceId)).emit('wall:lock', lock);
}
