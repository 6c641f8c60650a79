import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * A lock in Redis shared by every node (REDIS_URL): `SET key token NX PX ttl` takes it if nobody holds it, and it
 * is released only by its holder (a script compares the token before deleting), so a holder that outlived its
 * ttl never releases the lock someone else took since. It expires on its own: a node that dies holding it blocks
 * the others for `ttlMs` at most. Used for work that must run on one node at a time (periodic purges; pad
 * compaction may use it too).
 */
export interface HeldLock {
  /** The lock's Redis key. */
  readonly key: string;
  /** Releases the lock if this holder still holds it; resolves whether it did (false: it expired meanwhile). */
  release(): Promise<boolean>;
}

/** Deletes the key only if it still holds this holder's token. */
const RELEASE_SCRIPT = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/** Every lock's key starts with this (the Socket.IO adapter's keys start with `preau:socket.io`). */
export const LOCK_PREFIX = 'preau:lock:';

/**
 * Takes the lock `name` for `ttlMs`, or resolves null when another holder has it. Rejects when Redis does not
 * answer (the caller decides: a periodic job skips its run).
 */
export async function acquireLock(redis: Redis, name: string, ttlMs: number): Promise<HeldLock | null> {
  const key = `${LOCK_PREFIX}${name}`;
  const token = randomBytes(16).toString('hex');
  const taken = await redis.set(key, token, 'PX', Math.max(1, Math.round(ttlMs)), 'NX');
  if (taken !== 'OK') return null;
  return {
    key,
    release: async () => (await redis.eval(RELEASE_SCRIPT, 1, key, token)) === 1,
  };
}

/**
 * Runs `fn` under the lock `name` (held at most `ttlMs`, released once `fn` settles), or does nothing when
 * another holder has it. Resolves whether `fn` ran.
 */
export async function withLock(redis: Redis, name: string, ttlMs: number, fn: () => Promise<void>): Promise<boolean> {
  const lock = await acquireLock(redis, name, ttlMs);
  if (!lock) return false;
  try {
    await fn();
  } finally {
    await lock.release().catch(() => false);
  }
  return true;
}
