import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { RATE_LIMITS, type RateLimit, type RateLimitName } from '../../shared/ratelimit/limits';

/** The answer of a limiter: allowed, or refused with the time after which the key may try again. */
export type RateDecision = { ok: true } | { ok: false; retryAfterMs: number };

export interface RateLimiters {
  /** Spends `points` (default 1) of `name` for `key`; refused once the window's points are spent. */
  consume(name: RateLimitName, key: string, points?: number): Promise<RateDecision>;
  /**
   * The same for hot paths (every pad frame): points are taken from the store a share of the limit at a time
   * (`RATE_LIMIT_LEASE_SHARE`) and spent locally, so most calls answer at once, without a promise. Across nodes a
   * key may use at most one unspent share more than the limit.
   */
  spend(name: RateLimitName, key: string, points?: number): RateDecision | Promise<RateDecision>;
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

/** The share of a limit's points that `spend` takes from the store at once. */
export const RATE_LIMIT_LEASE_SHARE = 0.1;
/** Beyond this many leases, expired ones are forgotten: memory stays bounded. */
const MAX_LEASES = 50_000;
const GRANTED: RateDecision = { ok: true };

/** Points taken from the store and not spent yet, until the end of the store's window. */
interface Lease {
  remaining: number;
  until: number;
}

const refused = (refusal: RateLimiterRes): RateDecision => ({ ok: false, retryAfterMs: Math.max(1, Math.ceil(refusal.msBeforeNext)) });

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
  const consume = async (name: RateLimitName, key: string, points = 1): Promise<RateDecision> => {
    try {
      await limiter(name).consume(key, points);
      return GRANTED;
    } catch (refusal) {
      if (refusal instanceof RateLimiterRes) return refused(refusal);
      throw refusal;
    }
  };
  const leases = new Map<string, Lease>();
  /** The refill under way per lease: the calls that find the lease spent meanwhile wait for it, not the store. */
  const refills = new Map<string, Promise<RateDecision | undefined>>();
  /**
   * Adds a share of the limit to the key's lease (answers nothing: the caller spends from it). When the share no
   * longer fits the store's window, answers the caller's own points, counted exactly: the whole limit stays usable.
   */
  const refill = async (name: RateLimitName, key: string, id: string, points: number): Promise<RateDecision | undefined> => {
    const share = Math.max(points, Math.floor(limits[name].points * RATE_LIMIT_LEASE_SHARE));
    if (leases.size >= MAX_LEASES) for (const [other, { until }] of leases) if (until <= Date.now()) leases.delete(other);
    try {
      const taken = await limiter(name).consume(key, share);
      const held = leases.get(id);
      const left = held && held.until > Date.now() ? held.remaining : 0;
      leases.set(id, { remaining: left + share, until: Date.now() + taken.msBeforeNext });
      return undefined;
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      if (share === points) return refused(refusal);
      // The store counted the refused share: give it back, then ask for this action's points alone.
      await limiter(name).reward(key, share);
      return consume(name, key, points);
    }
  };
  const spend = (name: RateLimitName, key: string, points = 1): RateDecision | Promise<RateDecision> => {
    const id = `${name}\u0000${key}`;
    const held = leases.get(id);
    if (held && held.remaining >= points && held.until > Date.now()) {
      held.remaining -= points;
      return GRANTED;
    }
    const again = (): RateDecision | Promise<RateDecision> => spend(name, key, points);
    const waiting = refills.get(id);
    if (waiting) return waiting.then(again, again);
    const started = refill(name, key, id, points).finally(() => refills.delete(id));
    refills.set(id, started);
    // The caller that started the refill spends first: its handler was registered before any waiter's.
    return started.then((decision) => decision ?? again());
  };
  return {
    consume,
    spend,
    async refund(name, key, points = 1) {
      const spent = await limiter(name).get(key);
      if (spent && spent.consumedPoints > 0) await limiter(name).reward(key, Math.min(points, spent.consumedPoints));
    },
    async reset(name, key) {
      leases.delete(`${name}\u0000${key}`);
      await limiter(name).delete(key);
    },
    limitOf: (name) => limits[name],
  };
}
