import { randomBytes } from 'node:crypto';
import { SESSION_ABSOLUTE_TIMEOUT_MS, SESSION_IDLE_TIMEOUT_MS } from '../../../shared/limits';
import { sha256 } from '../../audit/canonical';
import type { BaseDoc, Filter, Store } from '../../storage/port';

/** A server-side session. Its `_id` is the SHA-256 of the cookie's token, so a store leak reveals no session. */
export interface SessionDoc extends BaseDoc {
  userId: string;
  schoolId: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  csrfToken: string;
  ip: string | null;
  userAgent: string | null;
}

/** How long a session lives without activity (`idleMs`) and at most (`absoluteMs`); configurable (server/config). */
export interface SessionTimeouts {
  idleMs: number;
  absoluteMs: number;
}

export const DEFAULT_SESSION_TIMEOUTS: SessionTimeouts = { idleMs: SESSION_IDLE_TIMEOUT_MS, absoluteMs: SESSION_ABSOLUTE_TIMEOUT_MS };

/** Activity refreshes `lastSeenAt` at most this often (less with short idle timeouts), so reads do not turn into writes. */
const TOUCH_EVERY_MS = 60_000;
/** `$in` lists are cut to this size. */
const IDS_PER_QUERY = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += IDS_PER_QUERY) out.push(items.slice(i, i + IDS_PER_QUERY));
  return out;
}

/**
 * The sessions. Every way a session ends goes through here (sign-out, revocation, password change, expiry); the
 * caller then closes the ended sessions' live connections (`services.live.disconnectSession`) after its
 * transaction committed, and `SessionWatch` closes those of sessions that expire while connected.
 */
export class SessionStore {
  readonly sessions;
  readonly touchEveryMs: number;
  /** The last live activity (a socket event, an accepted pad edit) per session, stored by `storeLiveActivity`. */
  private readonly liveActivity = new Map<string, number>();

  constructor(
    store: Store,
    readonly timeouts: SessionTimeouts = DEFAULT_SESSION_TIMEOUTS,
  ) {
    this.sessions = store.collection<SessionDoc>('sessions');
    this.touchEveryMs = Math.min(TOUCH_EVERY_MS, Math.max(50, Math.floor(timeouts.idleMs / 20)));
  }

  async init(): Promise<void> {
    await this.sessions.ensureIndexes([{ fields: { userId: 1, lastSeenAt: -1 } }, { fields: { expiresAt: 1 } }]);
  }

  /** Creates a session and returns the token for the cookie (never stored). */
  async create(input: { userId: string; schoolId: string; ip: string | null; userAgent: string | null }): Promise<{ token: string; session: SessionDoc }> {
    const token = randomBytes(32).toString('base64url');
    const now = Date.now();
    const session = await this.sessions.insertOne({
      _id: sha256(token),
      ...input,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: now + this.timeouts.absoluteMs,
      csrfToken: randomBytes(24).toString('base64url'),
    });
    return { token, session };
  }

  /** When a session ends by itself: its absolute expiry, or the end of its idle time, whichever comes first. */
  deadlineOf(session: Pick<SessionDoc, 'expiresAt' | 'lastSeenAt'>): number {
    return Math.min(session.expiresAt, session.lastSeenAt + this.timeouts.idleMs);
  }

  /** The filter of sessions expired at `now` (idle too long, or past their absolute expiry). */
  private expiredFilter(now: number): Filter {
    return { $or: [{ expiresAt: { $lte: now } }, { lastSeenAt: { $lte: now - this.timeouts.idleMs } }] };
  }

  /** The live session for a cookie token, or null when unknown, idle too long, or past its absolute expiry. */
  async resolve(token: string | undefined): Promise<SessionDoc | null> {
    if (!token || token.length > 128) return null;
    const session = await this.sessions.findOne({ _id: sha256(token) });
    if (!session) return null;
    const now = Date.now();
    if (now >= this.deadlineOf(session)) {
      await this.sessions.deleteOne({ _id: session._id });
      return null;
    }
    if (now - session.lastSeenAt >= this.touchEveryMs) {
      await this.sessions.updateOne({ _id: session._id }, { $max: { lastSeenAt: now } });
      session.lastSeenAt = now;
    }
    return session;
  }

  destroy(sessionId: string): Promise<number> {
    return this.sessions.deleteOne({ _id: sessionId });
  }

  /** Ends every session of a user but `except`; returns the ids ended, whose live connections must be closed. */
  async endAllOf(userId: string, except?: string): Promise<string[]> {
    const ended = await this.sessions.find(except ? { userId, _id: { $ne: except } } : { userId });
    if (ended.length === 0) return [];
    const ids = ended.map((session) => session._id);
    for (const part of chunks(ids)) await this.sessions.deleteMany({ _id: { $in: part } });
    return ids;
  }

  /** Closes every session of a user (sign out everywhere, suspension, password reset); returns how many. */
  async destroyAllOf(userId: string, except?: string): Promise<number> {
    return (await this.endAllOf(userId, except)).length;
  }

  /** A user's live sessions, most recently used first (expired ones, not yet purged, are left out). */
  listOf(userId: string): Promise<SessionDoc[]> {
    const now = Date.now();
    return this.sessions.find({ userId, expiresAt: { $gt: now }, lastSeenAt: { $gt: now - this.timeouts.idleMs } }, { sort: { lastSeenAt: -1 }, limit: 50 });
  }

  /** Removes expired sessions; run by a periodic job. */
  purgeExpired(now = Date.now()): Promise<number> {
    return this.sessions.deleteMany(this.expiredFilter(now));
  }

  // --- Sessions of live connections (read by SessionWatch) ---

  /** Records activity on a live connection of a session (in memory; `storeLiveActivity` writes it). */
  markActive(sessionId: string, at = Date.now()): void {
    this.liveActivity.set(sessionId, at);
  }

  lastLiveActivity(sessionId: string): number | undefined {
    return this.liveActivity.get(sessionId);
  }

  /** Forgets the activity of sessions that have no live connection on this process any more. */
  forgetLiveActivity(keep: ReadonlySet<string>): void {
    for (const id of this.liveActivity.keys()) if (!keep.has(id)) this.liveActivity.delete(id);
  }

  /** Moves `lastSeenAt` to `now` for these sessions, active on their live connections, unless they already expired. */
  async storeLiveActivity(ids: readonly string[], now = Date.now()): Promise<void> {
    for (const part of chunks(ids)) {
      await this.sessions.updateMany({ _id: { $in: part }, expiresAt: { $gt: now }, lastSeenAt: { $gt: now - this.timeouts.idleMs } }, { $max: { lastSeenAt: now } });
    }
  }

  /** The stored sessions among these ids (missing ones ended). */
  async findMany(ids: readonly string[]): Promise<SessionDoc[]> {
    const found: SessionDoc[] = [];
    for (const part of chunks(ids)) found.push(...(await this.sessions.find({ _id: { $in: part } })));
    return found;
  }

  /** Deletes those of these sessions that are expired at `now` (a session touched meanwhile stays). */
  async deleteExpired(ids: readonly string[], now = Date.now()): Promise<void> {
    for (const part of chunks(ids)) await this.sessions.deleteMany({ _id: { $in: part }, ...this.expiredFilter(now) });
  }
}
