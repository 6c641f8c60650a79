import { describe, expect, it } from 'vitest';
import { createRateLimiters } from './limiters';

describe('rate limiters', () => {
  it('refuses a key once its points are spent, with a retry time, and leaves other keys alone', async () => {
    const limits = createRateLimiters({ overrides: { collabUpdate: { points: 3, durationSeconds: 60 } } });
    for (let i = 0; i < 3; i += 1) expect(await limits.consume('collabUpdate', 'u1')).toEqual({ ok: true });
    const refused = await limits.consume('collabUpdate', 'u1');
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.retryAfterMs).toBeGreaterThan(50_000);
    expect(await limits.consume('collabUpdate', 'u2')).toEqual({ ok: true });
    await limits.reset('collabUpdate', 'u1');
    expect(await limits.consume('collabUpdate', 'u1')).toEqual({ ok: true });
    expect(limits.limitOf('collabUpdate')).toEqual({ points: 3, durationSeconds: 60 });
  });

  it('refunds points spent in the window, never more than were spent', async () => {
    const limits = createRateLimiters({ overrides: { collabUpdate: { points: 2, durationSeconds: 60 } } });
    await limits.refund('collabUpdate', 'fresh');
    await limits.consume('collabUpdate', 'fresh');
    await limits.consume('collabUpdate', 'fresh');
    expect((await limits.consume('collabUpdate', 'fresh')).ok).toBe(false);
    await limits.refund('collabUpdate', 'k', 5);
    await limits.consume('collabUpdate', 'k');
    await limits.refund('collabUpdate', 'k', 5);
    await limits.consume('collabUpdate', 'k');
    await limits.consume('collabUpdate', 'k');
    expect((await limits.consume('collabUpdate', 'k')).ok).toBe(false);
  });
});

describe('rate limiters: spend (leases for hot paths)', () => {
  it('answers most calls at once, never lets a key past its limit, and refuses with a retry time', async () => {
    const limits = createRateLimiters({ overrides: { collabUpdate: { points: 50, durationSeconds: 60 } } });
    let granted = 0;
    let synchronous = 0;
    for (let i = 0; i < 80; i += 1) {
      const answer = limits.spend('collabUpdate', 'u1');
      if (!(answer instanceof Promise)) synchronous += 1;
      if ((await answer).ok) granted += 1;
    }
    expect(granted).toBe(50);
    // One call in five (a share is a tenth of 50 points) asks the store; refused calls always ask it again.
    expect(synchronous).toBe(40);
    const refused = await limits.spend('collabUpdate', 'u1');
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.retryAfterMs).toBeGreaterThan(50_000);
    // Other keys and plain consume share the same store.
    expect(await limits.spend('collabUpdate', 'u2')).toEqual({ ok: true });
    expect((await limits.consume('collabUpdate', 'u1')).ok).toBe(false);
  });

  it('grants an action whose points no longer fit a whole share, as long as they fit the limit', async () => {
    const limits = createRateLimiters({ overrides: { collabWork: { points: 100, durationSeconds: 60 } } });
    expect(await limits.spend('collabWork', 'u1', 95)).toEqual({ ok: true });
    expect(await limits.spend('collabWork', 'u1', 5)).toEqual({ ok: true });
    expect((await limits.spend('collabWork', 'u1', 1)).ok).toBe(false);
  });

  it('a burst of concurrent calls shares one refill at a time: exactly the limit is granted', async () => {
    const limits = createRateLimiters({ overrides: { wallCardCreate: { points: 20, durationSeconds: 600 } } });
    const answers = await Promise.all(Array.from({ length: 499 }, () => limits.spend('wallCardCreate', 'u1')));
    expect(answers.filter((answer) => answer.ok)).toHaveLength(20);
    // A later call, with the lease and the store both spent, is refused too.
    expect((await limits.spend('wallCardCreate', 'u1')).ok).toBe(false);
  });

  it('a reset forgets the key’s lease as well as its spending', async () => {
    const limits = createRateLimiters({ overrides: { wallCardCreate: { points: 20, durationSeconds: 600 } } });
    // 19 spent: the lease (two points at a time) holds one more.
    for (let i = 0; i < 19; i += 1) expect((await limits.spend('wallCardCreate', 'u1')).ok).toBe(true);
    await limits.reset('wallCardCreate', 'u1');
    const again = await Promise.all(Array.from({ length: 25 }, () => limits.spend('wallCardCreate', 'u1')));
    expect(again.filter((answer) => answer.ok)).toHaveLength(20);
  });
});
