/**
 * Token buckets, one per key (a user): each action takes a token; tokens come back at a steady rate up to the
 * capacity. A burst of a few messages passes, a script sending hundreds a second is refused (BRIEF checklist 10)
 * without slowing anyone else. In memory: flood control is per node, like the connections it protects.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly capacity: number,
    private readonly refillPerSecond: number,
    /** Beyond this many keys, full buckets (idle users) are forgotten: memory stays bounded. */
    private readonly maxKeys = 50_000,
  ) {}

  /** Takes one token for `key`; false when the bucket is empty (the action must be refused). */
  take(key: string, now: number = Date.now()): boolean {
    const bucket = this.buckets.get(key) ?? { tokens: this.capacity, at: now };
    bucket.tokens = Math.min(this.capacity, bucket.tokens + ((now - bucket.at) / 1000) * this.refillPerSecond);
    bucket.at = now;
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxKeys) this.prune(now);
    return allowed;
  }

  private prune(now: number): void {
    const fullAfterMs = (this.capacity / this.refillPerSecond) * 1000;
    for (const [key, bucket] of this.buckets) if (now - bucket.at > fullAfterMs) this.buckets.delete(key);
  }
}

/** "At most once per interval" per key, for ephemeral signals such as typing indicators. */
export class Throttle {
  private readonly last = new Map<string, number>();

  constructor(
    private readonly intervalMs: number,
    private readonly maxKeys = 50_000,
  ) {}

  /** True when the key may fire now (and records it). */
  pass(key: string, now: number = Date.now()): boolean {
    const previous = this.last.get(key);
    if (previous !== undefined && now - previous < this.intervalMs) return false;
    this.last.set(key, now);
    if (this.last.size > this.maxKeys) {
      for (const [k, at] of this.last) if (now - at >= this.intervalMs) this.last.delete(k);
    }
    return true;
  }
}
