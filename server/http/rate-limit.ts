import type { RequestHandler } from 'express';
import { AppError } from '../../shared/errors';
import type { RateLimitName } from '../../shared/ratelimit/limits';
import type { ServerContext } from '../context';
import type { RateDecision } from '../ratelimit/limiters';
import { requestState } from './request-state';

/**
 * A refusal by a rate limit: `RATE_LIMITED`, with the time after which the same action may succeed. REST answers
 * it 429 with `Retry-After`; the socket gateway acks it with `retryAfterMs`; the client tells the user how long.
 */
export class RateLimitedError extends AppError {
  constructor(
    readonly retryAfterMs: number,
    message = 'Too many requests',
  ) {
    super('RATE_LIMITED', `${message}: retry in ${Math.ceil(retryAfterMs / 1000)} s`);
  }
}

/** The `Retry-After` header's value: whole seconds, at least one. */
export const retryAfterSeconds = (retryAfterMs: number): number => Math.max(1, Math.ceil(retryAfterMs / 1000));

/**
 * Logs a refusal once per limit, key and minute (`rateLimitLog`): an operator sees who is flooding what, and a
 * flood of refusals cannot become a flood of log lines.
 */
export async function logRefusal(ctx: ServerContext, name: RateLimitName, key: string, details: Record<string, unknown> = {}): Promise<void> {
  const first = await ctx.services.rateLimits.consume('rateLimitLog', `${name}:${key}`);
  if (first.ok) ctx.logger.warn({ limit: name, key, ...details }, 'rate limit reached');
}

/** Throws the refusal of a limiter's decision (logged once a minute per limit and key); returns when allowed. */
export async function refuseIfLimited(ctx: ServerContext, decision: RateDecision, name: RateLimitName, key: string, message?: string): Promise<void> {
  if (decision.ok) return;
  await logRefusal(ctx, name, key);
  throw new RateLimitedError(decision.retryAfterMs, message);
}

/**
 * Spends one point of a named limit for `key`, or throws `RateLimitedError`: the one call of features' own limits
 * (every request and socket event). Spent from the key's lease: most calls are decided without the store.
 */
export async function spendLimit(ctx: ServerContext, name: RateLimitName, key: string, message?: string): Promise<void> {
  await refuseIfLimited(ctx, await ctx.services.rateLimits.spend(name, key), name, key, message);
}

/**
 * Signing out is never refused: a pupil who went too fast on a school computer must still be able to leave it. It
 * cannot be flooded either, since it ends the session: the next request is anonymous, counted per IP.
 */
const SIGN_OUT_PATHS = new Set(['/auth/logout', '/auth/logout-all']);

/**
 * The default limit of every API route, after authentication (so a signed-in user is counted as themself, on
 * every device and node) and before anything costly (CSRF, body parsing, the route): per user when signed in,
 * else per client IP with a budget large enough for a whole school behind one address. Static client files and
 * health checks are not under /api and are not counted.
 */
export function restRateLimit(ctx: ServerContext): RequestHandler {
  return async (req, _res, next) => {
    const state = requestState(req);
    if (state.session && req.method === 'POST' && SIGN_OUT_PATHS.has(req.path)) {
      next();
      return;
    }
    const [name, key]: [RateLimitName, string] = state.user ? ['restUser', `user:${state.user._id}`] : ['restAnonymous', `ip:${state.ip ?? 'unknown'}`];
    await spendLimit(ctx, name, key);
    next();
  };
}
