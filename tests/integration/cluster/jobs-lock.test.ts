import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeRedis, startRedis, type TestRedis } from '../../helpers/redis';
import { createLogger } from '../../../server/logger';
import { acquireLock, LOCK_PREFIX, withLock } from '../../../server/jobs/lock';
import { startPeriodicJobs } from '../../../server/jobs/periodic';
import { eventually } from '../pad/support';

/** The job lock on a real Redis, and periodic jobs with and without it. */
describeRedis('job lock (Redis)', () => {
  let redis: TestRedis;
  const clients: Redis[] = [];
  const client = (): Redis => {
    const created = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    clients.push(created);
    return created;
  };
  const logger = createLogger('silent');

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await Promise.all(clients.map((each) => each.quit().catch(() => undefined)));
    await redis?.stop();
  });

  it('is held by one holder at a time, and released only by its holder', async () => {
    const [a, b] = [client(), client()];
    const first = await acquireLock(a, 'compaction:pad-1', 60_000);
    expect(first).not.toBeNull();
    expect(await acquireLock(b, 'compaction:pad-1', 60_000)).toBeNull();
    // The first holder's lock is gone (as if it expired) and another took it: the first may not release that one.
    await a.del(`${LOCK_PREFIX}compaction:pad-1`);
    const second = await acquireLock(b, 'compaction:pad-1', 60_000);
    expect(second).not.toBeNull();
    expect(await first!.release()).toBe(false);
    expect(await acquireLock(a, 'compaction:pad-1', 60_000)).toBeNull();
    expect(await second!.release()).toBe(true);
    expect(await acquireLock(a, 'compaction:pad-1', 60_000)).not.toBeNull();
  });

  it('withLock runs the work on one of several contenders, and releases the lock after it', async () => {
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const contenders = [client(), client(), client()].map((each) =>
      withLock(each, 'snapshot:pad-2', 60_000, async () => {
        runs += 1;
        await gate;
      }),
    );
    await eventually(() => runs === 1, 'one run', 20_000);
    release();
    expect((await Promise.all(contenders)).filter(Boolean)).toHaveLength(1);
    expect(runs).toBe(1);
    expect(await withLock(client(), 'snapshot:pad-2', 60_000, async () => undefined)).toBe(true);
  });

  it('periodic jobs: each process runs them without Redis; with Redis, two processes run one per interval', async () => {
    let alone = 0;
    const single = startPeriodicJobs([{ name: 'alone', intervalMs: 100, run: async () => (alone += 1) }], { logger });
    await eventually(() => alone >= 3, 'three runs alone', 20_000);
    single.stop();

    const starts: number[] = [];
    const job = { name: 'shared', intervalMs: 300, run: async () => starts.push(Date.now()) };
    const nodes = [startPeriodicJobs([job], { redis: client(), logger }), startPeriodicJobs([job], { redis: client(), logger })];
    await eventually(() => starts.length >= 6, 'six starts', 20_000);
    for (const node of nodes) node.stop();
    const gaps = starts.slice(1).map((start, i) => start - starts[i]!);
    // Two timers each firing every 300 ms would leave runs a fraction of an interval apart.
    expect(Math.min(...gaps), gaps.join(', ')).toBeGreaterThan(150);
  });
});
