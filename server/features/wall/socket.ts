import { AppError } from '../../../shared/errors';
import { canEditCard } from '../../../shared/wall/policy';
import type { ServerContext } from '../../context';
import { defineSocketHandler, type PreauSocket } from '../../realtime/handlers';
import { spaceResource } from '../spaces/model';
import { cachedSpace, loadWall, refuse } from './access';
import { broadcastLock } from './broadcast';
import { cardApprover, cardCreator, cardDeleter, cardEditor, cardMover, cardReactor, loadCard, type WallCaller } from './cards';
import { commentCreator, commentDeleter } from './comments';
import { freeLock, softLocks } from './locks';
import { wallSyncer } from './sync';

/** `can()` asks first whether the caller reads the space; the wall's own rules (per card) come in the handlers. */
const readsSpace = async (state: WallCaller['state'], payload: { spaceId: string }, ctx: ServerContext) => ({
  action: 'read' as const,
  resource: spaceResource(await cachedSpace(ctx, payload.spaceId, state.user.schoolId)),
});

const caller = (ctx: ServerContext, state: WallCaller['state']): WallCaller => ({ ctx, state, origin: 'socket' });

defineSocketHandler('wall:sync', { check: readsSpace }, async ({ ctx, state, payload }) => wallSyncer(ctx, await loadWall(ctx, state, payload.spaceId), payload.sinceSeq, state.actor));

defineSocketHandler('wall:card:create', { check: readsSpace }, async ({ ctx, state, payload }) => ({ card: await cardCreator(caller(ctx, state), payload) }));
defineSocketHandler('wall:card:edit', { check: readsSpace }, async ({ ctx, state, payload }) => ({ card: await cardEditor(caller(ctx, state), payload) }));
defineSocketHandler('wall:card:move', { check: readsSpace }, async ({ ctx, state, payload }) => ({ card: await cardMover(caller(ctx, state), payload) }));
defineSocketHandler('wall:card:delete', { check: readsSpace }, async ({ ctx, state, payload }) => cardDeleter(caller(ctx, state), payload));
defineSocketHandler('wall:card:react', { check: readsSpace }, async ({ ctx, state, payload }) => ({ card: await cardReactor(caller(ctx, state), payload) }));
defineSocketHandler(
  'wall:card:approve',
  { check: async (state, payload, ctx) => ({ action: 'moderate', resource: spaceResource(await cachedSpace(ctx, payload.spaceId, state.user.schoolId)) }) },
  async ({ ctx, state, payload }) => ({ card: await cardApprover(caller(ctx, state), payload) }),
);
defineSocketHandler('wall:comment:create', { check: readsSpace }, async ({ ctx, state, payload }) => ({ comment: await commentCreator(caller(ctx, state), payload) }));
defineSocketHandler('wall:comment:delete', { check: readsSpace }, async ({ ctx, state, payload }) => commentDeleter(caller(ctx, state), payload));

/** Sockets whose locks are released when they disconnect. */
const watched = new WeakSet<PreauSocket>();
let sweeper: NodeJS.Timeout | undefined;

function watchSocket(ctx: ServerContext, socket: PreauSocket): void {
  if (!sweeper) {
    // Expired locks are announced to their rooms, so "en cours de modification" does not linger.
    sweeper = setInterval(() => {
      for (const lock of softLocks.sweep()) broadcastLock(ctx, freeLock(lock.spaceId, lock.cardId));
    }, 5_000);
    sweeper.unref();
  }
  if (watched.has(socket)) return;
  watched.add(socket);
  socket.on('disconnect', () => {
    for (const lock of softLocks.releaseSocket(socket.id)) broadcastLock(ctx, freeLock(lock.spaceId, lock.cardId));
  });
}

defineSocketHandler('wall:card:lock', { check: readsSpace }, async ({ ctx, state, payload, socket }) => {
  const wall = await loadWall(ctx, state, payload.spaceId);
  const card = await loadCard(caller(ctx, state), wall, payload.cardId, 'wall:card:lock');
  if (!canEditCard(wall.rights, card)) await refuse(ctx, state, 'socket', wall, 'wall:card:lock (not allowed on this card)', { type: 'wallCard', id: card._id, ownerId: card.authorId });
  watchSocket(ctx, socket);
  const result = softLocks.acquire({ spaceId: wall.space._id, cardId: card._id, userId: state.user._id, name: state.user.displayName, socketId: socket.id });
  if (!result.ok) throw new AppError('CONFLICT', `Being edited by ${result.holder.name}`, [{ path: 'holder', message: result.holder.name }]);
  broadcastLock(ctx, result.lock);
  return result.lock;
});

defineSocketHandler('wall:card:unlock', { check: readsSpace }, async ({ ctx, state, payload }) => {
  const lock = freeLock(payload.spaceId, payload.cardId);
  if (softLocks.release(payload.cardId, state.user._id)) broadcastLock(ctx, lock);
  return lock;
});
