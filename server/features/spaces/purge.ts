import { padDocumentName } from '../../../shared/pad/protocol';
import { SPACE_BIN_RETENTION_DAYS, SPACE_PURGE_BATCH } from '../../../shared/spaces/limits';
import { auditedChange } from '../../audit/command';
import { serverNow } from '../../clock';
import type { ServerContext } from '../../context';
import { blobsCollection } from '../blobs/model';
import { blobDeleter } from '../blobs/service';
import { chatCollections } from '../chat/model';
import { forumCollections } from '../forum/model';
import { mutesCollection } from '../moderation/mutes';
import { reportsCollection } from '../moderation/reports';
import { PadCollections } from '../pad/model';
import { cardsCollection, commentsCollection, countersCollection } from '../wall/model';
import { presentSpace, spacesCollection, type SpaceDoc } from './model';
import { spaceAuditContext } from './service';

const DAY_MS = 86_400_000;

/** Deletes everything a space holds, by kind (its files are deleted before, see `spacePurger`). */
async function contentEraser(ctx: ServerContext, space: SpaceDoc): Promise<number> {
  const { store } = ctx;
  const id = space._id;
  let removed = 0;
  switch (space.kind) {
    case 'wall':
      removed += await cardsCollection(store).deleteMany({ spaceId: id });
      removed += await commentsCollection(store).deleteMany({ spaceId: id });
      removed += await countersCollection(store).deleteMany({ _id: id });
      break;
    case 'forum': {
      const forum = await forumCollections(store);
      for (const collection of [forum.topics, forum.posts, forum.revisions, forum.reads]) removed += await collection.deleteMany({ forumId: id });
      break;
    }
    case 'chat': {
      const chat = await chatCollections(store);
      removed += await chat.messages.deleteMany({ roomId: id });
      removed += await chat.counters.deleteMany({ _id: id });
      // A class room deleted for good: opening the class's room again starts a new one.
      removed += await chat.classRooms.deleteMany({ spaceId: id });
      break;
    }
    case 'pad': {
      const pad = new PadCollections(store);
      const doc = padDocumentName(id);
      removed += await pad.snapshots.deleteMany({ spaceId: id });
      removed += await pad.updates.deleteMany({ doc });
      removed += await pad.versions.deleteMany({ doc });
      removed += await pad.versionStates.deleteMany({ doc });
      break;
    }
  }
  // Moderation's working state of the space; evidence is kept for its own retention (moderation/evidence.ts).
  removed += await reportsCollection(ctx).deleteMany({ spaceId: id });
  removed += await mutesCollection(ctx).deleteMany({ spaceId: id });
  return removed;
}

/**
 * Erases one space of the bin for good: its files (bytes and quota given back, each idempotent), then its items
 * and the space itself with the `space.purged` event in one transaction. Run again after a crash, it finishes the
 * work; run on a space someone restored or purged meanwhile, it does nothing.
 */
async function spacePurger(ctx: ServerContext, space: SpaceDoc, cutoff: number): Promise<boolean> {
  // Still in the bin and expired (a restore refuses an expired space, so it stays so): only then its files go.
  const expired = { _id: space._id, deletedAt: { $gt: 0, $lte: cutoff } };
  if (!(await spacesCollection(ctx.store).findOne(expired))) return false;
  for (const blob of await blobsCollection(ctx.store).find({ spaceId: space._id, schoolId: space.schoolId })) await blobDeleter(ctx, blob._id);
  return auditedChange(ctx, async (record) => {
    const gone = await spacesCollection(ctx.store).deleteMany(expired);
    if (gone === 0) return false;
    const items = await contentEraser(ctx, space);
    await record({
      schoolId: space.schoolId,
      actor: { userId: null },
      origin: 'job',
      event: 'space.purged',
      target: { type: space.kind, id: space._id, ownerId: space.ownerId },
      context: spaceAuditContext(space),
      change: { fields: ['deletedAt'], before: presentSpace(space) },
      reason: `${SPACE_BIN_RETENTION_DAYS} days in the bin; ${items} items erased`,
    });
    return true;
  });
}

/**
 * The bin's purge, run by a periodic job: every space deleted `SPACE_BIN_RETENTION_DAYS` ago or more (on the
 * server's calendar, `serverNow`) is erased with its contents and files, each audited; at most
 * `SPACE_PURGE_BATCH` per run. Returns how many spaces it erased.
 */
export async function binPurger(ctx: ServerContext, now = serverNow(ctx)): Promise<number> {
  const cutoff = now - SPACE_BIN_RETENTION_DAYS * DAY_MS;
  const expired = await spacesCollection(ctx.store).find({ deletedAt: { $gt: 0, $lte: cutoff } }, { limit: SPACE_PURGE_BATCH });
  let purged = 0;
  for (const space of expired) if (await spacePurger(ctx, space, cutoff)) purged += 1;
  return purged;
}
