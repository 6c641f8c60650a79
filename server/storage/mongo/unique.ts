/**
 * Duplicate checks before an insert inside a MongoDB transaction. A duplicate key error from the server
 * aborts the whole transaction, while the port lets feature code catch a DuplicateKeyError from an insert
 * and go on (as the embedded store allows). So, inside a transaction only, an insert first looks for a
 * document holding its values of each unique index, in the transaction's snapshot, and reports the
 * duplicate itself without sending the insert.
 */
import type { Collection as DriverCollection } from 'mongodb';
import { getStrict } from '../query/paths';
import { isPlainObject, type Doc } from '../query/values';

/** A unique index as the duplicate check needs it. */
export interface UniqueIndex {
  name: string;
  /** Field paths split into segments. */
  paths: Array<{ path: string; segments: string[] }>;
}

const ID_INDEX: UniqueIndex = { name: '_id_', paths: [{ path: '_id', segments: ['_id'] }] };
const NAMESPACE_NOT_FOUND = 26;

/**
 * The unique indexes of a collection except `_id_`, read once and cached: they change only through
 * `ensureIndexes` (which calls `forget`) or, rarely, another process, which `forget` after a surprise covers.
 */
export class UniqueIndexes {
  private loaded: Promise<UniqueIndex[]> | undefined;

  constructor(private readonly driver: Pick<DriverCollection, 'indexes'>) {}

  /** The indexes an insert must be checked against; `_id_` only when the caller chose the id (ours are random). */
  async forInsert(idGenerated: boolean): Promise<UniqueIndex[]> {
    const others = await (this.loaded ??= this.load());
    return idGenerated ? others : [ID_INDEX, ...others];
  }

  forget(): void {
    this.loaded = undefined;
  }

  private async load(): Promise<UniqueIndex[]> {
    try {
      // Outside the transaction on purpose: listIndexes is not allowed in one.
      const indexes = await this.driver.indexes();
      return indexes
        .filter((index) => index.unique === true && index.name !== '_id_' && !index.sparse && !index.partialFilterExpression && !index.collation)
        .map((index) => ({
          name: String(index.name),
          paths: Object.keys(index.key).map((path) => ({ path, segments: path.split('.') })),
        }));
    } catch (error) {
      // A collection that does not exist yet has no index at all.
      if ((error as { code?: unknown }).code === NAMESPACE_NOT_FOUND) return [];
      this.loaded = undefined;
      throw error;
    }
  }
}

/**
 * The filter finding a document with the same key as `doc` in this index, or undefined when the key holds an
 * array or an object (multikey and embedded-document keys compare differently; the server then decides).
 */
export function duplicateFilter(doc: Doc, index: UniqueIndex): Record<string, unknown> | undefined {
  const filter: Record<string, unknown> = {};
  for (const { path, segments } of index.paths) {
    const { value, throughArray } = getStrict(doc, segments);
    if (throughArray || Array.isArray(value) || isPlainObject(value)) return undefined;
    // A unique index holds a missing field as null, and `{ field: null }` finds both.
    filter[path] = value ?? null;
  }
  return filter;
}
