import { describe, expect, it } from 'vitest';
import { Throttle, TokenBuckets } from './flood';

describe('TokenBuckets', () => {
  it('lets a burst up to the capacity through, then refills at the rate', () => {
    const buckets = new TokenBuckets(3, 2);
    const t = 1_000_000;
    expect([1, 2, 3, 4].map(() => buckets.take('a', t))).toEqual([true, true, true, false]);
    expect(buckets.take('a', t + 400)).toBe(false);
    expect(buckets.take('a', t + 500)).toBe(true);
    expect(buckets.take('b', t)).toBe(true);
  });

  it('refuses a sustained flood beyond the rate', () => {
    const buckets = new TokenBuckets(10, 5);
    let allowed = 0;
    for (let i = 0; i < 1_000; i += 1) if (buckets.take('flooder', 5_000 + i)) allowed += 1;
    // 999 ms at one send per ms: the burst of 10, plus the 4 whole tokens refilled meanwhile.
    expect(allowed).toBe(14);
  });

  it('forgets idle keys beyond its bound', () => {
    const buckets = new TokenBuckets(1, 1, 10);
    for (let i = 0; i < 20; i += 1) buckets.take(`k${i}`, 0);
    expect(buckets.take('late', 10_000)).toBe(true);
    expect(buckets.take('k0', 10_000)).toBe(true);
  });
});

describe('Throttle', () => {
  it('passes once per interval per key', () => {
    const throttle = new Throttle(1_000);
    expect(throttle.pass('x', 0)).toBe(true);
    expect(throttle.pass('x', 999)).toBe(false);
    expect(throttle.pass('y', 999)).toBe(true);
    expect(throttle.pass('x', 1_000)).toBe(true);
  });
});
