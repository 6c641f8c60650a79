import { spaceRoom } from '../../../shared/spaces/types';
import { canSeeCard, canSeeComment, wallRights, type WallRights } from '../../../shared/wall/policy';
import type { WallCard, WallComment, WallLock } from '../../../shared/wall/types';
import type { ServerContext } from '../../context';
import type { WallAccess } from './access';

type Emitter = { emit: (...args: never[]) => unknown };
type Send = (target: Emitter) => void;

/**
 * Sends to the sockets of a wall's room: `send` to those who may see the item (`sees`, judged with each socket's
 * own wall rights), `others` (if given) to the rest. When everyone may see it, the room gets it at once. The
 * room's sockets are fetched through the adapter, so this also works across nodes.
 */
async function toRoom(ctx: ServerContext, wall: WallAccess, everyone: boolean, sees: (rights: WallRights) => boolean, send: Send, others?: Send): Promise<void> {
  const io = ctx.services.realtime.io;
  if (!io) return;
  const room = spaceRoom(wall.space._id);
  if (everyone) {
    send(io.to(room) as never);
    return;
  }
  for (const socket of await io.in(room).fetchSockets()) {
    const actor = socket.data.state?.actor ?? null;
    if (actor && sees(wallRights(actor, wall.resource, wall.settings))) send(socket as never);
    else if (others) others(socket as never);
  }
}

const emitCard = (card: WallCard): Send => (target) => (target as unknown as { emit(e: 'wall:card', c: WallCard): void }).emit('wall:card', card);
const emitCardGone = (info: { spaceId: string; cardId: string; seq: number }): Send => (target) =>
  (target as unknown as { emit(e: 'wall:cardDeleted', i: typeof info): void }).emit('wall:cardDeleted', info);

/**
 * A card was created or changed. A pending card reaches only its author and the moderators; when it was visible
 * to all before (a moderator hid it), `withdraw` tells everyone else to drop it.
 */
export function broadcastCard(ctx: ServerContext, wall: WallAccess, card: WallCard, options: { withdraw?: boolean } = {}): Promise<void> {
  const gone = options.withdraw ? emitCardGone({ spaceId: wall.space._id, cardId: card.id, seq: card.seq }) : undefined;
  return toRoom(ctx, wall, card.status === 'published', (rights) => canSeeCard(rights, card), emitCard(card), gone);
}

/** A card was deleted: only its id leaves, so everyone may be told. */
export function broadcastCardDeleted(ctx: ServerContext, wall: WallAccess, info: { cardId: string; seq: number }): void {
  ctx.services.realtime.io?.to(spaceRoom(wall.space._id)).emit('wall:cardDeleted', { spaceId: wall.space._id, ...info });
}

/**
 * A comment was added or changed: it is seen by those who see its card (and, once hidden, only by its author and
 * the moderators; `withdraw` tells the others to drop it).
 */
export function broadcastComment(
  ctx: ServerContext,
  wall: WallAccess,
  card: { authorId: string; status: WallCard['status'] },
  comment: WallComment,
  options: { withdraw?: boolean } = {},
): Promise<void> {
  const send: Send = (target) => (target as unknown as { emit(e: 'wall:comment', c: WallComment): void }).emit('wall:comment', comment);
  const gone: Send | undefined = options.withdraw
    ? (target) => (target as unknown as { emit(e: 'wall:commentDeleted', i: object): void }).emit('wall:commentDeleted', { spaceId: wall.space._id, cardId: comment.cardId, commentId: comment.id, seq: comment.seq })
    : undefined;
  return toRoom(ctx, wall, card.status === 'published' && !comment.hidden, (rights) => canSeeCard(rights, card) && canSeeComment(rights, comment), send, gone);
}

export function broadcastCommentDeleted(ctx: ServerContext, wall: WallAccess, info: { cardId: string; commentId: string; seq: number }): void {
  ctx.services.realtime.io?.to(spaceRoom(wall.space._id)).emit('wall:commentDeleted', { spaceId: wall.space._id, ...info });
}

/** Someone started or stopped editing a card. */
export function broadcastLock(ctx: ServerContext, lock: WallLock): void {
  ctx.services.realtime.io?.to(spaceRoom(lock.spaceId)).emit('wall:lock', lock);
}
