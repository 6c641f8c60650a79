/**
 * The reference update applier (MongoDB semantics for the port's operators). `prepareUpdate` validates an
 * update once (both adapters call it, so both refuse the same updates); `applyUpdate` then runs it on a
 * document in memory, which is how the embedded adapter updates (read-modify-write inside a transaction).
 */
import { newId, StorageUsageError, type Filter, type Update } from '../port';
import { compileFilter, compileValueCondition, isOperatorObject } from './match';
import { isIndexSegment, splitPath } from './paths';
import { cloneValue, compareValues, deepEqual, isBinary, isPlainObject, normalizeValue, type Doc } from './values';
import { wellFormedDeep } from './well-formed';

type Op = keyof Update;
const OPERATORS: readonly Op[] = ['$set', '$unset', '$inc', '$min', '$max', '$push', '$addToSet', '$pull', '$setOnInsert'];
/** Arrays are not padded beyond this many slots by `$set 'a.N'`: a typo must not allocate gigabytes. */
const MAX_PAD_INDEX = 100_000;

interface Step {
  op: Op;
  path: string;
  segments: string[];
  /** Normalised operand; for $push/$addToSet the list of values to add. */
  value: unknown;
  slice?: number;
  /** For $pull: which elements go. */
  pull?: (element: unknown) => boolean;
}

export interface PreparedUpdate {
  readonly steps: readonly Step[];
  /** The update with normalised operands (undefined dropped, Buffers as Uint8Array), for the MongoDB adapter. */
  readonly normalized: Update;
}

/** Validates an update; throws StorageUsageError for anything the port does not support. */
export function prepareUpdate(given: Update): PreparedUpdate {
  if (!isPlainObject(given)) throw new StorageUsageError('update must be a plain object');
  // Paths and operands well formed before anything reads them ($pull's filter goes to MongoDB as written).
  const update = wellFormedDeep(given);
  const keys = Object.keys(update).filter((key) => (update as Record<string, unknown>)[key] !== undefined);
  if (keys.length === 0) throw new StorageUsageError('update has no operator (use replaceOne to replace a document)');
  const steps: Step[] = [];
  const normalized: Record<string, Record<string, unknown>> = {};
  for (const key of keys) {
    if (!(OPERATORS as readonly string[]).includes(key)) {
      throw new StorageUsageError(`update: unsupported operator "${key}"${key.startsWith('$') ? '' : ' (use replaceOne)'}`);
    }
    const op = key as Op;
    const operands = update[op];
    if (!isPlainObject(operands)) throw new StorageUsageError(`update.${op} must be a plain object`);
    const out: Record<string, unknown> = {};
    for (const [path, raw] of Object.entries(operands)) {
      // An undefined operand means "nothing to do", as an undefined member of a document means "absent".
      if (raw === undefined) continue;
      const where = `update.${op}.${path}`;
      const segments = splitPath(path, where);
      if (segments[0] === '_id' && !(op === '$setOnInsert' && segments.length === 1 && typeof raw === 'string' && raw !== '')) {
        throw new StorageUsageError(`${where}: _id is immutable`);
      }
      const step = prepareStep(op, path, segments, raw, where);
      steps.push(step);
      out[path] = op === '$push' || op === '$addToSet' ? normalizedModifier(op, raw, step) : op === '$pull' ? raw : step.value;
    }
    normalized[op] = out;
  }
  assertNoConflicts(steps);
  return { steps, normalized: normalized as Update };
}

function prepareStep(op: Op, path: string, segments: string[], raw: unknown, where: string): Step {
  switch (op) {
    case '$unset':
      return { op, path, segments, value: null };
    case '$inc':
      if (typeof raw !== 'number' || !Number.isFinite(raw)) throw new StorageUsageError(`${where} must be a finite number`);
      return { op, path, segments, value: raw };
    case '$push':
    case '$addToSet': {
      if (isPlainObject(raw) && Object.keys(raw).some((k) => k.startsWith('$'))) {
        const allowed = op === '$push' ? ['$each', '$slice'] : ['$each'];
        const bad = Object.keys(raw).find((k) => !allowed.includes(k));
        if (bad !== undefined || !Array.isArray(raw.$each)) {
          throw new StorageUsageError(`${where}: only { $each: [...]${op === '$push' ? ', $slice: n' : ''} } is supported`);
        }
        const values = raw.$each.map((item, i) => normalizeValue(item, `${where}.$each.${i}`));
        const slice = raw.$slice;
        if (slice !== undefined && (typeof slice !== 'number' || !Number.isInteger(slice))) {
          throw new StorageUsageError(`${where}.$slice must be an integer`);
        }
        return { op, path, segments, value: values, ...(slice !== undefined ? { slice } : {}) };
      }
      return { op, path, segments, value: [normalizeValue(raw, where)] };
    }
    case '$pull': {
      if (isPlainObject(raw)) {
        // A condition: operators apply to each element, field names match object elements as a filter.
        if (isOperatorObject(raw, where)) return { op, path, segments, value: raw, pull: compileValueCondition(raw, where) };
        const matcher = compileFilter(raw as Filter, where);
        return { op, path, segments, value: raw, pull: (e) => isPlainObject(e) && matcher(e) };
      }
      const value = normalizeValue(raw, where);
      return { op, path, segments, value, pull: (e) => deepEqual(e, value) };
    }
    default:
      return { op, path, segments, value: normalizeValue(raw, where) };
  }
}

function normalizedModifier(op: '$push' | '$addToSet', raw: unknown, step: Step): unknown {
  const values = step.value as unknown[];
  if (isPlainObject(raw) && '$each' in raw) return step.slice === undefined ? { $each: values } : { $each: values, $slice: step.slice };
  return values[0];
}

/** MongoDB refuses two operators on the same path or on a path and its prefix; so do we, identically. */
function assertNoConflicts(steps: readonly Step[]): void {
  for (let i = 0; i < steps.length; i++) {
    for (let j = i + 1; j < steps.length; j++) {
      const a = (steps[i] as Step).path;
      const b = (steps[j] as Step).path;
      if (a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`)) {
        throw new StorageUsageError(`update: paths "${a}" and "${b}" conflict`);
      }
    }
  }
}

/** Applies a prepared update to `doc` in place. `isInsert` enables `$setOnInsert`. */
export function applyUpdate(doc: Doc, update: PreparedUpdate, isInsert: boolean): void {
  for (const step of update.steps) {
    const { op, segments, path } = step;
    switch (op) {
      case '$set':
        setPath(doc, segments, cloneValue(step.value as Doc[string]), path);
        break;
      case '$setOnInsert':
        if (isInsert) setPath(doc, segments, cloneValue(step.value as Doc[string]), path);
        break;
      case '$unset':
        unsetPath(doc, segments);
        break;
      case '$inc': {
        const current = getPath(doc, segments);
        if (current !== undefined && typeof current !== 'number') {
          throw new StorageUsageError(`$inc: "${path}" holds a non-numeric value`);
        }
        const next = (current ?? 0) + (step.value as number);
        if (!Number.isFinite(next)) throw new StorageUsageError(`$inc: "${path}" would overflow`);
        setPath(doc, segments, next, path);
        break;
      }
      case '$min':
      case '$max': {
        const current = getPath(doc, segments);
        const c = current === undefined ? 0 : compareValues(step.value, current);
        if (current === undefined || (op === '$min' ? c < 0 : c > 0)) setPath(doc, segments, cloneValue(step.value as Doc[string]), path);
        break;
      }
      case '$push':
      case '$addToSet': {
        const list = arrayAt(doc, segments, path, op, true) as unknown[];
        for (const value of step.value as unknown[]) {
          if (op === '$push' || !list.some((existing) => deepEqual(existing, value))) list.push(cloneValue(value as Doc[string]));
        }
        if (step.slice !== undefined) {
          // A negative $slice keeps the last elements.
          const kept = step.slice >= 0 ? list.slice(0, step.slice) : list.slice(step.slice);
          list.splice(0, list.length, ...kept);
        }
        break;
      }
      case '$pull': {
        const list = arrayAt(doc, segments, path, op, false);
        if (list) {
          const kept = list.filter((element) => !(step.pull as (e: unknown) => boolean)(element));
          if (kept.length !== list.length) list.splice(0, list.length, ...kept);
        }
        break;
      }
    }
  }
}

function arrayAt(doc: Doc, segments: string[], path: string, op: string, create: boolean): unknown[] | undefined {
  const current = getPath(doc, segments);
  if (current === undefined) {
    if (!create) return undefined;
    const list: unknown[] = [];
    setPath(doc, segments, list as Doc[string], path);
    return list;
  }
  if (!Array.isArray(current)) throw new StorageUsageError(`${op}: "${path}" is not an array`);
  return current;
}

type Container = Doc | unknown[];

function childOf(container: Container, segment: string): unknown {
  if (Array.isArray(container)) return isIndexSegment(segment) ? container[Number(segment)] : undefined;
  return Object.hasOwn(container, segment) ? container[segment] : undefined;
}

function isContainer(value: unknown): value is Container {
  return Array.isArray(value) || (isPlainObject(value) && !isBinary(value));
}

/** The value at a path (no array traversal: updates address one location), undefined when absent. */
export function getPath(doc: Doc, segments: readonly string[]): unknown {
  let current: unknown = doc;
  for (const segment of segments) {
    if (!isContainer(current)) return undefined;
    current = childOf(current, segment);
  }
  return current;
}

/** Sets a value, creating intermediate objects; refuses to create a field inside a scalar, as MongoDB does. */
export function setPath(doc: Doc, segments: readonly string[], value: Doc[string], path: string): void {
  let current: Container = doc;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as string;
    const last = i === segments.length - 1;
    if (Array.isArray(current)) {
      if (!isIndexSegment(segment)) throw new StorageUsageError(`cannot use "${segment}" in "${path}" to index an array`);
      const index = Number(segment);
      if (index > MAX_PAD_INDEX) throw new StorageUsageError(`"${path}": array index too large`);
      while (current.length < index) current.push(null);
    }
    if (last) {
      (current as Record<string, unknown>)[segment] = value;
      return;
    }
    let next = childOf(current, segment);
    if (next === undefined || next === null) {
      if (next === null) throw new StorageUsageError(`cannot create field "${segments[i + 1]}" in null at "${path}"`);
      next = {};
      (current as Record<string, unknown>)[segment] = next;
    } else if (!isContainer(next)) {
      throw new StorageUsageError(`cannot create field "${segments[i + 1]}" in a scalar at "${path}"`);
    }
    current = next as Container;
  }
}

/** Removes a field; an array element becomes null (MongoDB keeps positions stable). */
export function unsetPath(doc: Doc, segments: readonly string[]): void {
  const parent = getPath(doc, segments.slice(0, -1));
  const key = segments[segments.length - 1] as string;
  if (Array.isArray(parent)) {
    if (isIndexSegment(key) && Number(key) < parent.length) parent[Number(key)] = null;
  } else if (isContainer(parent) && Object.hasOwn(parent, key)) {
    delete (parent as Doc)[key];
  }
}

/** The document an upsert starts from: the filter's plain equalities (top level and inside `$and`). */
export function upsertSeed(filter: Filter): Doc {
  const seed: Doc = {};
  const visit = (f: Filter): void => {
    for (const [key, value] of Object.entries(f)) {
      if (key === '$and' && Array.isArray(value)) value.forEach((sub) => visit(sub as Filter));
      if (key.startsWith('$') || value === undefined) continue;
      let equal: unknown;
      if (isOperatorObject(value, 'filter')) {
        // MongoDB rewrites a one-element $in to $eq, and so seeds upserts from it too.
        const single = Array.isArray(value.$in) && value.$in.length === 1;
        if (!('$eq' in value) && !single) continue;
        equal = '$eq' in value ? value.$eq : (value.$in as unknown[])[0];
      } else {
        equal = value;
      }
      setPath(seed, splitPath(key, 'filter'), normalizeValue(equal, `filter.${key}`), key);
    }
  };
  visit(wellFormedDeep(filter));
  return seed;
}

/** The `_id` an upsert with this filter would use, if the filter fixes one. */
export function upsertIdFromFilter(filter: Filter): string | undefined {
  const id = upsertSeed(filter)._id;
  return typeof id === 'string' ? id : undefined;
}

/** The document an upsert inserts: seed from the filter, then the update with `$setOnInsert`, then an id. */
export function buildUpsertDoc(filter: Filter, update: PreparedUpdate): Doc {
  const seed = upsertSeed(filter);
  applyUpdate(seed, update, true);
  const id = seed._id;
  if (id !== undefined && (typeof id !== 'string' || id === '')) throw new StorageUsageError('upsert: _id must be a string');
  const { _id: _ignored, ...rest } = seed;
  return { _id: id ?? newId(), ...rest };
}
