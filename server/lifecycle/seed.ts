import type { ServerContext } from '../context';
import type { BaseDoc } from '../storage/port';

/** A step of the demo seed. The Identity issue adds the demo school; features add their demo content. */
export interface Seeder {
  name: string;
  run(ctx: ServerContext): Promise<void>;
}

interface SeedMarker extends BaseDoc {
  seededAt: number;
  seeders: string[];
  version: string;
}

/** The collection holding instance-level facts (the seed marker). */
export const META_COLLECTION = 'meta';
const SEED_MARKER_ID = 'seed';

/**
 * Runs the seeders once, on an empty store: the marker is written last, so an interrupted seed runs again
 * at the next start (seeders must therefore be idempotent, e.g. upserts keyed by stable ids).
 * Returns whether it seeded.
 */
export async function seedIfEmpty(ctx: ServerContext, seeders: readonly Seeder[]): Promise<boolean> {
  const meta = ctx.store.collection<SeedMarker>(META_COLLECTION);
  if (await meta.findOne({ _id: SEED_MARKER_ID })) return false;
  for (const seeder of seeders) {
    ctx.logger.info({ seeder: seeder.name }, 'seeding');
    await seeder.run(ctx);
  }
  await meta.insertOne({ _id: SEED_MARKER_ID, seededAt: Date.now(), seeders: seeders.map((s) => s.name), version: ctx.version });
  return true;
}
