import { useSyncExternalStore } from 'react';

/**
 * The tab's latest rate-limit refusal (REST 429 or socket ack `RATE_LIMITED`), wherever it came from: one notice
 * tells the user how long to wait, so no screen has to. `until` is when the same action may succeed again.
 */
export interface RateLimitNoticeState {
  /** When the refusal arrived. */
  at: number;
  until: number;
}

/** When the server gave no wait, the notice still shows for this long (a few seconds, like the server's windows). */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 5_000;

let notice: RateLimitNoticeState | null = null;
const listeners = new Set<() => void>();

/** Records a refusal; a later `until` replaces an earlier one, never the reverse. */
export function reportRateLimited(retryAfterMs: number | undefined, now: number = Date.now()): void {
  const wait = retryAfterMs !== undefined && Number.isFinite(retryAfterMs) && retryAfterMs > 0 ? retryAfterMs : DEFAULT_RATE_LIMIT_WAIT_MS;
  const until = now + wait;
  if (notice && notice.until >= until) return;
  notice = { at: now, until };
  for (const listener of listeners) listener();
}

/** Forgets the notice (the user closed it, or the wait is over). */
export function clearRateLimited(): void {
  if (!notice) return;
  notice = null;
  for (const listener of listeners) listener();
}

export function getRateLimited(): RateLimitNoticeState | null {
  return notice;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The current refusal, for the notice. */
export function useRateLimited(): RateLimitNoticeState | null {
  return useSyncExternalStore(subscribe, getRateLimited, () => null);
}

/** Whole seconds left before `until`, at least 1 while any time is left, 0 once it has passed. */
export function secondsLeft(until: number, now: number = Date.now()): number {
  return until <= now ? 0 : Math.max(1, Math.ceil((until - now) / 1000));
}
