import { AppError } from '../../../shared/errors';
import { canEditCard } from '../../../shared/wall/policy';
import type { ServerContext } from '../../context';
import { defineSocketHandler, type PreauSocket } from '../../realtime/handlers';
import { refusal } from '../spaces/access';
import { askCard, askComment, askWall, changeOfCard, moveOfCard, postActionOf, removalOfComment, type CardSubject, type CommentSubject, type WallAccess } from './access';
import { broadcastLock, cardRooms } from './broadcast';
import { cardEditor } from './card-edit';
import { cardApprover, cardCreator, cardDeleter, cardMover, cardReactor, cardTarget, type WallCaller } from './cards';
import { commentCreator, commentDeleter } from './comments';
import { freeLock, softLocks } from './locks';
import './layout';
import './moderation';
import { wallSyncer } from './sync';

/**
 * The wall's events. Each edge loads the wall (and the card or comment it is about) once, asks the exact action
 * (`read` to sync, the `whoCanPost` action to post, `comment` for one's own card, `write` to react, the item's
 * moderation action for a teacher acting on someone else's contribution), and hands what it loaded to the handler.
 * Costly events (new cards, moves, reactions, comments) spend a stricter named rate limit per user as well.
 */

const caller = (ctx: ServerContext, state: WallCaller['state']): WallCaller => ({ ctx, state, origin: 'socket' });
const bySpaceId = (payload: { spaceId: string }) => payload.spaceId;
const reads = (ctx: ServerContext) => askWall(ctx, 'read', bySpaceId);

defineSocketHandler<'wall:sync', WallAccess>('wall:sync', { check: (state, payload, ctx) => reads(ctx)(state, payload) }, ({ ctx, state, payload, subject }) =>
  wallSyncer(ctx, subject, payload.sinceSeq, state.user._id),
);

defineSocketHandler<'wall:card:create', WallAccess>(
  'wall:card:create',
  { check: (state, payload, ctx) => askWall(ctx, postActionOf, bySpaceId)(state, payload) },
  async ({ ctx, state, payload, subject }) => ({ card: await cardCreator(caller(ctx, state), subject, payload) }),
  { limit: 'wallCardCreate' },
);

defineSocketHandler<'wall:card:edit', CardSubject>(
  'wall:card:edit',
  { check: (state, payload, ctx) => askCard(ctx, 'wall:card:edit', changeOfCard('edit'))(state, payload) },
  async ({ ctx, state, payload, subject }) => ({ card: await cardEditor(caller(ctx, state), subject, payload) }),
);

defineSocketHandler<'wall:card:move', CardSubject>(
  'wall:card:move',
  { check: (state, payload, ctx) => askCard(ctx, 'wall:card:move', moveOfCard)(state, payload) },
  async ({ ctx, state, payload, subject }) => ({ card: await cardMover(caller(ctx, state), subject, payload) }),
  { limit: 'wallCardMove' },
);

defineSocketHandler<'wall:card:delete', CardSubject>(
  'wall:card:delete',
  { check: (state, payload, ctx) => askCard(ctx, 'wall:card:delete', changeOfCard('delete'))(state, payload) },
  ({ ctx, state, payload, subject }) => cardDeleter(caller(ctx, state), subject, payload),
);

defineSocketHandler<'wall:card:react', CardSubject>(
  'wall:card:react',
  { check: (state, payload, ctx) => askCard(ctx, 'wall:card:react', () => ({ space: 'write' }))(state, payload) },
  async ({ ctx, state, payload, subject }) => ({ card: await cardReactor(caller(ctx, state), subject, payload) }),
  { limit: 'wallReact' },
);

defineSocketHandler<'wall:card:approve', CardSubject>(
  'wall:card:approve',
  { check: (state, payload, ctx) => askCard(ctx, 'wall:card:approve', () => ({ item: 'approve' }))(state, payload) },
  async ({ ctx, state, subject }) => ({ card: await cardApprover(caller(ctx, state), subject) }),
);

defineSocketHandler<'wall:comment:create', CardSubject>(
  'wall:comment:create',
  { check: (state, payload, ctx) => askCard(ctx, 'wall:comment:create', () => ({ space: 'comment' }))(state, payload) },
  async ({ ctx, state, payload, subject }) => ({ comment: await commentCreator(caller(ctx, state), subject, payload) }),
  { limit: 'wallComment' },
);

defineSocketHandler<'wall:comment:delete', CommentSubject>(
  'wall:comment:delete',
  { check: (state, payload, ctx) => askComment(ctx, 'wall:comment:delete', removalOfComment)(state, payload) },
  ({ ctx, state, payload, subject }) => commentDeleter(caller(ctx, state), subject, payload),
);

/** Sockets whose locks are released when they disconnect. */
const watched = new WeakSet<PreauSocket>();
let sweeper: NodeJS.Timeout | undefined;

function watchSocket(ctx: ServerContext, socket: PreauSocket): void {
  if (!sweeper) {
    // Expired locks are announced to their rooms, so "en cours de modification" does not linger.
    sweeper = setInterval(() => {
      for (const lock of softLocks.sweep()) broadcastLock(ctx, freeLock(lock.spaceId, lock.cardId), lock.rooms);
    }, 5_000);
    sweeper.unref();
  }
  if (watched.has(socket)) return;
  watched.add(socket);
  socket.on('disconnect', () => {
    for (const lock of softLocks.releaseSocket(socket.id)) broadcastLock(ctx, freeLock(lock.spaceId, lock.cardId), lock.rooms);
  });
}

/** Locking is the start of an edit: it asks what editing this card asks. */
defineSocketHandler<'wall:card:lock', CardSubject>(
  'wall:card:lock',
  { check: (state, payload, ctx) => askCard(ctx, 'wall:card:lock', changeOfCard('edit'))(state, payload) },
  async ({ ctx, state, socket, subject: { space, wall, card } }) => {
    if (!canEditCard(wall.rights, card)) throw await refusal(ctx, state, 'socket', space, 'wall:card:lock (not allowed on this card)', cardTarget(card));
    watchSocket(ctx, socket);
    const rooms = cardRooms(space, card);
    const result = softLocks.acquire({ spaceId: space._id, cardId: card._id, userId: state.user._id, name: state.user.displayName, socketId: socket.id, rooms });
    if (!result.ok) throw new AppError('CONFLICT', `Being edited by ${result.holder.name}`, [{ path: 'holder', message: result.holder.name }]);
    broadcastLock(ctx, result.lock, rooms);
    return result.lock;
  },
);

/** Anyone reading the wall may release a lock, but only their own. */
defineSocketHandler<'wall:card:unlock', WallAccess>('wall:card:unlock', { check: (state, payload, ctx) => reads(ctx)(state, payload) }, ({ ctx, state, payload }) => {
  const lock = freeLock(payload.spaceId, payload.cardId);
  const released = softLocks.release(payload.cardId, state.user._id);
  if (released) broadcastLock(ctx, freeLock(released.spaceId, released.cardId), released.rooms);
  return lock;
});
