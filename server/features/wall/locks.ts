import { WALL_LOCK_TTL_MS } from '../../../shared/wall/limits';
import type { WallLock } from '../../../shared/wall/types';

interface Held {
  spaceId: string;
  cardId: string;
  userId: string;
  name: string;
  socketId: string;
  expiresAt: number;
  /** The rooms of those who saw the card when it was locked (a pending card's lock is its author's and the moderators'). */
  rooms: string[];
}

/**
 * Soft locks ("en cours de modification par X"), in memory on this node: advisory only (edits are protected by
 * versions, not by locks), they expire unless renewed and end with their holder's connection.
 */
export class SoftLocks {
  private readonly held = new Map<string, Held>();

  constructor(private readonly now: () => number = Date.now) {}

  private live(cardId: string): Held | undefined {
    const lock = this.held.get(cardId);
    if (lock && lock.expiresAt <= this.now()) {
      this.held.delete(cardId);
      return undefined;
    }
    return lock;
  }

  /** Takes or renews a lock; returns the other holder when someone else has it. */
  acquire(input: Omit<Held, 'expiresAt'>): { ok: true; lock: WallLock } | { ok: false; holder: Held } {
    const current = this.live(input.cardId);
    if (current && current.userId !== input.userId) return { ok: false, holder: current };
    const lock: Held = { ...input, expiresAt: this.now() + WALL_LOCK_TTL_MS };
    this.held.set(input.cardId, lock);
    return { ok: true, lock: present(lock) };
  }

  /** Releases a lock held by this user (or any lock when null, e.g. the card was deleted); returns it, if released. */
  release(cardId: string, userId: string | null): Held | null {
    const current = this.live(cardId);
    if (!current || (userId !== null && current.userId !== userId)) return null;
    this.held.delete(cardId);
    return current;
  }

  /** Every lock of one connection, released (it disconnected). */
  releaseSocket(socketId: string): Held[] {
    const released = [...this.held.values()].filter((lock) => lock.socketId === socketId);
    for (const lock of released) this.held.delete(lock.cardId);
    return released;
  }

  /** The live locks of a wall. */
  ofWall(spaceId: string): WallLock[] {
    return [...this.held.values()].filter((lock) => lock.spaceId === spaceId && this.live(lock.cardId)).map(present);
  }

  /** Locks that expired since the last sweep (to tell the rooms). */
  sweep(): Held[] {
    const now = this.now();
    const expired = [...this.held.values()].filter((lock) => lock.expiresAt <= now);
    for (const lock of expired) this.held.delete(lock.cardId);
    return expired;
  }
}

function present(lock: Held): WallLock {
  return { spaceId: lock.spaceId, cardId: lock.cardId, holder: { userId: lock.userId, name: lock.name }, expiresAt: lock.expiresAt };
}

/** The soft locks of this process. */
export const softLocks = new SoftLocks();

/** What an empty lock looks like on the wire. */
export const freeLock = (spaceId: string, cardId: string): WallLock => ({ spaceId, cardId, holder: null, expiresAt: null });
