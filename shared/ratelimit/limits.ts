/**
 * Every rate limit of Préau, by name: `points` actions per `durationSeconds` window, per key (a user, or an IP
 * when nobody is signed in). One limiter library enforces them all (server/ratelimit), in memory on one node and
 * in Redis when REDIS_URL is set, so a limit holds across reconnections and nodes. Tests and operators may
 * override any of them through RATE_LIMITS (JSON, same shape), never by editing code.
 */
export interface RateLimit {
  points: number;
  durationSeconds: number;
  /** Once the points are spent, refuse the key for this long (default: until the window ends). */
  blockSeconds?: number;
}

export const RATE_LIMITS = {
  /** Yjs updates written to pads, per user across all their connections (typing sends a few a second). */
  collabUpdate: { points: 120, durationSeconds: 3 },
  /** Every collab frame (sync, presence, queries), per user. */
  collabMessage: { points: 300, durationSeconds: 3 },
  /** Presence updates (cursor moves), per user. */
  collabAwareness: { points: 150, durationSeconds: 3 },
} as const satisfies Record<string, RateLimit>;

export type RateLimitName = keyof typeof RATE_LIMITS;
