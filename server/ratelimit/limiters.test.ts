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
});
