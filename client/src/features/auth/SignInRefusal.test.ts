import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api';
import { removalOf } from './RemovalHint';
import { isThrottled, signInWait } from './SignInRefusal';

describe('the wait of a refused sign-in', () => {
  it('is in seconds under a minute and a half, in whole minutes (rounded up) beyond', () => {
    expect(signInWait(42_000)).toEqual({ unit: 'seconds', count: 42 });
    expect(signInWait(88_100)).toEqual({ unit: 'seconds', count: 89 });
    expect(signInWait(90_000)).toEqual({ unit: 'minutes', count: 2 });
    expect(signInWait(47 * 60_000 - 500)).toEqual({ unit: 'minutes', count: 47 });
    expect(signInWait(undefined)).toBeNull();
    expect(signInWait(0)).toBeNull();
  });

  it('tells a throttled refusal from wrong credentials', () => {
    expect(isThrottled(new ApiError(429, 'RATE_LIMITED', 'Too many', [], 30_000))).toBe(true);
    expect(isThrottled(new ApiError(401, 'UNAUTHENTICATED', 'Wrong login or password'))).toBe(false);
    expect(isThrottled(new Error('x'))).toBe(false);
  });
});

describe('a removed account\'s refusal', () => {
  it('reads the erasure day and the reader from the answer, and tolerates their absence', () => {
    const removed = (params?: Record<string, string | number>) => new ApiError(403, 'ACCOUNT_REMOVED', 'This account was removed from the school', params ? [{ path: 'account', message: 'removed', code: 'removed', params }] : []);
    expect(removalOf(removed({ deletionDate: 1_800_000_000_000, reader: 'pupil' }))).toEqual({ pupil: true, deletionDate: 1_800_000_000_000 });
    expect(removalOf(removed({ deletionDate: 1_800_000_000_000, reader: 'adult' }))).toEqual({ pupil: false, deletionDate: 1_800_000_000_000 });
    expect(removalOf(removed())).toEqual({ pupil: false, deletionDate: null });
  });
});
