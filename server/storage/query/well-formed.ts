/// <reference lib="es2024.string" />
/**
 * Well-formed strings at the storage port. A JavaScript string may hold an unpaired UTF-16 surrogate (say
 * `"\ud800"` from JSON sent by a client); UTF-8 cannot encode it, so MongoDB's BSON encoder silently stores
 * U+FFFD instead while the embedded store (JSON text) keeps the escape: the two stores would hold different
 * text, and anything hashed before storing (the audit chain) would no longer match what MongoDB returns.
 * Both adapters therefore replace every unpaired surrogate by U+FFFD (`toWellFormed`) in shared code, before
 * either encodes: in documents, update operands, filters and object keys alike. Callers that hash what they
 * store normalise first with the same function, so the hash covers exactly the stored text.
 */

/** The string with each unpaired surrogate replaced by U+FFFD; the same string when it is already well formed. */
export function wellFormed(text: string): string {
  return text.isWellFormed() ? text : text.toWellFormed();
}

/**
 * A deep copy of a value with every string (and object key) well formed; the value itself, not a copy, when
 * nothing needed replacing (the common case costs one scan and no copy). Binary values, numbers and
 * other non-plain values are returned untouched.
 */
export function wellFormedDeep<T>(value: T): T {
  return deep(value) as T;
}

function deep(value: unknown): unknown {
  if (typeof value === 'string') return wellFormed(value);
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return value;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const fixed = deep(item);
      if (fixed !== item) (out ??= value.slice())[i] = fixed;
    }
    return out ?? value;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  const changed = keys.some((key) => wellFormed(key) !== key || deep(record[key]) !== record[key]);
  if (!changed) return value;
  const out: Record<string, unknown> = {};
  // defineProperty: a key such as `__proto__` stays a plain member of the copy.
  for (const key of keys) Object.defineProperty(out, wellFormed(key), { value: deep(record[key]), enumerable: true, writable: true, configurable: true });
  return out;
}
