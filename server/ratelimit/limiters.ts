import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { RATE_LIMITS, type RateLimit, type RateLimitName } from '../../shared/ratelimit/limits';

/** The answer of a limiter: allowed, or refused with the time after which the key may try again. */
export type RateDecision = { ok: true } | { ok: false; retryAfterMs: number };

export interface RateLimiters {
  /** Spends `points` (default 1) of `name` for `key`; refused once the window's points are spent. */
  consume(name: RateLimitName, key: string, points?: number): Promise<RateDecision>;
  /** Gives back up to `points` (default 1) spent in the current window, never more than were spent. */
  refund(name: RateLimitName, key: string, points?: number): Promise<void>;
  /** Forgets a key's spending (for example, an account's failures after it signed in). */
  reset(name: RateLimitName, key: string): Promise<void>;
  /** The limit in force (after overrides), for messages and tests. */
  limitOf(name: RateLimitName): RateLimit;
}

export interface RateLimitersOptions {
  /** A Redis client (REDIS_URL): limits are shared by every node. Without it, this process's memory. */
  redis?: Redis;
  /** Overrides of the named limits (RATE_LIMITS in the environment). */
  overrides?: Partial<Record<RateLimitName, RateLimit>>;
}

function limiterOf(name: RateLimitName, limit: RateLimit, redis: Redis | undefined): RateLimiterAbstract {
  const options = { keyPrefix: `rl:${name}`, points: limit.points, duration: limit.durationSeconds, blockDuration: limit.blockSeconds ?? 0 };
  if (!redis) return new RateLimiterMemory(options);
  // If Redis is briefly unreachable, each node goes on limiting alone rather than letting everything through.
  return new RateLimiterRedis({ ...options, storeClient: redis, insuranceLimiter: new RateLimiterMemory(options) });
}

/** One limiter per named limit, built once per process. */
export function createRateLimiters(options: RateLimitersOptions = {}): RateLimiters {
  const limits = { ...RATE_LIMITS, ...options.overrides } as Record<RateLimitName, RateLimit>;
  const limiters = new Map<RateLimitName, RateLimiterAbstract>();
  const limiter = (name: RateLimitName): RateLimiterAbstract => {
    let found = limiters.get(name);
    if (!found) {
      found = limiterOf(name, limits[name], options.redis);
      limiters.set(name, found);
    }
    return found;
  };
  return {
    async consume(name, key, points = 1) {
      try {
        await limiter(name).consume(key, points);
        return { ok: true };
      } catch (refusal) {
        if (refusal instanceof RateLimiterRes) return { ok: false, retryAfterMs: Math.max(1, Math.ceil(refusal.msBeforeNext)) };
        throw refusal;
      }
    },
    async refund(name, key, points = 1) {
      const spent = await limiter(name).get(key);
      if (spent && spent.consumedPoints > 0) await limiter(name).reward(key, Math.min(points, spent.consumedPoints));
    },
    async reset(name, key) {
      await limiter(name).delete(key);
    },
    limitOf: (name) => limits[name],
  };
}
