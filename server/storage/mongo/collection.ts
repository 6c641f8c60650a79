/**
 * One collection of the MongoDB adapter, used through the native driver. The port is already Mongo-shaped, so
 * filters and updates pass through after the shared validation, which makes both adapters refuse exactly
 * the same requests. Every driver call goes through `MongoTransactions.call`, which adds the session of the
 * caller's store transaction, if any.
 */
import type { ClientSession, Collection as DriverCollection, Filter as DriverFilter, Sort, UpdateFilter } from 'mongodb';
import {
  DuplicateKeyError,
  newId,
  StorageUsageError,
  TransactionConflictError,
  type BaseDoc,
  type Collection,
  type Filter,
  type FindOneAndUpdateOptions,
  type FindOptions,
  type IndexSpec,
  type NewDoc,
  type SortSpec,
  type Update,
  type UpdateOptions,
  type UpdateResult,
} from '../port';
import { validateIndexSpec } from '../query/indexes';
import { compileFilter, pagination, parseSort } from '../query/match';
import { prepareUpdate, upsertIdFromFilter } from '../query/update';
import { normalizeDoc, type Doc } from '../query/values';
import { wellFormedDeep } from '../query/well-formed';
import { checkDocumentSize, fromMongoDoc } from './convert';
import type { MongoTransactions } from './transactions';
import { duplicateFilter, UniqueIndexes } from './unique';

/** A document as the driver sees it: the port's string `_id` (never an ObjectId). */
export type MongoDoc = { _id: string } & Doc;

/**
 * Validates a filter with the shared matcher (the compiled predicate is not needed) and makes its strings well
 * formed, as the embedded adapter does, rather than leaving the BSON encoder to replace unpaired surrogates.
 */
function checkFilter(given: Filter): DriverFilter<MongoDoc> {
  const filter = wellFormedDeep(given);
  compileFilter(filter);
  return filter as DriverFilter<MongoDoc>;
}

function checkSort(sort: SortSpec | undefined): Sort | undefined {
  return parseSort(sort).length > 0 ? (sort as Sort) : undefined;
}

/** The port's Collection over one driver collection. */
export class MongoCollection<T extends BaseDoc> implements Collection<T> {
  private readonly unique: UniqueIndexes;

  constructor(
    private readonly driver: DriverCollection<MongoDoc>,
    readonly name: string,
    private readonly transactions: MongoTransactions,
  ) {
    this.unique = new UniqueIndexes(driver);
  }

  /** Runs a driver call (in the caller's transaction, if any), mapping its errors onto the port's. */
  private call<R>(fn: (session: ClientSession | undefined) => Promise<R>): Promise<R> {
    return this.transactions.call(this.name, fn);
  }

  private prepareInsert(doc: NewDoc<T>): MongoDoc {
    const normalized = normalizeDoc(doc);
    const full = { _id: (normalized._id as string | undefined) ?? newId(), ...normalized } as MongoDoc;
    checkDocumentSize(this.name, full);
    return full;
  }

  async insertOne(doc: NewDoc<T>): Promise<T> {
    const full = this.prepareInsert(doc);
    if (this.transactions.inTransaction()) await this.insertInTransaction(full, doc._id === undefined);
    else await this.call((session) => this.driver.insertOne(full, { session }));
    return full as unknown as T;
  }

  async insertMany(docs: readonly NewDoc<T>[]): Promise<T[]> {
    if (!Array.isArray(docs)) throw new StorageUsageError('insertMany expects an array');
    if (docs.length === 0) return [];
    // Validate everything first: a bad document must fail the same way as on the embedded store, where the
    // documents before it are inserted. So insert the valid prefix, then report the first invalid one.
    const full: MongoDoc[] = [];
    let invalid: unknown;
    for (const doc of docs) {
      try {
        full.push(this.prepareInsert(doc));
      } catch (error) {
        invalid = error;
        break;
      }
    }
    if (this.transactions.inTransaction()) {
      // One by one, each checked first: a duplicate must be reported without aborting the transaction.
      for (const [i, doc] of full.entries()) await this.insertInTransaction(doc, docs[i]?._id === undefined);
    } else if (full.length > 0) {
      await this.call((session) => this.driver.insertMany(full, { ordered: true, session }));
    }
    if (invalid !== undefined) throw invalid;
    return full as unknown as T[];
  }

  /**
   * An insert inside a transaction: a duplicate refused by the server would abort the whole transaction, so
   * look for one first (in the transaction's snapshot) and report it without sending the insert.
   */
  private async insertInTransaction(doc: MongoDoc, idGenerated: boolean): Promise<void> {
    for (const index of await this.unique.forInsert(idGenerated)) {
      const filter = duplicateFilter(doc, index);
      if (!filter) continue;
      const twin = await this.call((session) => this.driver.findOne(filter as DriverFilter<MongoDoc>, { session, projection: { _id: 1 } }));
      if (twin) throw new DuplicateKeyError(this.name, index.name);
    }
    try {
      await this.call((session) => this.driver.insertOne(doc, { session }));
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
      // Absent from our snapshot yet there: committed since by another transaction (or under a unique index
      // we did not know of). Running the transaction again will see it and report a plain DuplicateKeyError.
      this.unique.forget();
      throw new TransactionConflictError(`${this.name}: a concurrent transaction inserted the same key`, { cause: error });
    }
  }

  async findOne(filter: Filter, options?: Omit<FindOptions, 'limit'>): Promise<T | null> {
    return (await this.find(filter, { ...options, limit: 1 }))[0] ?? null;
  }

  async find(filter: Filter, options?: FindOptions): Promise<T[]> {
    const query = checkFilter(filter);
    const sort = checkSort(options?.sort);
    const { skip, limit } = pagination(options);
    const docs = await this.call((session) =>
      this.driver.find(query, { ...(sort ? { sort } : {}), ...(skip ? { skip } : {}), ...(limit ? { limit } : {}), session }).toArray(),
    );
    return docs.map((doc) => fromMongoDoc<T>(doc));
  }

  async count(filter: Filter = {}): Promise<number> {
    const query = checkFilter(filter);
    return this.call((session) => this.driver.countDocuments(query, { session }));
  }

  /**
   * MongoDB would give an upserted document an ObjectId; the port wants string ids, so an upsert whose filter
   * does not fix `_id` gets one through `$setOnInsert`.
   */
  private driverUpdate(filter: Filter, update: Update, upsert: boolean): UpdateFilter<MongoDoc> {
    const { normalized } = prepareUpdate(update);
    // An update over the limit by itself would make a document over it: refused here, as an insert would be.
    checkDocumentSize(this.name, normalized);
    if (!upsert || upsertIdFromFilter(filter) !== undefined || normalized.$setOnInsert?._id !== undefined) {
      return normalized as UpdateFilter<MongoDoc>;
    }
    return { ...normalized, $setOnInsert: { ...normalized.$setOnInsert, _id: newId() } } as UpdateFilter<MongoDoc>;
  }

  async updateOne(filter: Filter, update: Update, options?: UpdateOptions): Promise<UpdateResult> {
    const query = checkFilter(filter);
    const upsert = options?.upsert === true;
    const change = this.driverUpdate(filter, update, upsert);
    const result = await this.call((session) => this.driver.updateOne(query, change, { upsert, session }));
    return {
      matchedCount: result.matchedCount,
      modifiedCount: result.modifiedCount,
      ...(result.upsertedId !== null && result.upsertedId !== undefined ? { upsertedId: String(result.upsertedId) } : {}),
    };
  }

  async updateMany(filter: Filter, update: Update): Promise<UpdateResult> {
    const query = checkFilter(filter);
    const change = this.driverUpdate(filter, update, false);
    const result = await this.call((session) => this.driver.updateMany(query, change, { session }));
    return { matchedCount: result.matchedCount, modifiedCount: result.modifiedCount };
  }

  async findOneAndUpdate(filter: Filter, update: Update, options?: FindOneAndUpdateOptions): Promise<T | null> {
    const query = checkFilter(filter);
    const sort = checkSort(options?.sort);
    const upsert = options?.upsert === true;
    const change = this.driverUpdate(filter, update, upsert);
    const doc = await this.call((session) =>
      this.driver.findOneAndUpdate(query, change, {
        // MongoDB defaults to 'before'; the port defaults to 'after'.
        returnDocument: options?.returnDocument ?? 'after',
        upsert,
        ...(sort ? { sort } : {}),
        includeResultMetadata: false,
        session,
      }),
    );
    return doc ? fromMongoDoc<T>(doc) : null;
  }

  async replaceOne(filter: Filter, doc: Omit<T, '_id'>): Promise<boolean> {
    const query = checkFilter(filter);
    // A replacement repeating the matched _id is accepted; a different one fails with ImmutableField (66),
    // mapped to StorageUsageError: the embedded store's rule, checked atomically by the server.
    const replacement = normalizeDoc(doc, 'replacement');
    checkDocumentSize(this.name, replacement);
    const result = await this.call((session) => this.driver.replaceOne(query, replacement, { session }));
    return result.matchedCount > 0;
  }

  async deleteOne(filter: Filter): Promise<number> {
    const query = checkFilter(filter);
    return (await this.call((session) => this.driver.deleteOne(query, { session }))).deletedCount;
  }

  async deleteMany(filter: Filter): Promise<number> {
    const query = checkFilter(filter);
    return (await this.call((session) => this.driver.deleteMany(query, { session }))).deletedCount;
  }

  async ensureIndexes(specs: readonly IndexSpec[]): Promise<void> {
    // The same rule as on the embedded store; and index builds inside transactions are restricted on MongoDB.
    if (this.transactions.inTransaction()) throw new StorageUsageError('ensureIndexes cannot run inside a transaction');
    const indexes = specs.map(validateIndexSpec);
    if (indexes.length === 0) return;
    try {
      await this.call(() =>
        this.driver.createIndexes(indexes.map((index) => ({ key: index.fields, name: index.name, ...(index.unique ? { unique: true } : {}) }))),
      );
    } finally {
      this.unique.forget();
    }
  }
}
