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
}

/**
 * One row of the update log: the changes one user's connection brought in one flush (so never two users'
 * changes in one row), with the Yjs item ranges they created. Rows are folded into the snapshot when the log
 * grows past the thresholds.
 */
export interface PadUpdateDoc extends BaseDoc {
  /** `_id` is `<doc>:<seq>`. */
  doc: string;
  seq: number;
  userId: string;
  ts: number;
  size: number;
  /** The Yjs client ids whose items this row created. */
  clientIds: number[];
  /** Flattened triples `clientID, fromClock, toClock`. */
  ranges: number[];
  /** Items deleted by this row. */
  deleted: number;
  update: Uint8Array;
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
