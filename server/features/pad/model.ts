import type { BaseDoc, Store } from '../../storage/port';
import type { PadVersionKind } from '../../../shared/pad/types';

/**
 * A pad's compacted state: the Yjs state as one update, and the attribution of its items (who wrote which
 * Yjs item ids). `seq` is the last update-log row folded into it.
 */
export interface PadSnapshotDoc extends BaseDoc {
  /** `_id` is the document name, `pad:<spaceId>`. */
  spaceId: string;
  schoolId: string;
  state: Uint8Array;
  seq: number;
  /** Attribution: user ids, and the encoded ranges that index into them (see collab/core/attribution.ts). */
  authors: string[];
  attribution: Uint8Array;
  size: number;
  compactedAt: number;
  /** Random, new at each compaction from the store (several nodes). */
  rev?: string;
}

/** Who made part of a log row's changes, and the Yjs items their changes created. */
export interface PadUpdateAuthor {
  userId: string;
  /** Flattened triples `clientID, fromClock, toClock`. */
  ranges: number[];
  /** Items they deleted. */
  deleted: number;
}

/**
 * One row of the update log: the changes a pad accepted in one flush, merged into one update, with who made
 * them (`authors`: per user, the Yjs item ranges they created, from their authenticated connections). Rows are
 * folded into the snapshot when the log grows past the thresholds.
 *
 * Rows written before the log had one row per pad and flush held one user's changes: `userId` and `ranges`
 * instead of `authors` (still read when loading).
 */
export interface PadUpdateDoc extends BaseDoc {
  /** `_id` grows with time (see `updateRow`); older rows have `<doc>:<seq>`. Rows are read by `doc` and `seq`. */
  doc: string;
  seq: number;
  ts: number;
  size: number;
  update: Uint8Array;
  authors?: PadUpdateAuthor[];
  /** Rows of one user (before `authors`). */
  userId?: string;
  /** Rows of one user (before `authors`): flattened triples `clientID, fromClock, toClock`. */
  ranges?: number[];
}

/** A version of a pad (its state is kept apart, so lists never load it). */
export interface PadVersionDoc extends BaseDoc {
  doc: string;
  spaceId: string;
  schoolId: string;
  kind: PadVersionKind;
  name: string | null;
  createdBy: string | null;
  createdAt: number;
  size: number;
  /** Rewritten by a redaction. */
  redacted: boolean;
}

/** The full Yjs state of a version, standalone (`_id` is the version's id). */
export interface PadVersionStateDoc extends BaseDoc {
  doc: string;
  state: Uint8Array;
}

export const PAD_SNAPSHOTS = 'pad_snapshots';
export const PAD_UPDATES = 'pad_updates';
export const PAD_VERSIONS = 'pad_versions';
export const PAD_VERSION_STATES = 'pad_version_states';

/** The pad's collections, with their indexes. */
export class PadCollections {
  readonly snapshots;
  readonly updates;
  readonly versions;
  readonly versionStates;

  constructor(readonly store: Store) {
    this.snapshots = store.collection<PadSnapshotDoc>(PAD_SNAPSHOTS);
    this.updates = store.collection<PadUpdateDoc>(PAD_UPDATES);
    this.versions = store.collection<PadVersionDoc>(PAD_VERSIONS);
    this.versionStates = store.collection<PadVersionStateDoc>(PAD_VERSION_STATES);
  }

  async init(): Promise<void> {
    await Promise.all([
      this.updates.ensureIndexes([{ fields: { doc: 1, seq: 1 } }]),
      this.versions.ensureIndexes([{ fields: { doc: 1, createdAt: -1 } }, { fields: { doc: 1, kind: 1, createdAt: -1 } }]),
      this.versionStates.ensureIndexes([{ fields: { doc: 1 } }]),
    ]);
  }
}
