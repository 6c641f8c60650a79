/**
 * The port's value model, shared by both adapters: validation/normalisation on write, deep equality, and the
 * cross-type ordering MongoDB uses (so `$min`, `$max`, ranges and fallback sorts agree on both adapters).
 */
import { StorageUsageError, type StoredValue } from '../port';
import { wellFormed } from './well-formed';

/** A stored document as the query layer sees it (values already validated). */
export type Doc = { [key: string]: StoredValue | undefined };

export function isPlainObject(value: unknown): value is Doc {
  if (value === null || typeof value !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Buffer is a Uint8Array subclass and is accepted on write; other typed arrays are not. */
export function isBinary(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array;
}

/** A plain `Uint8Array` view of the same bytes (Buffer → Uint8Array without copying). */
export function plainBinary(value: Uint8Array): Uint8Array {
  return Object.getPrototypeOf(value) === Uint8Array.prototype
    ? value
    : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}

/** Why a key cannot be stored, or undefined when it can. `$` and `.` would be read as operators/paths. */
export function badKeyReason(key: string): string | undefined {
  if (key === '') return 'empty keys are not supported';
  if (key.startsWith('$')) return 'keys cannot start with "$"';
  if (key.includes('.')) return 'keys cannot contain "."';
  if (key.includes('\0')) return 'keys cannot contain NUL';
  // Assigning `__proto__` would replace an object's prototype instead of storing a field.
  if (key === '__proto__') return '__proto__ is reserved';
  return undefined;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'object';
  return typeof value === 'number' ? String(value) : typeof value;
}

/**
 * Validates a value against the port's value model and returns a normalised copy: `undefined` object
 * members are dropped (as JSON and the Mongo driver with ignoreUndefined do), Buffers become plain
 * Uint8Array views, strings and keys are well formed (unpaired surrogates become U+FFFD). Throws StorageUsageError with the offending path.
 */
export function normalizeValue(value: unknown, path: string): StoredValue {
  switch (typeof value) {
    case 'string':
      // MongoDB cannot store an unpaired surrogate: both adapters store U+FFFD (well-formed.ts).
      return wellFormed(value);
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw new StorageUsageError(`${path}: ${value} is not a storable number`);
      return value;
    case 'object': {
      if (value === null) return null;
      if (isBinary(value)) return plainBinary(value);
      if (Array.isArray(value)) {
        return value.map((item, i) => {
          if (item === undefined) throw new StorageUsageError(`${path}.${i}: undefined is not storable in an array`);
          return normalizeValue(item, `${path}.${i}`);
        });
      }
      if (!isPlainObject(value)) {
        throw new StorageUsageError(`${path}: ${describe(value)} is not storable (timestamps are numbers)`);
      }
      const out: Doc = {};
      for (const [key, item] of Object.entries(value)) {
        const reason = badKeyReason(key);
        if (reason) throw new StorageUsageError(`${path}: key "${key}": ${reason}`);
        if (item !== undefined) out[wellFormed(key)] = normalizeValue(item, `${path}.${key}`);
      }
      return out;
    }
    default:
      throw new StorageUsageError(`${path}: ${describe(value)} is not storable`);
  }
}

/** Validates and normalises a whole document; `_id` must be a non-empty string when present. */
export function normalizeDoc(doc: unknown, what = 'document'): Doc {
  if (!isPlainObject(doc)) throw new StorageUsageError(`${what} must be a plain object`);
  const id = doc._id;
  if (id !== undefined && (typeof id !== 'string' || id === '')) {
    throw new StorageUsageError(`${what}: _id must be a non-empty string`);
  }
  return normalizeValue(doc, what) as Doc;
}

/** Collection names double as SQLite table and MongoDB collection names: keep them to a safe alphabet. */
export function assertCollectionName(name: string): void {
  if (!/^[A-Za-z][A-Za-z0-9_]{0,62}$/.test(name)) {
    throw new StorageUsageError(`invalid collection name "${name}" (letters, digits, "_"; starts with a letter)`);
  }
}

/** Deep equality as MongoDB's BSON comparison sees it: object key order matters, 1 equals 1.0. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (isBinary(a) || isBinary(b)) {
    if (!isBinary(a) || !isBinary(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => deepEqual(item, b[i]));
  }
  const ka = Object.keys(a).filter((k) => (a as Doc)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Doc)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((key, i) => key === kb[i] && deepEqual((a as Doc)[key], (b as Doc)[key]));
}

/**
 * MongoDB's canonical type order: null/missing < numbers < strings < objects < arrays < binary < booleans.
 * Range operators only compare values of the same rank ("type bracketing").
 */
export function typeRank(value: unknown): number {
  if (value === null || value === undefined) return 1;
  if (typeof value === 'number') return 2;
  if (typeof value === 'string') return 3;
  if (isBinary(value)) return 6;
  if (Array.isArray(value)) return 5;
  if (typeof value === 'boolean') return 8;
  return 4;
}

/** Compares strings by code point, which is UTF-8 byte order: what MongoDB and SQLite's BINARY collation use. */
export function compareStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca === cb) continue;
    const sa = ca >= 0xd800 && ca <= 0xdfff;
    const sb = cb >= 0xd800 && cb <= 0xdfff;
    // A surrogate encodes a code point above U+FFFF, so it sorts after any BMP character.
    if (sa !== sb) return sa ? 1 : -1;
    return ca < cb ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** Total order over stored values, following MongoDB's BSON comparison rules. */
export function compareValues(a: unknown, b: unknown): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  switch (ra) {
    case 1:
      return 0;
    case 2:
      return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
    case 3:
      return compareStrings(a as string, b as string);
    case 8:
      return a === b ? 0 : a ? 1 : -1;
    case 6: {
      const x = a as Uint8Array;
      const y = b as Uint8Array;
      // MongoDB orders BinData by length first, then bytes.
      if (x.length !== y.length) return x.length < y.length ? -1 : 1;
      for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return (x[i] as number) < (y[i] as number) ? -1 : 1;
      return 0;
    }
    case 5: {
      const x = a as unknown[];
      const y = b as unknown[];
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const c = compareValues(x[i], y[i]);
        if (c !== 0) return c;
      }
      return x.length === y.length ? 0 : x.length < y.length ? -1 : 1;
    }
    default: {
      // Objects compare member by member: value type, then key, then value; a prefix sorts first.
      const x = Object.entries(a as Doc).filter(([, v]) => v !== undefined);
      const y = Object.entries(b as Doc).filter(([, v]) => v !== undefined);
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const [kx, vx] = x[i] as [string, unknown];
        const [ky, vy] = y[i] as [string, unknown];
        const byType = typeRank(vx) - typeRank(vy);
        if (byType !== 0) return byType < 0 ? -1 : 1;
        const byKey = compareStrings(kx, ky);
        if (byKey !== 0) return byKey;
        const byValue = compareValues(vx, vy);
        if (byValue !== 0) return byValue;
      }
      return x.length === y.length ? 0 : x.length < y.length ? -1 : 1;
    }
  }
}

/** Deep copy of a stored value (binary copied too, so a caller cannot alias stored bytes). */
export function cloneValue<V extends StoredValue | undefined>(value: V): V {
  if (value === null || typeof value !== 'object') return value;
  if (isBinary(value)) return new Uint8Array(value) as V;
  if (Array.isArray(value)) return value.map((item) => cloneValue(item)) as V;
  const out: Doc = {};
  for (const [key, item] of Object.entries(value)) if (item !== undefined) out[key] = cloneValue(item);
  return out as V;
}
