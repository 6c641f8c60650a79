import { AppError } from '../../../shared/errors';
import type { Profile } from '../../../shared/identity/profiles';
import { BLOB_ORPHAN_TTL_MS, IMAGE_MAX_BYTES, PDF_MAX_BYTES, WALL_AUDIO_MAX_BYTES, WALL_VIDEO_MAX_BYTES } from '../../../shared/wall/limits';
import { auditedChange } from '../../audit/command';
import type { AuditInput } from '../../audit/log';
import type { ServerContext } from '../../context';
import { newId } from '../../storage/port';
import { blobStore } from './bytes';
import { processImage } from './images';
import { blobsCollection, blobUsageCollection, ensureBlobIndexes, quotaOf, type BlobDoc } from './model';
import { safeFileName, sniffType } from './sniff';

const MB = 1024 * 1024;
const inMb = (bytes: number): string => (bytes / MB).toLocaleString('fr-FR', { maximumFractionDigits: 1 });

/** Who stores a file, and for what. */
export interface BlobOwner {
  schoolId: string;
  userId: string;
  profiles: readonly Profile[];
  spaceId: string;
}

/**
 * Reserves `bytes` of the owner's quota atomically: the counter is increased first and given back when it went
 * over, so two uploads at once cannot both slip under the limit.
 */
async function reserve(ctx: ServerContext, owner: BlobOwner, bytes: number): Promise<{ used: number; quota: number }> {
  const quota = quotaOf(owner.profiles);
  const usage = blobUsageCollection(ctx.store);
  const after = await usage.findOneAndUpdate({ _id: owner.userId }, { $inc: { bytes, files: 1 } }, { upsert: true, returnDocument: 'after' });
  const used = after?.bytes ?? bytes;
  if (used > quota) {
    await usage.updateOne({ _id: owner.userId }, { $inc: { bytes: -bytes, files: -1 } });
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `QUOTA_EXCEEDED: this file (${inMb(bytes)} MB) does not fit in your storage space (${inMb(used - bytes)} MB used of ${inMb(quota)} MB). Delete some of your files first.`,
      [{ path: 'file', message: 'quota_exceeded' }],
    );
  }
  return { used, quota };
}

async function release(ctx: ServerContext, userId: string, bytes: number): Promise<void> {
  await blobUsageCollection(ctx.store).updateOne({ _id: userId }, { $inc: { bytes: -bytes, files: -1 } });
}

/** What a user's files take, and their quota. */
export async function storageUsage(ctx: ServerContext, userId: string, profiles: readonly Profile[]): Promise<{ used: number; quota: number }> {
  const usage = await blobUsageCollection(ctx.store).findOne({ _id: userId });
  return { used: Math.max(0, usage?.bytes ?? 0), quota: quotaOf(profiles) };
}

const KIND_MAX_BYTES: Record<BlobDoc['kind'], number> = { image: IMAGE_MAX_BYTES, pdf: PDF_MAX_BYTES, audio: WALL_AUDIO_MAX_BYTES, video: WALL_VIDEO_MAX_BYTES };

/**
 * Stores an uploaded file: its type is sniffed from its bytes (JPEG, PNG, WebP, GIF images and PDFs only), its
 * size checked against the per-type limit, images re-encoded without any metadata and given a thumbnail, and the
 * result counted against the owner's quota. Returns the metadata, with the owner's usage after it.
 * `event`, when given, is the upload's audit event: it is recorded in one transaction with the file's metadata
 * (the bytes, slow and outside the store, are written before).
 */
export async function blobSaver(
  ctx: ServerContext,
  owner: BlobOwner,
  upload: { data: Uint8Array; filename: string | undefined; source?: 'drawing' },
  event?: (blob: BlobDoc) => AuditInput,
): Promise<{ blob: BlobDoc; used: number; quota: number }> {
  await ensureBlobIndexes(ctx.store);
  const type = sniffType(upload.data);
  if (!type) throw new AppError('VALIDATION', 'Only JPEG, PNG, WebP or GIF images, PDF files, and WebM, Ogg or MP4 sounds and videos are accepted', [{ path: 'file', message: 'type_not_allowed' }]);
  const limit = KIND_MAX_BYTES[type.kind];
  if (upload.data.byteLength > limit) {
    throw new AppError('PAYLOAD_TOO_LARGE', `This file is too large (${inMb(upload.data.byteLength)} MB, at most ${inMb(limit)} MB)`, [{ path: 'file', message: 'too_large' }]);
  }
  if (upload.data.byteLength === 0) throw new AppError('VALIDATION', 'The file is empty', [{ path: 'file', message: 'empty' }]);

  const now = Date.now();
  const id = newId(now);
  let data = upload.data;
  let thumb: Uint8Array | null = null;
  let width: number | null = null;
  let height: number | null = null;
  if (type.kind === 'image') {
    const image = await processImage(upload.data, type);
    data = image.data;
    thumb = image.thumb;
    width = image.width;
    height = image.height;
  }
  const total = data.byteLength + (thumb?.byteLength ?? 0);
  await orphanPurger(ctx, owner.userId, now);
  const { used, quota } = await reserve(ctx, owner, total);
  const bytes = blobStore(ctx);
  const thumbId = thumb ? newId(now) : null;
  const name = safeFileName(upload.filename, type.ext);
  try {
    await bytes.put(id, data, { contentType: type.mime, filename: name });
    if (thumb && thumbId) await bytes.put(thumbId, thumb, { contentType: 'image/webp', filename: `${id}-thumb.webp` });
    const blob = await auditedChange(ctx, async (record) => {
      const stored = await blobsCollection(ctx.store).insertOne({
        _id: id,
        schoolId: owner.schoolId,
        ownerId: owner.userId,
        kind: type.kind,
        mime: type.mime,
        name,
        size: data.byteLength,
        thumbId,
        thumbSize: thumb?.byteLength ?? 0,
        width,
        height,
        spaceId: owner.spaceId,
        attachedTo: null,
        createdAt: now,
        ...(upload.source ? { source: upload.source } : {}),
      });
      if (event) await record(event(stored));
      return stored;
    });
    return { blob, used, quota };
  } catch (error) {
    await release(ctx, owner.userId, total);
    await bytes.delete(id).catch(() => undefined);
    if (thumbId) await bytes.delete(thumbId).catch(() => undefined);
    throw error;
  }
}

/**
 * Gives a video its poster frame (a picture the browser drew from it): checked and re-encoded as any image, kept as
 * the video's thumbnail (served by its `thumb` variant, deleted with it, counted against the owner's quota). Only
 * the uploader, before the video is on a card, and once.
 */
export async function posterSetter(ctx: ServerContext, owner: BlobOwner, video: BlobDoc, upload: { data: Uint8Array }): Promise<BlobDoc> {
  if (video.kind !== 'video' || video.ownerId !== owner.userId || video.attachedTo !== null || video.thumbId !== null) {
    throw new AppError('VALIDATION', 'This video cannot be given a poster', [{ path: 'file', message: 'poster_refused' }]);
  }
  const type = sniffType(upload.data);
  if (type?.kind !== 'image') throw new AppError('VALIDATION', 'A poster must be a JPEG, PNG or WebP image', [{ path: 'file', message: 'type_not_allowed' }]);
  if (upload.data.byteLength > IMAGE_MAX_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', 'This image is too large', [{ path: 'file', message: 'too_large' }]);
  const { thumb } = await processImage(upload.data, type);
  const now = Date.now();
  await reserve(ctx, owner, thumb.byteLength);
  // The reservation counted a file: the poster belongs to its video's.
  await blobUsageCollection(ctx.store).updateOne({ _id: owner.userId }, { $inc: { files: -1 } });
  const thumbId = newId(now);
  const bytes = blobStore(ctx);
  try {
    await bytes.put(thumbId, thumb, { contentType: 'image/webp', filename: `${video._id}-poster.webp` });
    const after = await blobsCollection(ctx.store).findOneAndUpdate({ _id: video._id, thumbId: null, attachedTo: null }, { $set: { thumbId, thumbSize: thumb.byteLength } }, { returnDocument: 'after' });
    if (!after) throw new AppError('CONFLICT', 'This video changed meanwhile');
    return after;
  } catch (error) {
    await blobUsageCollection(ctx.store).updateOne({ _id: owner.userId }, { $inc: { bytes: -thumb.byteLength } });
    await bytes.delete(thumbId).catch(() => undefined);
    throw error;
  }
}

/** Deletes the owner's files that were uploaded long ago and never attached (abandoned forms), freeing their quota. */
async function orphanPurger(ctx: ServerContext, ownerId: string, now: number): Promise<void> {
  const orphans = await blobsCollection(ctx.store).find({ ownerId, attachedTo: null, createdAt: { $lt: now - BLOB_ORPHAN_TTL_MS } }, { limit: 50 });
  for (const orphan of orphans) await blobDeleter(ctx, orphan._id);
}

/** A blob of a school, or null. */
export function loadBlob(ctx: ServerContext, schoolId: string, blobId: string): Promise<BlobDoc | null> {
  return blobsCollection(ctx.store).findOne({ _id: blobId, schoolId });
}

/** Marks a blob as used by something (a card), so it is served to those who can see that thing. */
export async function blobAttacher(ctx: ServerContext, blob: BlobDoc, attachedTo: string): Promise<void> {
  await blobsCollection(ctx.store).updateOne({ _id: blob._id }, { $set: { attachedTo } });
}

/** Deletes a blob, its thumbnail and their bytes, and gives the space back to its owner's quota. */
export async function blobDeleter(ctx: ServerContext, blobId: string): Promise<void> {
  const blob = await blobsCollection(ctx.store).findOne({ _id: blobId });
  if (!blob) return;
  const removed = await blobsCollection(ctx.store).deleteOne({ _id: blob._id });
  if (removed === 0) return; // someone else deleted it first
  const bytes = blobStore(ctx);
  await bytes.delete(blob._id);
  if (blob.thumbId) await bytes.delete(blob.thumbId);
  await release(ctx, blob.ownerId, blob.size + blob.thumbSize);
}

/** The bytes of a blob (or of its thumbnail). */
export async function blobReader(ctx: ServerContext, blob: BlobDoc, variant: 'file' | 'thumb'): Promise<Uint8Array | null> {
  const id = variant === 'thumb' ? (blob.thumbId ?? blob._id) : blob._id;
  return blobStore(ctx).get(id);
}
