import { AppError } from '../../../shared/errors';
import { richTextToPlain, validateRichText, type RichTextDoc } from '../../../shared/richtext/validate';
import { WALL_BODY_MAX_CHARS, WALL_BODY_MAX_JSON_CHARS } from '../../../shared/wall/limits';
import type { WallAttachment, WallLink } from '../../../shared/wall/types';
import type { ServerContext } from '../../context';
import { loadBlob } from '../blobs/service';
import type { BlobDoc } from '../blobs/model';
import type { SpaceDoc } from '../spaces/model';

/** Rich text checked against the editor's schema; an empty document is stored as no text at all. */
export function cardBody(input: unknown): RichTextDoc | null {
  if (input === null || input === undefined) return null;
  if (JSON.stringify(input).length > WALL_BODY_MAX_JSON_CHARS) throw new AppError('PAYLOAD_TOO_LARGE', 'The text of a card is too long');
  const doc = validateRichText(input);
  const text = richTextToPlain(doc).trim();
  if (text.length > WALL_BODY_MAX_CHARS) throw new AppError('PAYLOAD_TOO_LARGE', 'The text of a card is too long', [{ path: 'body', message: 'too_long' }]);
  return text === '' ? null : doc;
}

/** A link and its domain, read from the URL itself: the server never fetches it. */
export function cardLink(url: string | null | undefined): WallLink | null {
  if (!url) return null;
  const parsed = new URL(url);
  return { url: parsed.href, domain: parsed.hostname.replace(/^www\./, '') };
}

/**
 * The attachment a card may use: a file of this school uploaded for this wall by the same user (`userId`), not
 * yet used by another card (`cardId` is the card being edited, whose own files are of course fine).
 */
export async function cardAttachment(
  ctx: ServerContext,
  userId: string,
  space: Pick<SpaceDoc, '_id' | 'schoolId'>,
  blobId: string,
  cardId: string | null,
): Promise<{ blob: BlobDoc; attachment: WallAttachment }> {
  const blob = await loadBlob(ctx, space.schoolId, blobId);
  const usable = blob && blob.spaceId === space._id && (blob.attachedTo === null ? blob.ownerId === userId : blob.attachedTo === cardId);
  if (!blob || !usable) throw new AppError('VALIDATION', 'This file cannot be attached here', [{ path: 'attachmentId', message: 'unknown file' }]);
  return { blob, attachment: attachmentOf(blob) };
}

/** What a card (and an upload's answer) shows of a stored file. */
export function attachmentOf(blob: BlobDoc): WallAttachment {
  return { blobId: blob._id, kind: blob.kind, name: blob.name, mime: blob.mime, size: blob.size, width: blob.width, height: blob.height, hasThumb: blob.thumbId !== null, ...(blob.source ? { source: blob.source } : {}) };
}

/** A card must show something: a title, text, a link or a file. */
export function assertNotEmpty(content: { title: string; body: RichTextDoc | null; link: WallLink | null; attachment: WallAttachment | null }): void {
  if (!content.title.trim() && !content.body && !content.link && !content.attachment) {
    throw new AppError('VALIDATION', 'A card needs a title, some text, a link or a file', [{ path: 'title', message: 'empty card' }]);
  }
}
