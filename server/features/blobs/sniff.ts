/**
 * File types are decided by their first bytes, never by the name or the Content-Type the browser sent: a
 * renamed script stays refused. Only these types are accepted anywhere in Préau.
 */
export type SniffedType =
  | { kind: 'image'; format: 'jpeg' | 'png' | 'webp' | 'gif'; mime: string; ext: string }
  | { kind: 'pdf'; format: 'pdf'; mime: 'application/pdf'; ext: 'pdf' }
  | { kind: 'audio' | 'video'; format: MediaContainer; mime: string; ext: string };

/** Containers of sound and video (stored as they are: never transcoded). */
export type MediaContainer = 'webm' | 'ogg' | 'mp4';

const startsWith = (data: Uint8Array, bytes: readonly number[], offset = 0): boolean =>
  data.length >= offset + bytes.length && bytes.every((byte, i) => data[offset + i] === byte);
const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

/** The whitelisted type of these bytes, or null. */
export function sniffType(data: Uint8Array): SniffedType | null {
  if (startsWith(data, [0xff, 0xd8, 0xff])) return { kind: 'image', format: 'jpeg', mime: 'image/jpeg', ext: 'jpg' };
  if (startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: 'image', format: 'png', mime: 'image/png', ext: 'png' };
  if (startsWith(data, ascii('RIFF')) && startsWith(data, ascii('WEBP'), 8)) return { kind: 'image', format: 'webp', mime: 'image/webp', ext: 'webp' };
  if (startsWith(data, ascii('GIF87a')) || startsWith(data, ascii('GIF89a'))) return { kind: 'image', format: 'gif', mime: 'image/gif', ext: 'gif' };
  if (startsWith(data, ascii('%PDF-'))) return { kind: 'pdf', format: 'pdf', mime: 'application/pdf', ext: 'pdf' };
  return sniffMedia(data);
}

/** Where `needle` occurs in `data` (from `from`, before `to`), or -1. */
function indexOf(data: Uint8Array, needle: readonly number[], from = 0, to = data.length): number {
  const last = Math.min(to, data.length) - needle.length;
  outer: for (let i = from; i <= last; i++) {
    for (let j = 0; j < needle.length; j++) if (data[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** How far into a WebM or Ogg file its track headers are looked for (they open the file). */
const MEDIA_HEADER_BYTES = 64 * 1024;
const WEBM_VIDEO_CODECS = ['V_VP8', 'V_VP9', 'V_AV1', 'V_MPEG4'];

/**
 * A WebM (EBML whose doctype is `webm`: what MediaRecorder writes), Ogg or MP4/M4A (an ISO `ftyp` box) file, as a
 * sound or a video: a video has a video track (a WebM `V_…` codec, an Ogg Theora header, an MP4 `vide` handler).
 */
function sniffMedia(data: Uint8Array): SniffedType | null {
  if (startsWith(data, [0x1a, 0x45, 0xdf, 0xa3])) {
    if (indexOf(data, ascii('webm'), 4, 64) < 0) return null;
    const video = WEBM_VIDEO_CODECS.some((codec) => indexOf(data, ascii(codec), 0, MEDIA_HEADER_BYTES) >= 0);
    return video ? { kind: 'video', format: 'webm', mime: 'video/webm', ext: 'webm' } : { kind: 'audio', format: 'webm', mime: 'audio/webm', ext: 'webm' };
  }
  if (startsWith(data, ascii('OggS'))) {
    const video = indexOf(data, [0x80, ...ascii('theora')], 0, MEDIA_HEADER_BYTES) >= 0;
    return video ? { kind: 'video', format: 'ogg', mime: 'video/ogg', ext: 'ogv' } : { kind: 'audio', format: 'ogg', mime: 'audio/ogg', ext: 'ogg' };
  }
  if (startsWith(data, ascii('ftyp'), 4)) {
    // The handler box (`hdlr`, then its version and flags and 4 bytes, then the handler type) may sit at the end of the
    // file (moov last).
    let at = indexOf(data, ascii('hdlr'));
    let video = false;
    while (at >= 0 && !video) {
      video = startsWith(data, ascii('vide'), at + 12);
      at = indexOf(data, ascii('hdlr'), at + 4);
    }
    return video ? { kind: 'video', format: 'mp4', mime: 'video/mp4', ext: 'mp4' } : { kind: 'audio', format: 'mp4', mime: 'audio/mp4', ext: 'm4a' };
  }
  return null;
}

/** A file name safe to store and to show: no path, no control characters, bounded, with the right extension. */
export function safeFileName(name: string | undefined, ext: string): string {
  const base = (name ?? '')
    .split(/[\\/]/)
    .pop()!
    .split('')
    .filter((char) => char.charCodeAt(0) >= 0x20 && char.charCodeAt(0) !== 0x7f && !'"<>|:*?'.includes(char))
    .join('')
    .replace(/\.[A-Za-z0-9]{1,5}$/, '')
    .trim()
    .slice(0, 100);
  return `${base || 'fichier'}.${ext}`;
}
