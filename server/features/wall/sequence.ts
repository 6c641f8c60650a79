import type { ServerContext } from '../../context';
import { countersCollection } from './model';

/**
 * Operations on one wall run one after another on this node, so their numbers (`seq`) are persisted in the
 * order they are handed out and a catch-up "since seq n" misses nothing written by this node. Across nodes the
 * counter is still atomic; the client's sync overlap (`WALL_SYNC_OVERLAP`) covers the rare interleaving.
 */
const queues = new Map<string, Promise<unknown>>();

/**
 * Runs `task` after the wall's previous operations have persisted. The task calls `persisted()` once its write
 * is done: the next operation may start then, while this one is audited and broadcast (clients keep the newest
 * version of a card by seq, so broadcasts may overlap).
 */
export function serialized<T>(spaceId: string, task: (persisted: () => void) => Promise<T>): Promise<T> {
  const previous = queues.get(spaceId) ?? Promise.resolve();
  let release!: () => void;
  const turn = new Promise<void>((resolve) => (release = resolve));
  const run = previous.then(() => task(release));
  void run.then(release, release);
  queues.set(spaceId, turn);
  void turn.then(() => {
    if (queues.get(spaceId) === turn) queues.delete(spaceId);
  });
  return run;
}

/** The next operation number of a wall (atomic on both stores). */
export async function nextSeq(ctx: ServerContext, spaceId: string): Promise<number> {
  const counter = await countersCollection(ctx.store).findOneAndUpdate({ _id: spaceId }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' });
  return counter?.seq ?? 1;
}

/** The last operation number of a wall (0 for a wall that never changed). */
export async function currentSeq(ctx: ServerContext, spaceId: string): Promise<number> {
  return (await countersCollection(ctx.store).findOne({ _id: spaceId }))?.seq ?? 0;
}
