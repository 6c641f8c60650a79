/** The cross-node invalidation stream (with REDIS_URL): see server/cluster/invalidation.ts. */

/** Entries kept in the stream (approximately: trimmed with `MAXLEN ~`); a node further behind resynchronises. */
export const INVALIDATION_STREAM_MAX_ENTRIES = 10_000;
/** How long one blocking read waits for new entries before it reads again. */
export const INVALIDATION_READ_BLOCK_MS = 5_000;
/** Entries read at once. */
export const INVALIDATION_READ_COUNT = 500;
/** A change waits at most this long for Redis to take its event before it answers (the event follows when Redis is back). */
export const INVALIDATION_PUBLISH_WAIT_MS = 1_000;
/** Pause before reading again after a failed read (Redis unreachable). */
export const INVALIDATION_RETRY_MS = 250;
