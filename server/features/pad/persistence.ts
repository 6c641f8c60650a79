import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import type { Attribution } from '../../../collab/core/attribution';
import { LOAD_ORIGIN } from '../../../collab/core/document';
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
 * Loads a pad into an empty Y.Doc: its snapshot, then the log rows written after it (merged and applied in
 * one go), with their attribution. Nothing here counts as a change.
 */
export async function padLoader(pads: PadCollections, name: string, doc: Y.Doc, attribution: Attribution): Promise<PadLogPosition> {
  const snapshot = await pads.snapshots.findOne({ _id: name });
  let snapshotSeq = 0;
  if (snapshot) {
    Y.applyUpdate(doc, snapshot.state, LOAD_ORIGIN);
    attribution.merge(snapshot.authors, snapshot.attribution);
    snapshotSeq = snapshot.seq;
  }
  const rows = await pads.updates.find({ doc: name, seq: { $gt: snapshotSeq } }, { sort: { seq: 1 } });
  let bytes = 0;
  if (rows.length > 0) {
    Y.applyUpdate(doc, rows.length === 1 ? rows[0]!.update : Y.mergeUpdates(rows.map((row) => row.update)), LOAD_ORIGIN);
    for (const row of rows) {
      if (row.authors) for (const author of row.authors) attribution.addTriples(author.ranges, author.userId);
      else if (row.userId && row.ranges) attribution.addTriples(row.ranges, row.userId);
      bytes += row.size;
    }
  }
  const seq = rows.length > 0 ? rows[rows.length - 1]!.seq : snapshotSeq;
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
