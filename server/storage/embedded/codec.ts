/**
 * Documents are stored as JSON text so SQLite's json_extract can index and filter them. JSON has no binary
 * type, so a Uint8Array is written as `{"$bin":"<base64>"}`: unambiguous because stored keys may not start
 * with `$` (the value model refuses them), and revived on read as a plain Uint8Array.
 */
import { isBinary, isPlainObject, type Doc } from '../query/values';

const BIN_KEY = '$bin';

function containsBinary(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (isBinary(value)) return true;
  if (Array.isArray(value)) return value.some(containsBinary);
  for (const key in value) if (containsBinary((value as Doc)[key])) return true;
  return false;
}

function binaryReplacer(this: unknown, key: string, value: unknown): unknown {
  // JSON.stringify hands the replacer the original member, so a Uint8Array is seen before serialisation.
  const original = (this as Record<string, unknown>)[key];
  if (isBinary(original)) return { [BIN_KEY]: Buffer.from(original.buffer, original.byteOffset, original.byteLength).toString('base64') };
  return value;
}

/** Serialises an already validated document. The replacer only runs for documents holding binary. */
export function encodeDoc(doc: Doc): string {
  return containsBinary(doc) ? JSON.stringify(doc, binaryReplacer) : JSON.stringify(doc);
}

function base64ToBytes(text: string): Uint8Array {
  const buffer = Buffer.from(text, 'base64');
  // Small Buffers are slices of a shared pool: copy those so the result owns exactly its bytes.
  return buffer.byteOffset === 0 && buffer.buffer.byteLength === buffer.byteLength
    ? new Uint8Array(buffer.buffer, 0, buffer.byteLength)
    : new Uint8Array(buffer);
}

function revive(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = revive(value[i]);
    return value;
  }
  const record = value as Record<string, unknown>;
  const bin = record[BIN_KEY];
  if (typeof bin === 'string' && isPlainObject(record) && Object.keys(record).length === 1) return base64ToBytes(bin);
  for (const key in record) record[key] = revive(record[key]);
  return record;
}

/** Parses a stored document; the binary walk only happens when the text holds the tag at all. */
export function decodeDoc(text: string): Doc {
  const parsed = JSON.parse(text) as Doc;
  return text.includes(`"${BIN_KEY}"`) ? (revive(parsed) as Doc) : parsed;
}
