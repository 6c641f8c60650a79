import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import { Attribution } from '../../../collab/core/attribution';
import { LOAD_ORIGIN } from '../../../collab/core/document';
import { PAD_COMPACT_MAX_ROWS } from '../../../shared/pad/limits';
import type { ChangeAuthor } from '../../../collab/core/flusher';
import type { PadCollections, PadUpdateDoc } from './model';

/** Where a loaded pad stands in its log. */
export interface PadLogPosition {
  /** Last row number used (persisted or not). */
  seq: number;
  /** Last row number known to be durable. */
  persistedSeq: number;
  /** Last row folded into the snapshot. */
  snapshotSeq: number;
  rowsSinceSnapshot: number;
  bytesSinceSnapshot: number;
}

/**
 * Adds the authors of log rows to an attribution, each client's ranges in clock order (rows written by several
 * nodes are not in clock order, and Attribution appends at each client's end).
 */
function addRowAuthors(attribution: Attribution, rows: readonly PadUpdateDoc[]): void {
  const ranges: Array<[client: number, from: number, to: number, userId: string]> = [];
  const add = (triples: readonly number[], userId: string): void => {
    for (let i = 0; i + 2 < triples.length; i += 3) ranges.push([triples[i]!, triples[i + 1]!, triples[i + 2]!, userId]);
  };
  for (const row of rows) {
    if (row.authors) for (const author of row.authors) add(author.ranges, author.userId);
    else if (row.userId && row.ranges) add(row.ranges, row.userId);
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (const [client, from, to, userId] of ranges) attribution.add(client, from, to, userId);
}

/**
 * Reads a pad from the store into a Y.Doc: its snapshot, then every log row still there (merged and applied in
 * one go; a row is deleted exactly when it is folded into the snapshot, so the rows there are those it lacks),
 * with their attribution. Nothing here counts as a change (`origin`: LOAD_ORIGIN into an empty document, or
 * REMOTE_ORIGIN to catch a loaded one up). The rows are read before the snapshot: a compaction in between folds
 * rows already read into it (applied twice, which Yjs makes harmless), where the other order would miss them.
 */
export async function padLoader(pads: PadCollections, name: string, doc: Y.Doc, attribution: Attribution, origin: symbol = LOAD_ORIGIN): Promise<PadLogPosition> {
  const rows = await pads.updates.find({ doc: name }, { sort: { seq: 1 } });
  const snapshot = await pads.snapshots.findOne({ _id: name });
  let snapshotSeq = 0;
  if (snapshot) {
    Y.applyUpdate(doc, snapshot.state, origin);
    attribution.merge(snapshot.authors, snapshot.attribution);
    snapshotSeq = snapshot.seq;
  }
  let bytes = 0;
  let seq = snapshotSeq;
  if (rows.length > 0) {
    Y.applyUpdate(doc, rows.length === 1 ? rows[0]!.update : Y.mergeUpdates(rows.map((row) => row.update)), origin);
    addRowAuthors(attribution, rows);
    for (const row of rows) {
      bytes += row.size;
      seq = Math.max(seq, row.seq);
    }
  }
  return { seq, persistedSeq: seq, snapshotSeq, rowsSinceSnapshot: rows.length, bytesSinceSnapshot: bytes };
}

/** This process's tag in log row ids (random, as an ObjectId's). */
const ROW_ID_TAG = randomBytes(4).toString('hex');
let rowCounter = 0;

/**
 * A log row id that grows with time within a process (milliseconds, this process's tag, a counter): every flush
 * appends its rows at the end of the id index, where ids made of the pad's name and sequence number scattered
 * them over one index page per pad (a third of the cost of a row). Rows are found by `doc` and `seq`, never by id.
 */
function nextRowId(now: number): string {
  rowCounter = (rowCounter + 1) % 0x1_0000_0000;
  return `${now.toString(16).padStart(12, '0')}${ROW_ID_TAG}${rowCounter.toString(16).padStart(8, '0')}`;
}

/** The log row of a pad's changes in one flush: their merged update and, per user, what they created. */
export function updateRow(name: string, seq: number, update: Uint8Array, authors: readonly ChangeAuthor[], now: number): PadUpdateDoc {
  return {
    _id: nextRowId(now),
    doc: name,
    seq,
    ts: now,
    size: update.byteLength,
    update,
    authors: authors.map(({ userId, ranges, deleted }) => ({ userId, ranges, deleted })),
  };
}

/**
 * Folds the log into the snapshot: writes the document's whole state and attribution as of `seq`, then
 * deletes the rows it covers, in one transaction (a crash in between never leaves a snapshot without the
 * rows it claims gone, nor the reverse). The state may already hold later changes (applied, not yet
 * durable): they are then durable twice, which Yjs makes harmless, and the snapshot never misses a row it
 * claims. `alongside` runs in the same transaction (a redaction's version rewrites and audit event). The state
 * is encoded before the transaction opens: it is CPU work, and the store waits for nobody meanwhile.
 */
export async function padCompactor(
  pads: PadCollections,
  target: { name: string; spaceId: string; schoolId: string },
  doc: Y.Doc,
  attribution: Attribution,
  seq: number,
  alongside?: () => Promise<void>,
): Promise<number> {
  const state = Y.encodeStateAsUpdate(doc);
  const { users, ranges } = attribution.encode();
  await pads.store.transaction(async () => {
    await pads.snapshots.updateOne(
      { _id: target.name },
      {
        $set: {
          spaceId: target.spaceId,
          schoolId: target.schoolId,
          state,
          seq,
          authors: users,
          attribution: ranges,
          size: state.byteLength,
          compactedAt: Date.now(),
        },
      },
      { upsert: true },
    );
    await pads.updates.deleteMany({ doc: target.name, seq: { $lte: seq } });
    await alongside?.();
  });
  return state.byteLength;
}

/** The snapshot changed between a store compaction's read and its write (another node compacted): nothing written. */
class StaleSnapshot extends Error {}

/**
 * Folds the update log into the snapshot FROM THE STORE, for several nodes writing one pad (each holds its own
 * Y.Doc, which may lack rows another node wrote): reads the log rows (at most PAD_COMPACT_MAX_ROWS, oldest first)
 * and the snapshot, applies them to a fresh Y.Doc (so deleted content is garbage-collected, as a redaction needs),
 * then in one transaction writes the new snapshot and its attribution, only if the snapshot is still the one read,
 * and deletes exactly the rows read: a row is never deleted unless it is in the snapshot. The folding is CPU work
 * done before the transaction opens. Returns how many rows were folded, or null when the snapshot changed meanwhile
 * (the caller holds the pad's lock, so only a node whose lock expired could do that).
 */
export async function padStoreCompactor(
  pads: PadCollections,
  target: { name: string; spaceId: string; schoolId: string },
  alongside?: () => Promise<void>,
): Promise<{ rows: number; size: number; more: boolean } | null> {
  const rows = await pads.updates.find({ doc: target.name }, { sort: { seq: 1 }, limit: PAD_COMPACT_MAX_ROWS });
  const snapshot = await pads.snapshots.findOne({ _id: target.name });
  const doc = new Y.Doc({ gc: true });
  const attribution = new Attribution();
  let seq = snapshot?.seq ?? 0;
  try {
    if (snapshot) {
      Y.applyUpdate(doc, snapshot.state, LOAD_ORIGIN);
      attribution.merge(snapshot.authors, snapshot.attribution);
    }
    if (rows.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(rows.map((row) => row.update)), LOAD_ORIGIN);
    addRowAuthors(attribution, rows);
    for (const row of rows) seq = Math.max(seq, row.seq);
    const state = Y.encodeStateAsUpdate(doc);
    const { users, ranges } = attribution.encode();
    const fields = { spaceId: target.spaceId, schoolId: target.schoolId, state, seq, authors: users, attribution: ranges, size: state.byteLength, compactedAt: Date.now(), rev: randomBytes(8).toString('hex') };
    await pads.store.transaction(async () => {
      if (snapshot) {
        const written = await pads.snapshots.updateOne({ _id: target.name, compactedAt: snapshot.compactedAt, seq: snapshot.seq, ...(snapshot.rev ? { rev: snapshot.rev } : {}) }, { $set: fields });
        if (written.matchedCount === 0) throw new StaleSnapshot();
      } else await pads.snapshots.updateOne({ _id: target.name }, { $set: fields }, { upsert: true });
      if (rows.length > 0) await pads.updates.deleteMany({ _id: { $in: rows.map((row) => row._id) } });
      await alongside?.();
    });
    return { rows: rows.length, size: state.byteLength, more: rows.length >= PAD_COMPACT_MAX_ROWS };
  } catch (error) {
    if (error instanceof StaleSnapshot) return null;
    throw error;
  } finally {
    doc.destroy();
  }
}
