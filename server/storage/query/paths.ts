/**
 * Dotted paths, resolved with MongoDB's array semantics. Shared by the matcher, the sorter, the update
 * applier and the embedded adapter's index checks.
 */
import { StorageUsageError } from '../port';
import { compareValues, isPlainObject, type Doc } from './values';

/** Marks "no value here": distinct from null because `$exists` and sorting tell them apart. */
export const MISSING: unique symbol = Symbol('missing');
export type Resolved = unknown;

/** Splits and validates a dotted path. `$` segments would be positional operators, which the port lacks. */
export function splitPath(path: string, what: string): string[] {
  if (typeof path !== 'string' || path === '') throw new StorageUsageError(`${what}: empty path`);
  const segments = path.split('.');
  for (const segment of segments) {
    if (segment === '') throw new StorageUsageError(`${what}: invalid path "${path}"`);
    if (segment.startsWith('$')) throw new StorageUsageError(`${what}: "${path}": positional and $-prefixed paths are not supported`);
    if (segment === '__proto__') throw new StorageUsageError(`${what}: "${path}": __proto__ is reserved`);
  }
  return segments;
}

/** Segments safe in SQL string literals and SQLite JSON paths; the only paths that can be indexed. */
const SIMPLE_SEGMENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Whether a path can be indexed (and expressed in SQL by the embedded adapter). `_id` always can. */
export function isSimplePath(path: string): boolean {
  return path === '_id' || path.split('.').every((segment) => SIMPLE_SEGMENT.test(segment));
}

export function isIndexSegment(segment: string): boolean {
  return /^(0|[1-9][0-9]{0,8})$/.test(segment);
}

/**
 * Every value a path designates, as MongoDB's query engine sees them: an array met on the way is traversed
 * (each object element continues the path; a numeric segment indexes it). A dead end yields MISSING.
 * Arrays found at the end are returned as is: callers decide whether to look inside them.
 */
export function resolvePath(doc: Doc, segments: readonly string[]): Resolved[] {
  if (segments.length === 1) {
    const key = segments[0] as string;
    // Own properties only: `constructor` or `toString` must not be found on Object.prototype.
    return [Object.hasOwn(doc, key) && doc[key] !== undefined ? doc[key] : MISSING];
  }
  const out: Resolved[] = [];
  walk(doc, segments, 0, out);
  return out;
}

function walk(value: unknown, segments: readonly string[], i: number, out: Resolved[]): void {
  if (i === segments.length) {
    out.push(value);
    return;
  }
  const segment = segments[i] as string;
  if (Array.isArray(value)) {
    if (isIndexSegment(segment)) {
      const index = Number(segment);
      if (index < value.length) walk(value[index], segments, i + 1, out);
      else out.push(MISSING);
      return;
    }
    const before = out.length;
    for (const element of value) if (isPlainObject(element)) walk(element, segments, i, out);
    if (out.length === before) out.push(MISSING);
    return;
  }
  if (isPlainObject(value)) {
    const next = Object.hasOwn(value, segment) ? value[segment] : undefined;
    if (next === undefined) out.push(MISSING);
    else walk(next, segments, i + 1, out);
    return;
  }
  out.push(MISSING);
}

/**
 * The value at a path without array traversal, or `{ array: true }` when an array is crossed on the way.
 * Used where a single scalar is required (index keys).
 */
export function getStrict(doc: Doc, segments: readonly string[]): { value: unknown; throughArray: boolean } {
  let current: unknown = doc;
  for (const segment of segments) {
    if (Array.isArray(current)) return { value: undefined, throughArray: true };
    if (!isPlainObject(current)) return { value: undefined, throughArray: false };
    current = Object.hasOwn(current, segment) ? current[segment] : undefined;
  }
  return { value: current, throughArray: false };
}

/**
 * The sort key of a document for one path: MongoDB uses the smallest array element ascending and the largest
 * descending; missing counts as null. The port only promises one scalar type per key, this is a best effort.
 */
export function sortKey(doc: Doc, segments: readonly string[], direction: 1 | -1): unknown {
  let best: unknown = MISSING;
  for (const candidate of resolvePath(doc, segments)) {
    const values = Array.isArray(candidate) ? candidate : [candidate];
    for (const value of values) {
      const v = value === MISSING ? null : value;
      if (best === MISSING || compareValues(v, best) * direction < 0) best = v;
    }
  }
  return best === MISSING ? null : best;
}
