/**
 * File types are decided by their first bytes, never by the name or the Content-Type the browser sent: a
 * renamed script stays refused. Only these types are accepted anywhere in Préau.
 */
export type SniffedType =
  | { kind: 'image'; format: 'jpeg' | 'png' | 'webp' | 'gif'; mime: string; ext: string }
  | { kind: 'pdf'; format: 'pdf'; mime: 'application/pdf'; ext: 'pdf' };

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
