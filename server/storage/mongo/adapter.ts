/**
 * The MongoDB adapter (production): the store, its connection and transactions. Collections live in
 * `collection.ts`, transactions in `transactions.ts`.
 */
import type { Db, MongoClient } from 'mongodb';
import type { Connection } from 'mongoose';
import { StorageUsageError, type BaseDoc, type BatchMemo, type Collection, type Store } from '../port';
import { silentLogger, type StoreLogger } from '../logger';
import { assertCollectionName } from '../query/values';
import { MongoCollection, type MongoDoc } from './collection';
import { connectMongo, type MongoConnectOptions } from './connect';
import { MongoTransactions } from './transactions';

export type MongoStoreOptions = MongoConnectOptions;

/** Connects (with retries, see `connect.ts`) and returns the store. */
export async function openMongoStore(opts: MongoStoreOptions): Promise<Store> {
  const connection = await connectMongo(opts);
  return new MongoStore(connection, opts.logger ?? silentLogger);
}

class MongoStore implements Store {
  readonly kind = 'mongodb' as const;
  private readonly collections = new Map<string, MongoCollection<BaseDoc>>();
  private readonly transactions: MongoTransactions;
  private closed = false;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly logger: StoreLogger,
  ) {
    this.transactions = new MongoTransactions(() => this.client());
  }

  /** The driver's database, for what the port does not cover (GridFS blobs). */
  database(): Db {
    if (this.closed) throw new StorageUsageError('the store is closed');
    const db = this.connection.db;
    if (!db) throw new Error('MongoDB connection has no database handle');
    return db;
  }

  /** The driver's client under mongoose, which starts the sessions of transactions. */
  private client(): MongoClient {
    if (this.closed) throw new StorageUsageError('the store is closed');
    return this.connection.getClient();
  }

  collection<T extends BaseDoc>(name: string): Collection<T> {
    let collection = this.collections.get(name);
    if (!collection) {
      assertCollectionName(name);
      collection = new MongoCollection<BaseDoc>(this.database().collection<MongoDoc>(name), name, this.transactions);
      this.collections.set(name, collection);
    }
    return collection as unknown as Collection<T>;
  }

  transaction<T>(fn: () => Promise<T>): Promise<T> {
    return this.transactions.run(fn);
  }

  inTransaction(): boolean {
    return this.transactions.inTransaction();
  }

  batchMemo(): BatchMemo | undefined {
    return this.transactions.memo();
  }

  async ping(): Promise<void> {
    await this.database().command({ ping: 1 });
  }

  /** Nothing to do: every write was acknowledged with `j: true` by a majority. */
  async flush(): Promise<void> {
    this.database();
    // Refused as on the embedded store, where it would wait for the transaction it runs in.
    if (this.transactions.inTransaction()) throw new StorageUsageError('flush cannot run inside a transaction');
  }

  async close(): Promise<void> {
    if (this.closing) return this.closing;
    if (this.transactions.inTransaction()) throw new StorageUsageError('close cannot run inside a transaction');
    this.closing = (async () => {
      // Closing the connection would cut the transactions under way: let them end first.
      await this.transactions.settle();
      this.closed = true;
      await this.connection.close();
      this.logger.info({}, 'MongoDB store closed');
    })();
    return this.closing;
  }
}
