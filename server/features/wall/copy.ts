import { AppError } from '../../../shared/errors';
import type { Profile } from '../../../shared/identity/profiles';
import type { WallTemplateExample } from '../../../shared/wall/templates';
import type { WallAuthorRole } from '../../../shared/wall/types';
import type { ServerContext } from '../../context';
import { newId } from '../../storage/port';
import { blobStore } from '../blobs/bytes';
import { blobsCollection, blobUsageCollection, quotaOf, type BlobDoc } from '../blobs/model';
import type { SpaceDoc } from '../spaces/model';
import { cardsCollection, countersCollection, ensureWallIndexes, freshCard, type CardDoc } from './model';

/**
 * A copy of a space's content prepared outside any transaction (file bytes are slow and outside the store), then
 * written inside the duplication's audited change, or discarded when that change fails.
 */
export interface ContentCopy {
  items: number;
  files: number;
  write(target: SpaceDoc): Promise<void>;
  discard(): Promise<void>;
}

/** Who copies: their files' copies are counted against their quota. */
export interface Copier {
  userId: string;
  profiles: readonly Profile[];
}

const quotaExceeded = (): AppError =>
  new AppError('PAYLOAD_TOO_LARGE', 'QUOTA_EXCEEDED: the files of this wall do not fit in your storage space: duplicate it without its content, or delete some of your files first', [{ path: 'content', message: 'quota_exceeded' }]);

/** Whether a card is a teacher's own (staff), as opposed to a pupil's or a parent's contribution. */
const byStaff = (card: CardDoc): boolean => card.authorRole === 'teacher' || card.authorRole === 'staff';

/**
 * Prepares the copy of a wall's cards: only published, never deleted ones (hidden and pending cards stay behind),
 * with their published content only (a change waiting for review is not copied), their authors kept, and neither
 * comments nor reactions (a fresh wall for a new audience starts its own conversation). `pupilsContent` false
 * keeps only the teachers' cards. Each attached file is copied as a new blob, so deleting one wall never breaks
 * the other; the copies are counted against the copier's quota (refused with PAYLOAD_TOO_LARGE when they do not
 * fit, before anything is written).
 */
export async function wallContentCopier(ctx: ServerContext, source: SpaceDoc, copier: Copier, pupilsContent: boolean): Promise<ContentCopy> {
  await ensureWallIndexes(ctx.store);
  const all = await cardsCollection(ctx.store).find({ spaceId: source._id, deletedAt: null }, { sort: { seq: 1 } });
  const cards = all.filter((card) => card.status === 'published' && !card.hiddenBy && (pupilsContent || byStaff(card)));
  const blobs = new Map<string, BlobDoc>();
  for (const card of cards) {
    const blobId = card.attachment?.blobId;
    const blob = blobId ? await blobsCollection(ctx.store).findOne({ _id: blobId, schoolId: source.schoolId }) : null;
    if (blob) blobs.set(blob._id, blob);
  }
  const bytesNeeded = [...blobs.values()].reduce((sum, blob) => sum + blob.size + blob.thumbSize, 0);
  if (bytesNeeded > 0) {
    const usage = await blobUsageCollection(ctx.store).findOne({ _id: copier.userId });
    if ((usage?.bytes ?? 0) + bytesNeeded > quotaOf(copier.profiles)) {
      throw quotaExceeded();
    }
  }
  const bytes = blobStore(ctx);
  const written: string[] = [];
  const copies = new Map<string, BlobDoc>();
  const discard = async (): Promise<void> => {
    for (const id of written) await bytes.delete(id).catch(() => undefined);
  };
  try {
    for (const blob of blobs.values()) {
      const data = await bytes.get(blob._id);
      if (!data) continue; // its bytes are gone: the card is copied without its file
      const id = newId();
      await bytes.put(id, data, { contentType: blob.mime, filename: blob.name });
      written.push(id);
      let thumbId: string | null = null;
      const thumb = blob.thumbId ? await bytes.get(blob.thumbId) : null;
      if (thumb) {
        thumbId = newId();
        await bytes.put(thumbId, thumb, { contentType: 'image/webp', filename: `${id}-thumb.webp` });
        written.push(thumbId);
      }
      copies.set(blob._id, { ...blob, _id: id, thumbId, thumbSize: thumb ? blob.thumbSize : 0, ownerId: copier.userId, createdAt: Date.now() });
    }
  } catch (error) {
    await discard();
    throw error;
  }
  return {
    items: cards.length,
    files: copies.size,
    discard,
    async write(target) {
      const now = Date.now();
      let seq = 0;
      let fileBytes = 0;
      for (const card of cards) {
        seq += 1;
        const { _id, revisions: _revisions, pendingChange: _pending, hiddenBy: _hidden, ...kept } = card;
        const file = card.attachment ? copies.get(card.attachment.blobId) : undefined;
        const copy: CardDoc = {
          ...kept,
          _id: newId(),
          spaceId: target._id,
          schoolId: target.schoolId,
          attachment: file && card.attachment ? { ...card.attachment, blobId: file._id } : null,
          reactions: [],
          commentCount: 0,
          version: 1,
          seq,
          updatedAt: now,
        };
        if (!copy.attachment && !copy.title.trim() && !copy.body && !copy.link) copy.title = card.attachment?.name ?? '…';
        await cardsCollection(ctx.store).insertOne(copy);
        if (file) {
          await blobsCollection(ctx.store).insertOne({ ...file, spaceId: target._id, attachedTo: copy._id });
          fileBytes += file.size + file.thumbSize;
        }
      }
      if (seq > 0) await countersCollection(ctx.store).updateOne({ _id: target._id }, { $set: { seq } }, { upsert: true });
      // Checked again in the transaction: an upload may have taken the room since the copy was prepared.
      if (fileBytes > 0 && ((await blobUsageCollection(ctx.store).findOne({ _id: copier.userId }))?.bytes ?? 0) + fileBytes > quotaOf(copier.profiles)) throw quotaExceeded();
      if (fileBytes > 0) await blobUsageCollection(ctx.store).updateOne({ _id: copier.userId }, { $inc: { bytes: fileBytes, files: copies.size } }, { upsert: true });
    },
  };
}

/**
 * Writes the example cards of a template, authored by the teacher creating the wall, inside its creation's change
 * (call `ensureWallIndexes` before that change: indexes are never made inside a transaction).
 */
export async function exampleCardsWriter(ctx: ServerContext, wall: SpaceDoc, author: { userId: string; name: string; role: WallAuthorRole }, examples: readonly WallTemplateExample[]): Promise<number> {
  const now = Date.now();
  let seq = 0;
  for (const example of examples) {
    seq += 1;
    await cardsCollection(ctx.store).insertOne({
      _id: newId(),
      schoolId: wall.schoolId,
      spaceId: wall._id,
      authorId: author.userId,
      authorName: author.name,
      authorRole: author.role,
      title: example.title,
      body: null,
      link: null,
      attachment: null,
      color: example.color,
      position: { x: 40 + ((seq - 1) % 6) * 280, y: 40 + Math.floor((seq - 1) / 6) * 240 },
      sectionId: example.sectionId,
      order: now + seq,
      status: 'published',
      approvedBy: null,
      publishedAt: now,
      ...freshCard(seq, now),
    });
  }
  if (seq > 0) await countersCollection(ctx.store).updateOne({ _id: wall._id }, { $set: { seq } }, { upsert: true });
  return seq;
}
