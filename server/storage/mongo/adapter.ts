/**
 * The MongoDB adapter (production). Collections are used through the native driver under mongoose: the port
 * is already Mongo-shaped, so filters and updates pass through after the shared validation, which makes
 * both adapters refuse exactly the same requests.
 */
import type { Collection as DriverCollection, Db, Filter as DriverFilter, Sort, UpdateFilter } from 'mongodb';
import type { Connection } from 'mongoose';
import {
  newId,
  StorageUsageError,
  type BaseDoc,
  type Collection,
  type Filter,
  type FindOneAndUpdateOptions,
  type FindOptions,
  type IndexSpec,
  type NewDoc,
  type SortSpec,
  type Store,
  type Update,
  type UpdateOptions,
  type UpdateResult,
} from '../port';
import { silentLogger, type StoreLogger } from '../logger';
import { validateIndexSpec } from '../query/indexes';
import { compileFilter, pagination, parseSort } from '../query/match';
import { prepareUpdate, upsertIdFromFilter } from '../query/update';
import { assertCollectionName, normalizeDoc, type Doc } from '../query/values';
import { connectMongo, type MongoConnectOptions } from './connect';
import { fromMongoDoc, mapMongoError } from './convert';

type MongoDoc = { _id: string } & Doc;

export type MongoStoreOptions = MongoConnectOptions;

export async function openMongoStore(opts: MongoStoreOptions): Promise<Store> {
  const connection = await connectMongo(opts);
  return new MongoStore(connection, opts.logger ?? silentLogger);
}

/** Validates a filter with the shared matcher (the compiled predicate is not needed). */
function checkFilter(filter: Filter): DriverFilter<MongoDoc> {
  compileFilter(filter);
  return filter as DriverFilter<MongoDoc>;
}

function checkSort(sort: SortSpec | undefined): Sort | undefined {
  return parseSort(sort).length > 0 ? (sort as Sort) : undefined;
}

class MongoStore implements Store {
  readonly kind = 'mongodb' as const;
  private readonly collections = new Map<string, MongoCollection<BaseDoc>>();
  private closed = false;

  constructor(
    private readonly connection: Connection,
    private readonly logger: StoreLogger,
  ) {}

  /** The driver's database, for what the port does not cover (GridFS blobs). */
  database(): Db {
    if (this.closed) throw new StorageUsageError('the store is closed');
    const db = this.connection.db;
    if (!db) throw new Error('MongoDB connection has no database handle');
    return db;
  }

  collection<T extends BaseDoc>(name: string): Collection<T> {
    let collection = this.collections.get(name);
    if (!collection) {
      assertCollectionName(name);
      collection = new MongoCollection<BaseDoc>(this.database().collection<MongoDoc>(name), name);
      this.collections.set(name, collection);
    }
    return collection as unknown as Collection<T>;
  }

  async ping(): Promise<void> {
    await this.database().command({ ping: 1 });
  }

  /** Nothing to do: every write was acknowledged with `j: true` by a majority. */
  async flush(): Promise<void> {
    this.database();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.connection.close();
    this.logger.info({}, 'MongoDB store closed');
  }
}

class MongoCollection<T extends BaseDoc> implements Collection<T> {
  constructor(
    private readonly driver: DriverCollection<MongoDoc>,
    readonly name: string,
  ) {}

  /** Runs a driver call, mapping its errors onto the port's. */
  private async call<R>(fn: () => Promise<R>): Promise<R> {
    try {
      return await fn();
    } catch (error) {
      throw mapMongoError(error, this.name);
    }
  }

  private prepareInsert(doc: NewDoc<T>): MongoDoc {
    const normalized = normalizeDoc(doc);
    return { _id: (normalized._id as string | undefined) ?? newId(), ...normalized } as MongoDoc;
  }

  async insertOne(doc: NewDoc<T>): Promise<T> {
    const full = this.prepareInsert(doc);
    await this.call(() => this.driver.insertOne(full));
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
    if (full.length > 0) await this.call(() => this.driver.insertMany(full, { ordered: true }));
    if (invalid !== undefined) throw invalid;
    return full as unknown as T[];
  }

  async findOne(filter: Filter, options?: Omit<FindOptions, 'limit'>): Promise<T | null> {
    return (await this.find(filter, { ...options, limit: 1 }))[0] ?? null;
  }

  async find(filter: Filter, options?: FindOptions): Promise<T[]> {
    const query = checkFilter(filter);
    const sort = checkSort(options?.sort);
    const { skip, limit } = pagination(options);
    const docs = await this.call(() =>
      this.driver.find(query, { ...(sort ? { sort } : {}), ...(skip ? { skip } : {}), ...(limit ? { limit } : {}) }).toArray(),
    );
    return docs.map((doc) => fromMongoDoc<T>(doc));
  }

  async count(filter: Filter = {}): Promise<number> {
    const query = checkFilter(filter);
    return this.call(() => this.driver.countDocuments(query));
  }

  /**
   * MongoDB would give an upserted document an ObjectId; the port wants string ids, so an upsert whose filter
   * does not fix `_id` gets one through `$setOnInsert`.
   */
  private driverUpdate(filter: Filter, update: Update, upsert: boolean): UpdateFilter<MongoDoc> {
    const { normalized } = prepareUpdate(update);
    if (!upsert || upsertIdFromFilter(filter) !== undefined || normalized.$setOnInsert?._id !== undefined) {
      return normalized as UpdateFilter<MongoDoc>;
    }
    return { ...normalized, $setOnInsert: { ...normalized.$setOnInsert, _id: newId() } } as UpdateFilter<MongoDoc>;
  }

  async updateOne(filter: Filter, update: Update, options?: UpdateOptions): Promise<UpdateResult> {
    const query = checkFilter(filter);
    const upsert = options?.upsert === true;
    const change = this.driverUpdate(filter, update, upsert);
    const result = await this.call(() => this.driver.updateOne(query, change, { upsert }));
    return {
      matchedCount: result.matchedCount,
      modifiedCount: result.modifiedCount,
      ...(result.upsertedId !== null && result.upsertedId !== undefined ? { upsertedId: String(result.upsertedId) } : {}),
    };
  }

  async updateMany(filter: Filter, update: Update): Promise<UpdateResult> {
    const query = checkFilter(filter);
    const change = this.driverUpdate(filter, update, false);
    const result = await this.call(() => this.driver.updateMany(query, change));
    return { matchedCount: result.matchedCount, modifiedCount: result.modifiedCount };
  }

  async findOneAndUpdate(filter: Filter, update: Update, options?: FindOneAndUpdateOptions): Promise<T | null> {
    const query = checkFilter(filter);
    const sort = checkSort(options?.sort);
    const upsert = options?.upsert === true;
    const change = this.driverUpdate(filter, update, upsert);
    const doc = await this.call(() =>
      this.driver.findOneAndUpdate(query, change, {
        // MongoDB defaults to 'before'; the port defaults to 'after'.
        returnDocument: options?.returnDocument ?? 'after',
        upsert,
        ...(sort ? { sort } : {}),
        includeResultMetadata: false,
      }),
    );
    return doc ? fromMongoDoc<T>(doc) : null;
  }

  async replaceOne(filter: Filter, doc: Omit<T, '_id'>): Promise<boolean> {
    const query = checkFilter(filter);
    // A replacement repeating the matched _id is accepted; a different one fails with ImmutableField (66),
    // mapped to StorageUsageError: the embedded store's rule, checked atomically by the server.
    const replacement = normalizeDoc(doc, 'replacement');
    const result = await this.call(() => this.driver.replaceOne(query, replacement));
    return result.matchedCount > 0;
  }

  async deleteOne(filter: Filter): Promise<number> {
    const query = checkFilter(filter);
    return (await this.call(() => this.driver.deleteOne(query))).deletedCount;
  }

  async deleteMany(filter: Filter): Promise<number> {
    const query = checkFilter(filter);
    return (await this.call(() => this.driver.deleteMany(query))).deletedCount;
  }

  async ensureIndexes(specs: readonly IndexSpec[]): Promise<void> {
    const indexes = specs.map(validateIndexSpec);
    if (indexes.length === 0) return;
    await this.call(() =>
      this.driver.createIndexes(indexes.map((index) => ({ key: index.fields, name: index.name, ...(index.unique ? { unique: true } : {}) }))),
    );
  }
}
