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
