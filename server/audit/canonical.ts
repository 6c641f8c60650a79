import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { wellFormed } from '../storage/query/well-formed';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/**
 * Canonical JSON: object keys sorted, no whitespace, undefined members dropped. Two equal values always give
 * the same text, so a hash over it is stable across adapters and restarts.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalise(value));
}

function normalise(value: unknown): Json {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('canonicalJson: non-finite number');
    return value;
  }
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : normalise(item)));
  if (typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const key of Object.keys(value).sort()) {
      const member = (value as Record<string, unknown>)[key];
      if (member !== undefined) out[key] = normalise(member);
    }
    return out;
  }
  throw new Error(`canonicalJson: unsupported ${typeof value}`);
}

/** SHA-256 in hex. */
export function sha256(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

/** HMAC-SHA256 in hex, for the audit key's signatures (`purpose` keeps entry and checkpoint signatures apart). */
export function hmac(key: Uint8Array, purpose: string, text: string): string {
  return createHmac('sha256', key).update(`${purpose}\n${text}`).digest('hex');
}

/** Whether `mac` is the HMAC of `text` under `key`, compared in constant time. */
export function hmacMatches(key: Uint8Array, purpose: string, text: string, mac: unknown): boolean {
  if (typeof mac !== 'string' || !/^[0-9a-f]{64}$/.test(mac)) return false;
  return timingSafeEqual(Buffer.from(hmac(key, purpose, text), 'hex'), Buffer.from(mac, 'hex'));
}

/** A hash of any content (before/after of a change), stable across key order. */
export function contentHash(value: unknown): string {
  return sha256(canonicalJson(value));
}

// Control characters, DEL, and the Unicode line/paragraph separators.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * Makes a string harmless for logs and exports: control characters (CR, LF, ESC, …) become visible
 * `\uXXXX` text, so a forged "new line" can never start a fake entry in a text log or a CSV, the length is
 * bounded, and the result is well formed (an unpaired surrogate, or a pair cut by the bound, becomes U+FFFD:
 * what the stores keep, so what is hashed).
 */
export function harmless(text: string, maxLength = 512): string {
  const escaped = text.replace(CONTROL, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return wellFormed(escaped.length > maxLength ? `${escaped.slice(0, maxLength)}…` : escaped);
}
