import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../logger';

/**
 * What a Redis connection is for. Each use gets its own connection (a blocking stream read must not delay a
 * rate-limit decision), named `preau:<use>` in `CLIENT LIST`, from one configuration:
 * - `limits` (the rate limiter): commands fail fast while Redis is unreachable (no offline queue, one retry), so
 *   the limiters fall back to this process's memory instead of queueing requests behind a dead connection.
 * - `adapter` (the Socket.IO adapter): commands wait for the reconnection instead (offline queue, no retry limit),
 *   so what is published during a short outage goes out after it, and the adapter's stream reads resume from
 *   their position instead of failing in a loop.
 * - `invalidation` (the cross-node invalidation stream, `server/cluster/invalidation.ts`): the same, for the same
 *   reasons; its reads and writes use two connections of this use.
 * - `collab` (pads across nodes, `collab/cluster/`): the same; three connections (writes, stream reads, awareness).
 */
export type RedisUse = 'limits' | 'adapter' | 'invalidation' | 'collab';

const USE_OPTIONS: Record<RedisUse, RedisOptions> = {
  limits: { enableOfflineQueue: false, maxRetriesPerRequest: 1 },
  adapter: { enableOfflineQueue: true, maxRetriesPerRequest: null },
  invalidation: { enableOfflineQueue: true, maxRetriesPerRequest: null },
  collab: { enableOfflineQueue: true, maxRetriesPerRequest: null },
};

/** The options of a connection for `use` (every use shares the rest: ioredis's reconnection with backoff). */
export function redisOptions(use: RedisUse): RedisOptions {
  return { ...USE_OPTIONS[use], connectionName: `preau:${use}` };
}

/** A Redis connection to `url` for `use`; its errors are logged (once per state change), never thrown. */
export function connectRedis(url: string, use: RedisUse, logger: Logger): Redis {
  const redis = new Redis(url, redisOptions(use));
  let down = false;
  redis.on('error', (error: Error) => {
    if (down) return;
    down = true;
    logger.warn({ err: error.message, use }, 'redis unavailable');
  });
  redis.on('ready', () => {
    if (!down) return;
    down = false;
    logger.info({ use }, 'redis available again');
  });
  return redis;
}
