import sharp from 'sharp';
import { AppError } from '../../../shared/errors';
import { IMAGE_MAX_INPUT_PIXELS, IMAGE_MAX_SIDE, THUMB_MAX_SIDE } from '../../../shared/wall/limits';
import type { SniffedType } from './sniff';

export interface ProcessedImage {
  data: Uint8Array;
  thumb: Uint8Array;
  width: number;
  height: number;
  mime: string;
}

// Decoding untrusted images: one at a time per core is plenty for a school, and keeps memory bounded.
sharp.concurrency(1);

const toBytes = (buffer: Buffer): Uint8Array => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);

/**
 * Re-encodes an uploaded image so that nothing of the original file but its pixels is kept: EXIF (GPS position,
 * camera, date), XMP, IPTC and comments are dropped (sharp keeps no metadata unless asked), the EXIF orientation
 * is applied to the pixels first (`rotate()`), the size is bounded, and a small thumbnail is made. The decoded
 * format must match the sniffed one, and decompression bombs are refused before decoding.
 */
export async function processImage(data: Uint8Array, type: Extract<SniffedType, { kind: 'image' }>): Promise<ProcessedImage> {
  const animated = type.format === 'gif' || type.format === 'webp';
  let meta: Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>;
  try {
    meta = await sharp(data, { limitInputPixels: IMAGE_MAX_INPUT_PIXELS, failOn: 'error' }).metadata();
  } catch {
    throw new AppError('VALIDATION', 'This image cannot be read');
  }
  if (meta.format !== type.format && !(type.format === 'jpeg' && meta.format === 'jpeg')) {
    throw new AppError('VALIDATION', 'The image does not match its type');
  }
  const multiFrame = animated && (meta.pages ?? 1) > 1;
  try {
    let pipeline = sharp(data, { limitInputPixels: IMAGE_MAX_INPUT_PIXELS, failOn: 'error', animated: multiFrame });
    // Animated images carry no EXIF orientation; rotate() is for photos.
    if (!multiFrame) pipeline = pipeline.rotate();
    pipeline = pipeline.resize({ width: IMAGE_MAX_SIDE, height: IMAGE_MAX_SIDE, fit: 'inside', withoutEnlargement: true });
    switch (type.format) {
      case 'jpeg':
        pipeline = pipeline.jpeg({ quality: 85, mozjpeg: true });
        break;
      case 'png':
        pipeline = pipeline.png({ compressionLevel: 9 });
        break;
      case 'webp':
        pipeline = pipeline.webp({ quality: 85 });
        break;
      case 'gif':
        pipeline = pipeline.gif();
        break;
    }
    const { data: out, info } = await pipeline.toBuffer({ resolveWithObject: true });
    const thumb = await sharp(out, { failOn: 'error' })
      .resize({ width: THUMB_MAX_SIDE, height: THUMB_MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 75 })
      .toBuffer();
    return { data: toBytes(out), thumb: toBytes(thumb), width: info.width, height: multiFrame ? (info.pageHeight ?? info.height) : info.height, mime: type.mime };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('VALIDATION', 'This image cannot be processed');
  }
}
