/**
 * The reference filter matcher: MongoDB query semantics for the subset the port documents. The embedded
 * adapter relies on it for correctness (SQL only narrows candidates); the MongoDB adapter runs
 * `compileFilter` purely to reject the same filters the embedded adapter would.
 */
import { StorageUsageError, type Filter, type FindOptions, type SortSpec } from '../port';
import { MISSING, resolvePath, sortKey, splitPath, type Resolved } from './paths';
import { compareValues, deepEqual, isPlainObject, normalizeValue, typeRank, type Doc } from './values';

export type Matcher = (doc: Doc) => boolean;
/** A condition on the values a path resolves to. */
type ValuesPredicate = (values: Resolved[]) => boolean;

const FIELD_OPERATORS = new Set([
  '$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$exists', '$regex', '$options', '$elemMatch', '$size',
]);
const LOGICAL_OPERATORS = new Set(['$and', '$or', '$nor']);

/** True for `{ $op: ... }` objects; mixing operators and plain keys is ambiguous in MongoDB, so it is refused. */
export function isOperatorObject(value: unknown, where: string): value is Record<string, unknown> {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  const dollar = keys.filter((key) => key.startsWith('$')).length;
  if (dollar > 0 && dollar < keys.length) {
    throw new StorageUsageError(`${where}: cannot mix operators and field names in one object`);
  }
  return keys.length > 0 && dollar === keys.length;
}

/** Compiles a filter (validating it) into a predicate. */
export function compileFilter(filter: Filter, where = 'filter'): Matcher {
  if (!isPlainObject(filter)) throw new StorageUsageError(`${where} must be a plain object`);
  const parts: Matcher[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined) {
      // The Mongo driver would send `undefined` as null and match missing fields: almost always a bug.
      throw new StorageUsageError(`${where}.${key} is undefined`);
    }
    if (LOGICAL_OPERATORS.has(key)) {
      if (!Array.isArray(value) || value.length === 0) {
        throw new StorageUsageError(`${where}.${key} must be a non-empty array of filters`);
      }
      const subs = value.map((sub, i) => compileFilter(sub as Filter, `${where}.${key}.${i}`));
      if (key === '$and') parts.push((doc) => subs.every((m) => m(doc)));
      else if (key === '$or') parts.push((doc) => subs.some((m) => m(doc)));
      else parts.push((doc) => !subs.some((m) => m(doc)));
      continue;
    }
    if (key.startsWith('$')) throw new StorageUsageError(`${where}: unsupported operator ${key}`);
    const segments = splitPath(key, where);
    const predicate = compileCondition(value, `${where}.${key}`);
    parts.push((doc) => predicate(resolvePath(doc, segments)));
  }
  if (parts.length === 0) return () => true;
  if (parts.length === 1) return parts[0] as Matcher;
  return (doc) => parts.every((m) => m(doc));
}

/** A value or an operator object, applied to a path's resolved values. */
function compileCondition(condition: unknown, where: string): ValuesPredicate {
  if (!isOperatorObject(condition, where)) return equals(normalizeValue(condition, where));
  const ops = condition;
  if ('$options' in ops && !('$regex' in ops)) throw new StorageUsageError(`${where}: $options requires $regex`);
  const predicates: ValuesPredicate[] = [];
  for (const [op, operand] of Object.entries(ops)) {
    if (!FIELD_OPERATORS.has(op)) throw new StorageUsageError(`${where}: unsupported operator ${op}`);
    if (operand === undefined) throw new StorageUsageError(`${where}.${op} is undefined`);
    const at = `${where}.${op}`;
    switch (op) {
      case '$eq':
        predicates.push(equals(normalizeValue(operand, at)));
        break;
      case '$ne': {
        const eq = equals(normalizeValue(operand, at));
        predicates.push((values) => !eq(values));
        break;
      }
      case '$in':
      case '$nin': {
        if (!Array.isArray(operand)) throw new StorageUsageError(`${at} must be an array`);
        const eqs = operand.map((item, i) => equals(normalizeValue(item, `${at}.${i}`)));
        const any: ValuesPredicate = (values) => eqs.some((eq) => eq(values));
        predicates.push(op === '$in' ? any : (values) => !any(values));
        break;
      }
      case '$gt':
      case '$gte':
      case '$lt':
      case '$lte':
        predicates.push(range(op, normalizeValue(operand, at)));
        break;
      case '$exists': {
        if (typeof operand !== 'boolean') throw new StorageUsageError(`${at} must be a boolean`);
        predicates.push((values) => values.some((v) => v !== MISSING) === operand);
        break;
      }
      case '$regex': {
        const regex = compileRegex(operand, ops.$options, at);
        const test = (v: unknown): boolean => typeof v === 'string' && regex.test(v);
        predicates.push((values) => values.some((v) => test(v) || (Array.isArray(v) && v.some(test))));
        break;
      }
      case '$options':
        break; // consumed by $regex
      case '$size': {
        if (typeof operand !== 'number' || !Number.isInteger(operand) || operand < 0) {
          throw new StorageUsageError(`${at} must be a non-negative integer`);
        }
        predicates.push((values) => values.some((v) => Array.isArray(v) && v.length === operand));
        break;
      }
      case '$elemMatch': {
        const element = compileElementMatch(operand, at);
        predicates.push((values) => values.some((v) => Array.isArray(v) && v.some(element)));
        break;
      }
    }
  }
  return (values) => predicates.every((p) => p(values));
}

/** Equality with MongoDB semantics: an array matches when it equals the value or contains it; null matches missing. */
function equals(expected: unknown): ValuesPredicate {
  if (expected === null) {
    return (values) => values.some((v) => v === MISSING || v === null || (Array.isArray(v) && v.includes(null)));
  }
  if (typeof expected !== 'object') {
    // Fast path for scalars: strict equality is deep equality.
    return (values) => values.some((v) => v === expected || (Array.isArray(v) && v.includes(expected)));
  }
  return (values) =>
    values.some((v) => v !== MISSING && (deepEqual(v, expected) || (Array.isArray(v) && v.some((e) => deepEqual(e, expected)))));
}

/** Range operators compare only values of the same canonical type ("type bracketing"). */
function range(op: '$gt' | '$gte' | '$lt' | '$lte', bound: unknown): ValuesPredicate {
  const rank = typeRank(bound);
  const accept = (c: number): boolean => (op === '$gt' ? c > 0 : op === '$gte' ? c >= 0 : op === '$lt' ? c < 0 : c <= 0);
  const test = (v: unknown): boolean => typeRank(v) === rank && accept(compareValues(v, bound));
  const inclusiveNull = bound === null && (op === '$gte' || op === '$lte');
  return (values) =>
    values.some((v) => (v === MISSING ? inclusiveNull : test(v) || (Array.isArray(v) && v.some(test))));
}

/** Only flags both MongoDB (PCRE) and JavaScript understand the same way. */
function compileRegex(source: unknown, options: unknown, where: string): RegExp {
  if (typeof source !== 'string') throw new StorageUsageError(`${where} must be a string`);
  if (options !== undefined && (typeof options !== 'string' || !/^[ims]*$/.test(options))) {
    throw new StorageUsageError(`${where}: $options may only contain i, m and s`);
  }
  try {
    return new RegExp(source, options ?? '');
  } catch (error) {
    throw new StorageUsageError(`${where}: invalid regular expression (${(error as Error).message})`);
  }
}

/**
 * `$elemMatch` either holds operators applied to each element (`{ $gte: 1, $lt: 5 }`) or a filter applied to
 * each element as a document (`{ score: { $gt: 5 }, kind: 'quiz' }`).
 */
function compileElementMatch(spec: unknown, where: string): (element: unknown) => boolean {
  if (!isPlainObject(spec)) throw new StorageUsageError(`${where} must be an object`);
  const keys = Object.keys(spec);
  if (keys.length > 0 && keys.every((key) => FIELD_OPERATORS.has(key))) {
    const predicate = compileCondition(spec, where);
    return (element) => predicate([element]);
  }
  const matcher = compileFilter(spec as Filter, where);
  return (element) => isPlainObject(element) && matcher(element);
}

/** Compiles a filter used on single values (e.g. `$pull` conditions on scalar arrays). */
export function compileValueCondition(condition: Record<string, unknown>, where: string): (value: unknown) => boolean {
  const predicate = compileCondition(condition, where);
  return (value) => predicate([value]);
}

/** Validates a sort specification and returns its paths. */
export function parseSort(sort: SortSpec | undefined): Array<{ path: string; segments: string[]; direction: 1 | -1 }> {
  if (sort === undefined) return [];
  if (!isPlainObject(sort)) throw new StorageUsageError('sort must be a plain object');
  return Object.entries(sort).map(([path, direction]) => {
    if (direction !== 1 && direction !== -1) throw new StorageUsageError(`sort.${path} must be 1 or -1`);
    return { path, segments: splitPath(path, 'sort'), direction };
  });
}

/** A comparator implementing the port's sort rules (missing first ascending). */
export function compileSort(sort: SortSpec | undefined): ((a: Doc, b: Doc) => number) | undefined {
  const keys = parseSort(sort);
  if (keys.length === 0) return undefined;
  return (a, b) => {
    for (const { segments, direction } of keys) {
      const c = compareValues(sortKey(a, segments, direction), sortKey(b, segments, direction));
      if (c !== 0) return c * direction;
    }
    return 0;
  };
}

/** Validates skip/limit. As in MongoDB, limit 0 means "no limit". */
export function pagination(options: FindOptions | undefined): { skip: number; limit: number } {
  const skip = options?.skip ?? 0;
  const limit = options?.limit ?? 0;
  if (!Number.isInteger(skip) || skip < 0) throw new StorageUsageError('skip must be a non-negative integer');
  if (!Number.isInteger(limit) || limit < 0) throw new StorageUsageError('limit must be a non-negative integer');
  return { skip, limit };
}
