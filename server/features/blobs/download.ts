import type { Response } from 'express';
import type { BlobDoc } from './model';

/** `filename*` per RFC 6266/5987, with an ASCII fallback for old clients. */
function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/["\\;]/g, '') || 'fichier';
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * Sends a stored file with headers that keep it inert whatever it contains: the exact whitelisted type,
 * `nosniff`, a CSP that forbids any script, plugin or frame (and sandboxes the document if it is opened on its
 * own), private caching only, and a Content-Disposition: images inline, PDFs as a download.
 */
export function sendBlob(res: Response, blob: BlobDoc, data: Uint8Array, variant: 'file' | 'thumb', forceDownload = false): void {
  const thumb = variant === 'thumb' && blob.thumbId !== null;
  const mime = thumb ? 'image/webp' : blob.mime;
  const inline = !forceDownload && (thumb || blob.kind === 'image');
  res.status(200);
  res.setHeader('Content-Type', mime);
  res.setHeader('Content-Length', String(data.byteLength));
  res.setHeader('Content-Disposition', contentDisposition(inline ? 'inline' : 'attachment', thumb ? blob.name.replace(/\.[a-z0-9]+$/i, '.webp') : blob.name));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox");
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Cache-Control', 'private, max-age=300');
  res.end(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
}
