import { randomBytes } from 'node:crypto';
import { SESSION_ABSOLUTE_TIMEOUT_MS, SESSION_IDLE_TIMEOUT_MS } from '../../../shared/limits';
import { sha256 } from '../../audit/canonical';
import type { BaseDoc, Store } from '../../storage/port';

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

/** Activity refreshes `lastSeenAt` at most this often, so reads do not turn into writes. */
const TOUCH_EVERY_MS = 60_000;

export class SessionStore {
  readonly sessions;

  constructor(store: Store) {
    this.sessions = store.collection<SessionDoc>('sessions');
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
      expiresAt: now + SESSION_ABSOLUTE_TIMEOUT_MS,
      csrfToken: randomBytes(24).toString('base64url'),
    });
    return { token, session };
  }

  /** The live session for a cookie token, or null when unknown, idle too long, or past its absolute expiry. */
  async resolve(token: string | undefined): Promise<SessionDoc | null> {
    if (!token || token.length > 128) return null;
    const session = await this.sessions.findOne({ _id: sha256(token) });
    if (!session) return null;
    const now = Date.now();
    if (now >= session.expiresAt || now - session.lastSeenAt >= SESSION_IDLE_TIMEOUT_MS) {
      await this.sessions.deleteOne({ _id: session._id });
      return null;
    }
    if (now - session.lastSeenAt >= TOUCH_EVERY_MS) {
      await this.sessions.updateOne({ _id: session._id }, { $set: { lastSeenAt: now } });
      session.lastSeenAt = now;
    }
    return session;
  }

  destroy(sessionId: string): Promise<number> {
    return this.sessions.deleteOne({ _id: sessionId });
  }

  /** Closes every session of a user (sign out everywhere, suspension, password change); returns how many. */
  destroyAllOf(userId: string, except?: string): Promise<number> {
    return this.sessions.deleteMany(except ? { userId, _id: { $ne: except } } : { userId });
  }

  listOf(userId: string): Promise<SessionDoc[]> {
    return this.sessions.find({ userId, expiresAt: { $gt: Date.now() } }, { sort: { lastSeenAt: -1 }, limit: 50 });
  }

  /** Removes expired sessions; run by a periodic job. */
  purgeExpired(now = Date.now()): Promise<number> {
    return this.sessions.deleteMany({
      $or: [{ expiresAt: { $lte: now } }, { lastSeenAt: { $lte: now - SESSION_IDLE_TIMEOUT_MS } }],
    });
  }
}
