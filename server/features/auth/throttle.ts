import type { RateLimitName } from '../../../shared/ratelimit/limits';
import type { RateLimiters } from '../../ratelimit/limiters';
import { networkOf } from './client-ip';

/** One password sign-in attempt, as the throttle sees it. */
export interface SignInAttempt {
  /** The validated client IP (null when unknown: all such attempts share one key). */
  ip: string | null;
  login: string;
  /** The browser carries this login's signed device cookie: it signed in to this account before. */
  trustedDevice: boolean;
}

/**
 * Which limit refused an attempt: the client's IP, the account from this network, the account everywhere (or on
 * its known devices), the IP's sign-ins with a one-time code, or with a class sign-in card.
 */
export type ThrottleScope = 'ip' | 'network' | 'account' | 'code' | 'card';

export type Admission = { ok: true } | { ok: false; retryAfterMs: number; scope: ThrottleScope };

const ipKey = (ip: string | null): string => (ip ? networkOf(ip) : 'unknown');
const networkKey = (attempt: SignInAttempt): string => `${attempt.login}|${attempt.ip ? networkOf(attempt.ip, { wide: true }) : 'unknown'}`;

/**
 * Sign-in throttling (BRIEF checklist 2) on the one limiter service, so it holds across nodes with Redis. Every
 * attempt SPENDS its points before the password is checked, atomically in the limiter, so parallel attempts can
 * never all pass a count read earlier:
 * - from a browser that never signed in to the account: per client IP (`signInIp`, 10 a minute; a success gives
 *   back the one point it spent, and only that one: the failures of the window are never forgotten, yet a school
 *   signing in at 8:30 behind one address is not refused for its successes), then per account and network
 *   (`signInAccountNetwork`, IPv4 /24 or IPv6 /64) and per account in all (`signInAccount`, 100 an hour). An
 *   attacker elsewhere locks the account only from their own network; one on the school's network is answered by
 *   one-time sign-in codes (sign-in-codes.ts). A success resets that account's counters, never the IP's;
 * - from a known device (the account's signed device cookie): per account only (`signInKnownDevice`), so a pupil
 *   who floods the school's address with wrong passwords does not keep the whole school out, and whoever sits at
 *   a browser the victim used gets a few guesses, not the IP's budget.
 * A refused attempt gives back what it spent on the other limits: it checked no password.
 */
export class SignInThrottle {
  constructor(private readonly limits: RateLimiters) {}

  private spends(attempt: SignInAttempt): [RateLimitName, string, ThrottleScope][] {
    if (attempt.trustedDevice) return [['signInKnownDevice', attempt.login, 'account']];
    return [
      ['signInIp', ipKey(attempt.ip), 'ip'],
      ['signInAccountNetwork', networkKey(attempt), 'network'],
      ['signInAccount', attempt.login, 'account'],
    ];
  }

  /** Spends the attempt's points, or refuses it (giving back what it spent) with the longest wait. */
  async admit(attempt: SignInAttempt): Promise<Admission> {
    const spent: [RateLimitName, string][] = [];
    for (const [name, key, scope] of this.spends(attempt)) {
      const decision = await this.limits.consume(name, key);
      if (!decision.ok) {
        await Promise.all(spent.map(([spentName, spentKey]) => this.limits.refund(spentName, spentKey)));
        return { ok: false, retryAfterMs: decision.retryAfterMs, scope };
      }
      spent.push([name, key]);
    }
    return { ok: true };
  }

  /**
   * The password was right. From an unknown device: the IP gets back this attempt's point and the account's
   * counters start over. From a known device: its own counter starts over, and a lock against an attacker
   * elsewhere holds while the real user signs in on their own devices.
   */
  async succeeded(attempt: SignInAttempt): Promise<void> {
    if (attempt.trustedDevice) return this.limits.reset('signInKnownDevice', attempt.login);
    await Promise.all([
      this.limits.refund('signInIp', ipKey(attempt.ip)),
      this.limits.reset('signInAccountNetwork', networkKey(attempt)),
      this.limits.reset('signInAccount', attempt.login),
    ]);
  }

  /** The password was right but the account may not sign in (suspended): no failure, no reset either. */
  async notAFailure(attempt: SignInAttempt): Promise<void> {
    await Promise.all(this.spends(attempt).map(([name, key]) => this.limits.refund(name, key)));
  }

  /** A sign-in with a one-time code, per client IP; refused once the IP spent its codes of the minute. */
  async admitCode(ip: string | null): Promise<Admission> {
    const decision = await this.limits.consume('signInCodeIp', ipKey(ip));
    return decision.ok ? decision : { ok: false, retryAfterMs: decision.retryAfterMs, scope: 'code' };
  }

  /** A sign-in with a class card's link, per client IP (`signInCardIp`): refused once the IP spent its minute. */
  async admitCard(ip: string | null): Promise<Admission> {
    const decision = await this.limits.consume('signInCardIp', ipKey(ip));
    return decision.ok ? decision : { ok: false, retryAfterMs: decision.retryAfterMs, scope: 'card' };
  }

  /**
   * Whether refused sign-ins to this account (or, for unknown identifiers, from this IP) should be written to the
   * audit log now: once per `signInAlert` window, so a flood of refusals is one event, not one per attempt.
   */
  async shouldReport(subject: { userId: string } | { ip: string | null }): Promise<boolean> {
    const key = 'userId' in subject ? `user:${subject.userId}` : `ip:${ipKey(subject.ip)}`;
    return (await this.limits.consume('signInAlert', key)).ok;
  }
}
