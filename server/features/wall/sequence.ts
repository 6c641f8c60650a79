import type { ServerContext } from '../../context';
import { countersCollection } from './model';

/**
 * The next operation number of a wall. Called inside the operation's transaction, with its write and its audit
 * event: transactions on one wall are serialised by the store (the embedded store runs one writer at a time,
 * MongoDB reruns the loser of the counter's write conflict), so numbers are committed in the order they are
 * handed out and a catch-up "since seq n" misses nothing. The client's sync overlap (`WALL_SYNC_OVERLAP`)
 * still covers a broadcast overtaken by the next one.
 */
export async function nextSeq(ctx: ServerContext, spaceId: string): Promise<number> {
  const counter = await countersCollection(ctx.store).findOneAndUpdate({ _id: spaceId }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' });
  return counter?.seq ?? 1;
}

/** The last operation number of a wall (0 for a wall that never changed). */
export async function currentSeq(ctx: ServerContext, spaceId: string): Promise<number> {
  return (await countersCollection(ctx.store).findOne({ _id: spaceId }))?.seq ?? 0;
}
