/**
 * Filter → SQL translation for the embedded adapter. The JS matcher is the reference; SQL only has to select
 * a superset of the matching rows (so indexes can narrow the scan). A translation is "exact" when it selects
 * precisely the matching rows, which lets the adapter push LIMIT/OFFSET/COUNT into SQLite.
 *
 * Why the care: json_extract returns SQL values whose comparison rules differ from MongoDB's. Booleans come
 * back as 1/0, arrays and objects as JSON text, and SQLite orders NULL < numbers < text. So each condition
 * carries json_type guards where a MongoDB type bracket must hold, and paths that may hold arrays (any path
 * not covered by an index, whose values are checked at write time) also accept rows where an array is met.
 */
import type { Filter, SortSpec } from '../port';
import { isOperatorObject } from '../query/match';
import { isSimplePath } from '../query/paths';
import { isPlainObject } from '../query/values';

export type SqlParam = string | number | null;
export interface SqlCondition {
  sql: string;
  params: SqlParam[];
  exact: boolean;
}

const TRUE: SqlCondition = { sql: '1', params: [], exact: true };
const FALSE: SqlCondition = { sql: '0', params: [], exact: true };
/** Whether a path can be expressed in SQL: its segments are embedded in SQL literals and JSON paths. */
export const isSqlPath = isSimplePath;

/** The SQL expression reading a field; identical text in indexes and queries so the planner matches them. */
export function fieldSql(path: string): string {
  return path === '_id' ? 'id' : `json_extract(doc,'$.${path}')`;
}

function typeSql(path: string): string {
  return `json_type(doc,'$.${path}')`;
}

function and(parts: ReadonlyArray<SqlCondition | null>): SqlCondition {
  const exact = parts.every((p) => p !== null && p.exact);
  const real = parts.filter((p): p is SqlCondition => p !== null && p.sql !== '1');
  if (real.some((p) => p.sql === '0' && p.exact)) return FALSE;
  if (real.length === 0) return { ...TRUE, exact };
  if (real.length === 1) return { ...(real[0] as SqlCondition), exact };
  return { sql: real.map((p) => `(${p.sql})`).join(' AND '), params: real.flatMap((p) => p.params), exact };
}

function or(parts: readonly SqlCondition[]): SqlCondition {
  if (parts.some((p) => p.sql === '1')) return { ...TRUE, exact: parts.every((p) => p.exact) };
  return { sql: parts.map((p) => `(${p.sql})`).join(' OR '), params: parts.flatMap((p) => p.params), exact: parts.every((p) => p.exact) };
}

/** Negation is only sound on an exact condition (the negation of a superset is a subset). */
function not(part: SqlCondition | null): SqlCondition | null {
  if (part === null || !part.exact) return null;
  return { sql: `NOT coalesce((${part.sql}),0)`, params: part.params, exact: true };
}

/** Translates a (validated) filter. `indexedPaths` hold only scalars, enforced on every write. */
export function translateFilter(filter: Filter, indexedPaths: ReadonlySet<string>): SqlCondition {
  const parts: Array<SqlCondition | null> = [];
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' || key === '$or' || key === '$nor') {
      const subs = (value as Filter[]).map((sub) => translateFilter(sub, indexedPaths));
      if (key === '$and') parts.push(and(subs));
      else if (key === '$or') parts.push(or(subs));
      else parts.push(not(or(subs)));
    } else {
      parts.push(translateField(key, value, indexedPaths));
    }
  }
  return and(parts);
}

function translateField(path: string, condition: unknown, indexedPaths: ReadonlySet<string>): SqlCondition | null {
  if (!isSqlPath(path)) return null;
  const entries = isOperatorObject(condition, 'filter') ? Object.entries(condition) : [['$eq', condition] as const];
  const translate = path === '_id' ? idOperator : jsonOperator;
  const combined = and(entries.map(([op, operand]) => translate(path, op, operand)));
  if (path === '_id' || indexedPaths.has(path)) return combined;
  // Unindexed paths may hold arrays anywhere along them: keep every row where one is met, the matcher decides.
  const segments = path.split('.');
  const guards = segments.map((_, i) => `${typeSql(segments.slice(0, i + 1).join('.'))}='array'`);
  return { sql: `(${combined.sql}) OR ${guards.join(' OR ')}`, params: combined.params, exact: false };
}

/** `_id` is the TEXT primary key and always a string, which makes most conditions on it exact. */
function idOperator(_path: string, op: string, value: unknown): SqlCondition | null {
  switch (op) {
    case '$eq':
      return typeof value === 'string' ? { sql: 'id = ?', params: [value], exact: true } : FALSE;
    case '$ne':
      return typeof value === 'string' ? { sql: 'id <> ?', params: [value], exact: true } : TRUE;
    case '$in':
    case '$nin': {
      const ids = (value as unknown[]).filter((v): v is string => typeof v === 'string');
      if (ids.length === 0) return op === '$in' ? FALSE : TRUE;
      const list = ids.map(() => '?').join(',');
      return { sql: `id ${op === '$in' ? 'IN' : 'NOT IN'} (${list})`, params: ids, exact: true };
    }
    case '$gt':
    case '$gte':
    case '$lt':
    case '$lte':
      return typeof value === 'string' ? { sql: `id ${COMPARATORS[op]} ?`, params: [value], exact: true } : FALSE;
    case '$exists':
      return value ? TRUE : FALSE;
    case '$options':
      return TRUE;
    default:
      return null;
  }
}

const COMPARATORS: Record<string, string> = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' };

/** Equality on a scalar-or-missing field (arrays are handled by the caller's guard). */
function jsonEquals(path: string, value: unknown): SqlCondition | null {
  const field = fieldSql(path);
  const type = typeSql(path);
  if (value === null) return { sql: `${field} IS NULL`, params: [], exact: true };
  if (typeof value === 'string') {
    // Binary reads back as its JSON text, which starts with "{": only then is a type guard needed.
    const guard = value.startsWith('{') ? ` AND ${type}='text'` : '';
    return { sql: `${field} = ?${guard}`, params: [value], exact: true };
  }
  if (typeof value === 'number') {
    // true/false read back as 1/0.
    const guard = value === 0 || value === 1 ? ` AND ${type} IN ('integer','real')` : '';
    return { sql: `${field} = ?${guard}`, params: [value], exact: true };
  }
  if (typeof value === 'boolean') return { sql: `${field} = ${value ? 1 : 0} AND ${type}='${value}'`, params: [], exact: true };
  return null;
}

function jsonOperator(path: string, op: string, value: unknown): SqlCondition | null {
  const field = fieldSql(path);
  const type = typeSql(path);
  switch (op) {
    case '$eq':
      return jsonEquals(path, value);
    case '$ne':
      return not(jsonEquals(path, value));
    case '$in':
    case '$nin': {
      const list = value as unknown[];
      // Plain strings and numbers other than 0/1 need no guard: one IN list, which an index serves directly.
      const simple: Array<string | number> = [];
      const parts: SqlCondition[] = [];
      for (const v of list) {
        if ((typeof v === 'string' && !v.startsWith('{')) || (typeof v === 'number' && v !== 0 && v !== 1)) {
          simple.push(v);
          continue;
        }
        const part = jsonEquals(path, v);
        if (part === null) return null;
        parts.push(part);
      }
      if (simple.length > 0) parts.unshift({ sql: `${field} IN (${simple.map(() => '?').join(',')})`, params: simple, exact: true });
      const any = parts.length === 0 ? FALSE : or(parts);
      return op === '$in' ? any : not(any);
    }
    case '$gt':
    case '$gte':
    case '$lt':
    case '$lte': {
      const cmp = `${field} ${COMPARATORS[op]} ?`;
      const upward = op === '$gt' || op === '$gte';
      if (typeof value === 'number') {
        // SQLite sorts every number before every text: '' bounds the index range scan to numbers.
        const bound = upward ? ` AND ${field} < ''` : '';
        return { sql: `${cmp}${bound} AND ${type} IN ('integer','real')`, params: [value], exact: true };
      }
      if (typeof value === 'string') {
        const bound = upward ? '' : ` AND ${field} >= ''`;
        return { sql: `${cmp}${bound} AND ${type}='text'`, params: [value], exact: true };
      }
      if (value === null) return op === '$gte' || op === '$lte' ? { sql: `${field} IS NULL`, params: [], exact: true } : FALSE;
      return null;
    }
    case '$exists':
      return { sql: `${type} IS ${value ? 'NOT ' : ''}NULL`, params: [], exact: true };
    case '$options':
      return TRUE;
    default:
      return null;
  }
}

/** ORDER BY for a sort spec, or null when a path cannot be expressed in SQL (then the adapter sorts in JS). */
export function orderBySql(sort: SortSpec | undefined): string | null {
  if (!sort || !isPlainObject(sort)) return '';
  const keys = Object.entries(sort);
  if (!keys.every(([path]) => isSqlPath(path))) return null;
  // SQLite puts NULL (missing) first ascending and last descending: the port's rule.
  return keys.map(([path, dir]) => `${fieldSql(path)} ${dir === -1 ? 'DESC' : 'ASC'}`).join(', ');
}

/** Double-quoted SQL identifier. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
