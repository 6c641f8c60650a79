import type { SessionEndReason } from '../../../shared/identity/session-end';
import { SESSION_LIVE_CHECK_INTERVAL_MS, SESSION_LIVE_REVALIDATE_MS } from '../../../shared/limits';
import type { Logger } from '../../logger';
import type { SessionDoc, SessionStore } from './sessions';

/** What the watch knows of one session with live connections on this process. */
interface Known {
  expiresAt: number;
  lastSeenAt: number;
  /** When the store was last read for it (0: never, checked at the next tick). */
  checkedAt: number;
}

export interface SessionWatchOptions {
  sessions: SessionStore;
  /** The sessions of this process's live connections (sockets, pad connections), as of their handshake. */
  inUse: () => Iterable<Pick<SessionDoc, '_id' | 'expiresAt' | 'lastSeenAt'>>;
  /** Closes the live connections of the sessions that ended, with why. */
  end: (ended: ReadonlyMap<string, SessionEndReason>) => Promise<void>;
  logger: Logger;
  checkIntervalMs?: number;
  revalidateMs?: number;
}

/**
 * Live connections follow their session's lifetime without waiting for a REST request: one periodic sweep per
 * process (SESSION_LIVE_CHECK_INTERVAL_MS) goes over the sessions of its live connections IN MEMORY, each with its
 * deadline (absolute expiry, or idle end from its last activity, REST or live); the store is read, in one batched
 * query, only for sessions past their deadline, seen for the first time (ended during their handshake), or not
 * read for SESSION_LIVE_REVALIDATE_MS (ended on another node, or by a path that did not close them). Expired ones
 * are deleted and their connections closed. Activity on live connections (`SessionStore.markActive`) is written
 * to the sessions at most every `touchEveryMs`, in one batched update, so a pupil typing in a pad for hours stays
 * signed in while an idle tab does not.
 */
export class SessionWatch {
  private readonly known = new Map<string, Known>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly options: SessionWatchOptions) {}

  start(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.tick()
        .catch((error: unknown) => this.options.logger.warn({ err: error }, 'session watch failed'))
        .finally(() => (this.running = undefined));
    }, this.options.checkIntervalMs ?? SESSION_LIVE_CHECK_INTERVAL_MS);
    this.timer.unref();
  }

  /** Stops the sweep and waits for a running one. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One sweep: stores live activity, reads the sessions due, ends the expired or gone ones. */
  async tick(now = Date.now()): Promise<void> {
    const { sessions } = this.options;
    const revalidateMs = this.options.revalidateMs ?? SESSION_LIVE_REVALIDATE_MS;
    const inUse = new Set<string>();
    const due: string[] = [];
    const active: string[] = [];
    for (const session of this.options.inUse()) {
      if (inUse.has(session._id)) continue;
      inUse.add(session._id);
      let known = this.known.get(session._id);
      if (!known) {
        known = { expiresAt: session.expiresAt, lastSeenAt: session.lastSeenAt, checkedAt: 0 };
        this.known.set(session._id, known);
      }
      const activeAt = sessions.lastLiveActivity(session._id) ?? 0;
      if (activeAt - known.lastSeenAt >= sessions.touchEveryMs) active.push(session._id);
      const deadline = sessions.deadlineOf({ expiresAt: known.expiresAt, lastSeenAt: Math.max(known.lastSeenAt, activeAt) });
      if (now >= deadline || now - known.checkedAt >= revalidateMs) due.push(session._id);
    }
    for (const id of this.known.keys()) if (!inUse.has(id)) this.known.delete(id);
    sessions.forgetLiveActivity(inUse);

    if (active.length > 0) {
      await sessions.storeLiveActivity(active, now);
      for (const id of active) this.known.get(id)!.lastSeenAt = now;
    }
    if (due.length === 0) return;
    const stored = new Map((await sessions.findMany(due)).map((session) => [session._id, session]));
    const ended = new Map<string, SessionEndReason>();
    const expired: string[] = [];
    for (const id of due) {
      const known = this.known.get(id)!;
      const session = stored.get(id);
      if (session && now < sessions.deadlineOf(session)) {
        known.expiresAt = session.expiresAt;
        known.lastSeenAt = session.lastSeenAt;
        known.checkedAt = now;
        continue;
      }
      if (session) expired.push(id);
      // Gone from the store: expired if its time had come (purged, or deleted by a REST request), else ended.
      ended.set(id, session || now >= sessions.deadlineOf(known) ? 'expired' : 'ended');
      this.known.delete(id);
    }
    if (expired.length > 0) await sessions.deleteExpired(expired, now);
    if (ended.size > 0) await this.options.end(ended);
  }
}
