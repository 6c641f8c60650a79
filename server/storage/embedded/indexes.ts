/**
 * Index bookkeeping for one embedded collection: which paths are indexed (and so must hold scalars, which is
 * what makes SQL prefiltering on them sound), which are unique, and the DDL that creates them.
 */
import { StorageUsageError } from '../port';
import type { StoredIndex } from '../query/indexes';
import { getStrict } from '../query/paths';
import { isPlainObject, type Doc } from '../query/values';
import { fieldSql, quoteIdent } from './sql';

export type { StoredIndex };

/** SQLite index names are database-wide: prefix with the collection (":" cannot occur in either name part). */
export function sqliteIndexName(collection: string, name: string): string {
  return `ix:${collection}:${name}`;
}

/** The port index name back from SQLite's "UNIQUE constraint failed: index 'ix:users:email_1'". */
export function portIndexName(collection: string, message: string): string | undefined {
  const match = /index '([^']+)'/.exec(message);
  if (!match) return /\.id\b/.test(message) ? '_id_' : undefined;
  const prefix = `ix:${collection}:`;
  return (match[1] as string).startsWith(prefix) ? (match[1] as string).slice(prefix.length) : match[1];
}

export function createIndexSql(collection: string, table: string, index: StoredIndex): string {
  const columns = Object.entries(index.fields).map(([path, dir]) => `${fieldSql(path)}${dir === -1 ? ' DESC' : ''}`);
  const unique = index.unique ? 'UNIQUE ' : '';
  return `CREATE ${unique}INDEX IF NOT EXISTS ${quoteIdent(sqliteIndexName(collection, index.name))} ON ${table} (${columns.join(', ')})`;
}

/** The write-time rules every document of the collection must follow. */
export class IndexRules {
  /** Paths whose values are known to be scalar or missing: SQL conditions on them are exact. */
  readonly scalarPaths = new Set<string>();
  private checks: Array<{ path: string; segments: string[]; required: boolean; index: string }> = [];

  constructor(readonly indexes: StoredIndex[] = []) {
    for (const index of indexes) this.add(index);
  }

  add(index: StoredIndex): void {
    for (const path of Object.keys(index.fields)) {
      if (path === '_id') continue;
      this.scalarPaths.add(path);
      this.checks.push({ path, segments: path.split('.'), required: index.unique, index: index.name });
    }
  }

  /**
   * Refuses a document whose indexed field is an array or object (json_extract would index its JSON text and
   * equality on elements would be missed), or that lacks a field of a unique index (SQLite lets NULLs
   * repeat where MongoDB would not, so the port requires the field and both adapters then agree).
   */
  check(doc: Doc, collection: string): void {
    for (const { path, segments, required, index } of this.checks) {
      const { value, throughArray } = getStrict(doc, segments);
      if (throughArray || Array.isArray(value) || isPlainObject(value)) {
        throw new StorageUsageError(`${collection}: indexed field "${path}" (index ${index}) must hold a scalar`);
      }
      if (required && (value === undefined || value === null)) {
        throw new StorageUsageError(`${collection}: field "${path}" is required by unique index ${index}`);
      }
    }
  }
}
