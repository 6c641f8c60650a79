import type { Profile } from '../../../shared/identity/profiles';
import { STORAGE_QUOTA_BYTES } from '../../../shared/wall/limits';
import type { BaseDoc, Store } from '../../storage/port';

/** One stored file's metadata; its bytes are in the blob port under the same id. */
export interface BlobDoc extends BaseDoc {
  schoolId: string;
  ownerId: string;
  /** A video's `thumbId` is its poster frame, drawn by the browser and checked as any image. */
  kind: 'image' | 'pdf' | 'audio' | 'video';
  mime: string;
  name: string;
  /** Bytes of the stored file, plus its thumbnail's in `thumbSize`. */
  size: number;
  thumbId: string | null;
  thumbSize: number;
  width: number | null;
  height: number | null;
  /** What the file was uploaded for (a wall), and what it is attached to once used (a card). */
  spaceId: string;
  attachedTo: string | null;
  createdAt: number;
  /** `drawing`: a PNG made on a card's drawing canvas (checked as such on upload). */
  source?: 'drawing';
}

/** What one user's files take, kept up to date atomically (a quota check is one read). */
export interface BlobUsageDoc extends BaseDoc {
  bytes: number;
  files: number;
}

export const blobsCollection = (store: Store) => store.collection<BlobDoc>('blobs');
export const blobUsageCollection = (store: Store) => store.collection<BlobUsageDoc>('blob_usage');

/** The quota of a user: the largest of their profiles' (BRIEF rule 12: quotas per profile). */
export function quotaOf(profiles: readonly Profile[]): number {
  return Math.max(0, ...profiles.map((profile) => STORAGE_QUOTA_BYTES[profile] ?? 0));
}

const indexed = new WeakMap<Store, Promise<void>>();
/** Creates the blob indexes once per store. */
export function ensureBlobIndexes(store: Store): Promise<void> {
  let done = indexed.get(store);
  if (!done) {
    done = blobsCollection(store).ensureIndexes([{ fields: { ownerId: 1, createdAt: 1 } }, { fields: { spaceId: 1, attachedTo: 1 } }]);
    indexed.set(store, done);
  }
  return done;
}
