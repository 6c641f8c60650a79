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
 * own; a sound or a video opened on its own may still play), private caching only, and a Content-Disposition:
 * images, sounds and videos inline, PDFs as a download. A `Range` header gets its one range (206).
 */
export function sendBlob(res: Response, blob: BlobDoc, data: Uint8Array, variant: 'file' | 'thumb', forceDownload = false, range?: string): void {
  const thumb = variant === 'thumb' && blob.thumbId !== null;
  const mime = thumb ? 'image/webp' : blob.mime;
  const inline = !forceDownload && (thumb || blob.kind !== 'pdf');
  // Players seek with byte ranges (a sound or a video is read in parts): one range is served, as 206.
  const part = parseRange(range, data.byteLength);
  if (part === 'unsatisfiable') {
    res.status(416);
    res.setHeader('Content-Range', `bytes */${data.byteLength}`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.end();
    return;
  }
  const body = part ? data.subarray(part.start, part.end + 1) : data;
  res.status(part ? 206 : 200);
  if (part) res.setHeader('Content-Range', `bytes ${part.start}-${part.end}/${data.byteLength}`);
  res.setHeader('Accept-Ranges', 'bytes');
  res.setHeader('Content-Type', mime);
  res.setHeader('Content-Length', String(body.byteLength));
  res.setHeader('Content-Disposition', contentDisposition(inline ? 'inline' : 'attachment', thumb ? blob.name.replace(/\.[a-z0-9]+$/i, '.webp') : blob.name));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox");
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Cache-Control', 'private, max-age=300');
  res.end(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
}

/**
 * One `bytes=` range of a `Range` header (RFC 9110 §14.1.2: `a-b`, `a-`, `-n`), clamped to the file; null when
 * there is none or it is not understood (the whole file is then sent), `unsatisfiable` when it starts past the end.
 * Several ranges are answered with the whole file.
 */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | null | 'unsatisfiable' {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (!match || (match[1] === '' && match[2] === '')) return null;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}
