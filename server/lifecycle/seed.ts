import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ServerContext } from '../context';
import { DuplicateKeyError, type BaseDoc, type Collection } from '../storage/port';

/** A step of the demo seed. The Identity issue adds the demo school; features add their demo content. */
export interface Seeder {
  name: string;
  /** Must be idempotent: it may run again after an interrupted seed, or beside a process that took over. */
  run(ctx: ServerContext): Promise<void>;
}

/**
 * The seed marker. `state` is 'seeding' while one process runs the seeders (`owner`, a random token per start,
 * bumping `beat` while alive), then 'done'; a marker without `state` was written by an older version, once done.
 */
interface SeedMarker extends BaseDoc {
  state?: 'seeding' | 'done';
  owner?: string;
  beat?: number;
  startedAt?: number;
  seededAt?: number;
  seeders?: string[];
  version?: string;
}

/** The collection holding instance-level facts (the seed marker). */
export const META_COLLECTION = 'meta';
const SEED_MARKER_ID = 'seed';

/**
 * How often the seeding process shows it is alive, and how long a silent one is waited for before taking over;
 * `delayMs` holds the seeders back (SEED_DELAY_SECONDS: tests watch what a client sees while the seed runs).
 */
export interface SeedTiming {
  heartbeatMs: number;
  staleMs: number;
  delayMs?: number;
}
export const DEFAULT_SEED_TIMING: SeedTiming = { heartbeatMs: 1_000, staleMs: 15_000 };

/**
 * Runs the seeders once per store, even when several processes start at once on an empty store (two app nodes,
 * two `npm start`): the first to write the marker, with an atomic upsert, seeds; the others wait until it marks
 * the seed done, and then start on the seeded store. A seeder that stops beating (its process died half-way)
 * is taken over by one waiter, which runs the seeders again: they are idempotent. Returns whether this process
 * seeded.
 */
export async function seedIfEmpty(ctx: ServerContext, seeders: readonly Seeder[], timing: SeedTiming = DEFAULT_SEED_TIMING): Promise<boolean> {
  const meta = ctx.store.collection<SeedMarker>(META_COLLECTION);
  const me = randomBytes(12).toString('hex');
  for (;;) {
    const marker = await claim(meta, me);
    if (!marker) continue;
    if (marker.state !== 'seeding') return false;
    if (marker.owner !== me) {
      ctx.logger.info('another process is seeding the store: waiting for it');
      const outcome = await waitForOther(meta, marker, me, timing);
      if (outcome === 'done') return false;
      if (outcome === 'gone') continue;
      ctx.logger.warn('the process seeding the store stopped answering: seeding in its place');
    }
    await runSeeders(ctx, meta, me, seeders, timing);
    return true;
  }
}

/** Writes the marker as ours if there is none (atomically), and returns the marker as it is now. */
async function claim(meta: Collection<SeedMarker>, me: string): Promise<SeedMarker | null> {
  try {
    return await meta.findOneAndUpdate(
      { _id: SEED_MARKER_ID },
      { $setOnInsert: { state: 'seeding', owner: me, beat: 0, startedAt: Date.now() } },
      { upsert: true, returnDocument: 'after' },
    );
  } catch (error) {
    // Two upserts at once on MongoDB: the loser may see the winner's insert as a duplicate; read it again.
    if (error instanceof DuplicateKeyError) return null;
    throw error;
  }
}

/**
 * Waits while another process seeds: 'done' once it finished, 'mine' once this process took over from a seeder
 * whose heartbeat stopped for `staleMs` (by this process's clock, so clocks of other hosts do not matter),
 * 'gone' if the marker disappeared.
 */
async function waitForOther(meta: Collection<SeedMarker>, seen: SeedMarker, me: string, timing: SeedTiming): Promise<'done' | 'mine' | 'gone'> {
  let last = { owner: seen.owner, beat: seen.beat };
  let quietSince = Date.now();
  for (;;) {
    await sleep(timing.heartbeatMs);
    const marker = await meta.findOne({ _id: SEED_MARKER_ID });
    if (!marker) return 'gone';
    if (marker.state !== 'seeding') return 'done';
    if (marker.owner !== last.owner || marker.beat !== last.beat) {
      last = { owner: marker.owner, beat: marker.beat };
      quietSince = Date.now();
      continue;
    }
    if (Date.now() - quietSince < timing.staleMs) continue;
    // Only one waiter takes over: the update matches only the marker as this waiter last saw it.
    const taken = await meta.updateOne({ _id: SEED_MARKER_ID, state: 'seeding', owner: last.owner, beat: last.beat }, { $set: { owner: me, beat: 0 } });
    if (taken.matchedCount === 1) return 'mine';
    quietSince = Date.now();
  }
}

/** Runs the seeders while beating the marker, then marks the seed done. */
async function runSeeders(ctx: ServerContext, meta: Collection<SeedMarker>, me: string, seeders: readonly Seeder[], timing: SeedTiming): Promise<void> {
  const heartbeat = setInterval(() => {
    meta.updateOne({ _id: SEED_MARKER_ID, owner: me }, { $inc: { beat: 1 } }).catch((error: unknown) => ctx.logger.warn({ err: error }, 'seed heartbeat failed'));
  }, timing.heartbeatMs);
  heartbeat.unref();
  try {
    if (timing.delayMs) await sleep(timing.delayMs);
    for (const seeder of seeders) {
      ctx.logger.info({ seeder: seeder.name }, 'seeding');
      await seeder.run(ctx);
    }
  } finally {
    clearInterval(heartbeat);
  }
  await meta.updateOne(
    { _id: SEED_MARKER_ID },
    { $set: { state: 'done', seededAt: Date.now(), seeders: seeders.map((seeder) => seeder.name), version: ctx.version } },
  );
}
