import {
  LOGIN_FAILURES_BEFORE_DELAY,
  LOGIN_MAX_DELAY_MS,
  LOGIN_MAX_FAILURES_PER_ACCOUNT_PER_HOUR,
  LOGIN_MAX_FAILURES_PER_IP_PER_MINUTE,
} from '../../../shared/limits';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Bounds memory under a spray of distinct IPs or logins. */
const MAX_TRACKED_KEYS = 50_000;

/** Timestamps of recent failures per key, pruned to a sliding window. */
class FailureWindow {
  private readonly failures = new Map<string, number[]>();
  constructor(private readonly windowMs: number) {}

  count(key: string, now: number): number {
    const list = this.failures.get(key);
    if (!list) return 0;
    const recent = list.filter((ts) => now - ts < this.windowMs);
    if (recent.length === 0) this.failures.delete(key);
    else this.failures.set(key, recent);
    return recent.length;
  }

  add(key: string, now: number): void {
    if (!this.failures.has(key) && this.failures.size >= MAX_TRACKED_KEYS) {
      const oldest = this.failures.keys().next().value;
      if (oldest !== undefined) this.failures.delete(oldest);
    }
    const list = this.failures.get(key) ?? [];
    list.push(now);
    this.failures.set(key, list);
  }

  clear(key: string): void {
    this.failures.delete(key);
  }
}

/** What the throttle decides before a password is even checked. */
export type ThrottleDecision = { allowed: true; delayMs: number } | { allowed: false; retryAfterMs: number; scope: 'ip' | 'account' };

/**
 * Sign-in throttling (BRIEF checklist 2):
 * - per IP: refused (429) once 10 attempts failed within a minute;
 * - per account, for attempts from devices that never signed in to it: a growing delay after a few failures,
 *   and a refusal after 100 failures in an hour. A device where the user signed in before carries a signed
 *   device cookie and is exempt from the account limit, so an attacker elsewhere never locks the real user out.
 *
 * Kept in memory: one node's view is enough for throttling; with several nodes, each enforces its own window.
 */
export class LoginThrottle {
  private readonly byIp = new FailureWindow(MINUTE);
  private readonly byAccount = new FailureWindow(HOUR);

  check(input: { ip: string; login: string; trustedDevice: boolean }, now = Date.now()): ThrottleDecision {
    if (this.byIp.count(input.ip, now) >= LOGIN_MAX_FAILURES_PER_IP_PER_MINUTE) {
      return { allowed: false, retryAfterMs: MINUTE, scope: 'ip' };
    }
    if (input.trustedDevice) return { allowed: true, delayMs: 0 };
    const accountFailures = this.byAccount.count(input.login, now);
    if (accountFailures >= LOGIN_MAX_FAILURES_PER_ACCOUNT_PER_HOUR) {
      return { allowed: false, retryAfterMs: HOUR, scope: 'account' };
    }
    const over = accountFailures - LOGIN_FAILURES_BEFORE_DELAY;
    const delayMs = over < 0 ? 0 : Math.min(LOGIN_MAX_DELAY_MS, 250 * 2 ** over);
    return { allowed: true, delayMs };
  }

  recordFailure(input: { ip: string; login: string; trustedDevice: boolean }, now = Date.now()): void {
    this.byIp.add(input.ip, now);
    if (!input.trustedDevice) this.byAccount.add(input.login, now);
  }

  recordSuccess(input: { ip: string }): void {
    this.byIp.clear(input.ip);
  }
}
