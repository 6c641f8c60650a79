/**
 * The storage port: a small, Mongo-shaped interface that every Préau feature uses.
 *
 * Two adapters implement it (`embedded/` on SQLite, `mongo/` on MongoDB through mongoose) and both are held to
 * one contract suite (`tests/integration/storage/contract.ts`). Anything not described here is unspecified and
 * must not be relied on by features.
 *
 * Value model (identical on both adapters):
 * - strings, finite numbers, booleans, null, arrays, plain objects, and binary (`Uint8Array`);
 * - timestamps are numbers (epoch milliseconds): no Date type crosses the port;
 * - binary values are always returned as plain `Uint8Array` (never Node's `Buffer`, never a BSON `Binary`);
 * - `_id` is a string; when an insert omits it, the adapter generates a 32-hex id (`newId()`): roughly ordered
 *   by creation time (its first 8 hex are the seconds) and unguessable (the other 24 are random), so an id seen
 *   by one user says nothing about the ids of others.
 *
 * Filters support: field equality (Mongo semantics: a scalar also matches an array containing it, null also
 * matches a missing field), dotted paths, `$eq $ne $gt $gte $lt $lte $in $nin $exists $regex $options
 * $elemMatch $size $and $or $nor`.
 *
 * Sort keys must hold values of one type per key (numbers, or strings) on the documents being sorted; missing
 * values sort first in ascending order. Ties have no defined order: add `_id` as a last key when it matters.
 *
 * Indexes: fields are scalar paths (segments of letters, digits and `_`): an indexed field may not hold an
 * array or an object (the embedded adapter refuses such writes with StorageUsageError). A unique index
 * rejects a second document with the same values through `DuplicateKeyError`; every document of a
 * collection with a unique index must have the indexed fields (non-null; the embedded adapter enforces it).
 *
 * Transactions (`Store.transaction(fn)`): every operation made in `fn`'s async context, on any collection of
 * the store, commits together when `fn` resolves or not at all when it throws. The transaction travels
 * implicitly (AsyncLocalStorage), so feature code written without transactions joins one unchanged, and a
 * nested call joins the outer one. Reads inside see the transaction's own writes; an operation outside never
 * observes part of it (the embedded store makes it wait until the transaction ends; MongoDB shows it the last
 * committed state), and a transaction that reads a document then writes it loses no concurrent update (the
 * embedded store runs transactions one at a time; MongoDB aborts and reruns the loser of a write conflict;
 * to guard a read of one document by a write of another, throw TransactionConflictError when the write
 * finds the read stale, as a unique index or a version field shows). `fn` may run several times
 * (TransactionConflictError, MongoDB's transient errors), so it must not act outside the store: broadcast
 * after the transaction. Nor may it await work done in another async context: on the embedded store that
 * work waits for the transaction to end, a deadlock. `ensureIndexes`, `flush` and `close` refuse to run inside.
 * A failed operation inside a transaction differs: on the embedded store it is undone alone (a savepoint;
 * `insertMany` keeps the documents before the failure) and the transaction goes on if `fn` catches the error;
 * on MongoDB any operation the server refuses aborts the whole transaction, so its error must escape `fn`
 * (when `fn` swallows it, `transaction()` fails with StorageUsageError). Inserts inside a MongoDB transaction
 * are checked against the unique indexes first, so catching the DuplicateKeyError of `insertOne`/`insertMany`
 * ("insert, or read the existing one") works on both adapters; that of an update, upsert or replace does not.
 */
import { randomBytes } from 'node:crypto';

/** A value that can be stored. */
export type StoredValue =
  | string
  | number
  | boolean
  | null
  | Uint8Array
  | StoredValue[]
  | { [key: string]: StoredValue | undefined };

/** Every stored document has a string id. */
export interface BaseDoc {
  _id: string;
}

/** A document as given to `insertOne`: the id may be left to the adapter. */
export type NewDoc<T extends BaseDoc> = Omit<T, '_id'> & { _id?: string };

/** Comparison and element operators usable on one field. */
export interface FieldOps {
  $eq?: unknown;
  $ne?: unknown;
  $gt?: unknown;
  $gte?: unknown;
  $lt?: unknown;
  $lte?: unknown;
  $in?: readonly unknown[];
  $nin?: readonly unknown[];
  $exists?: boolean;
  /** A regular-expression source; flags go in `$options` (only `i` and `m` are portable). */
  $regex?: string;
  $options?: string;
  $elemMatch?: Filter | FieldOps;
  $size?: number;
}

/**
 * A query filter. Keys are field paths (dotted for nested fields) or the logical operators.
 * Deliberately loose on values: features build filters from typed helpers, and both adapters validate.
 */
export type Filter = {
  $and?: Filter[];
  $or?: Filter[];
  $nor?: Filter[];
} & { [path: string]: unknown };

/** Update operators. Paths may be dotted. */
export interface Update {
  $set?: Record<string, unknown>;
  $unset?: Record<string, unknown>;
  $inc?: Record<string, number>;
  $min?: Record<string, unknown>;
  $max?: Record<string, unknown>;
  /** A value, or `{ $each: [...], $slice?: n }` (negative `$slice` keeps the last n). */
  $push?: Record<string, unknown>;
  /** A value, or `{ $each: [...] }`; deep equality decides what is already in the set. */
  $addToSet?: Record<string, unknown>;
  /** A value (deep equality) or a filter matched against each element. */
  $pull?: Record<string, unknown>;
  /** Applied only when an upsert inserts. */
  $setOnInsert?: Record<string, unknown>;
}

export type SortSpec = Record<string, 1 | -1>;

export interface FindOptions {
  sort?: SortSpec;
  /** 0 or absent: no limit (as in MongoDB). */
  limit?: number;
  skip?: number;
}

export interface UpdateOptions {
  /** Insert a document built from the filter's equalities and the update when nothing matches. */
  upsert?: boolean;
}

export interface FindOneAndUpdateOptions extends UpdateOptions {
  /** Which version of the document to return. Defaults to `'after'`. */
  returnDocument?: 'before' | 'after';
  sort?: SortSpec;
}

export interface UpdateResult {
  matchedCount: number;
  modifiedCount: number;
  /** The id of the inserted document when an upsert inserted one. */
  upsertedId?: string;
}

export interface IndexSpec {
  /** Scalar field paths (segments of letters, digits and `_`), in order, with their direction. */
  fields: SortSpec;
  unique?: boolean;
  /** Defaults to a name derived from the fields. */
  name?: string;
}

/** One collection of documents of type T. */
export interface Collection<T extends BaseDoc> {
  readonly name: string;
  insertOne(doc: NewDoc<T>): Promise<T>;
  /** Inserts in order; stops at the first error (earlier documents stay inserted). */
  insertMany(docs: readonly NewDoc<T>[]): Promise<T[]>;
  findOne(filter: Filter, options?: Omit<FindOptions, 'limit'>): Promise<T | null>;
  find(filter: Filter, options?: FindOptions): Promise<T[]>;
  count(filter?: Filter): Promise<number>;
  updateOne(filter: Filter, update: Update, options?: UpdateOptions): Promise<UpdateResult>;
  updateMany(filter: Filter, update: Update): Promise<UpdateResult>;
  /** Atomically updates the first matching document; null when none matched and no upsert happened. */
  findOneAndUpdate(filter: Filter, update: Update, options?: FindOneAndUpdateOptions): Promise<T | null>;
  /** Replaces the whole document (keeping its `_id`); returns whether one matched. */
  replaceOne(filter: Filter, doc: Omit<T, '_id'>): Promise<boolean>;
  deleteOne(filter: Filter): Promise<number>;
  deleteMany(filter: Filter): Promise<number>;
  /** Creates the indexes if missing. Idempotent. */
  ensureIndexes(specs: readonly IndexSpec[]): Promise<void>;
}

export type StoreKind = 'embedded' | 'mongodb';

/** A connected store. */
export interface Store {
  readonly kind: StoreKind;
  collection<T extends BaseDoc>(name: string): Collection<T>;
  /** Resolves when the store answers; rejects otherwise. Used by `/readyz`. */
  ping(): Promise<void>;
  /**
   * Runs `fn` in one store transaction: every operation of any collection of this store made inside `fn` (in its
   * async context, awaited or not, as long as it starts before `fn` settles) commits together when `fn` resolves,
   * or not at all when it throws (the error is rethrown). A nested call joins the outer transaction. `fn` may be
   * run again after a conflict (TransactionConflictError, or MongoDB's transient transaction errors), so it must
   * have no effect outside the store (broadcast after the transaction). Do not call ensureIndexes inside.
   */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /** Whether the caller runs inside a transaction of this store. */
  inTransaction(): boolean;
  /**
   * The memo of the caller's batch (transactions committed together, see « Group commit » in
   * docs/ARCHITECTURE.md), or undefined outside a transaction: what a transaction sets there is seen by itself and
   * by the transactions after it in the batch, and forgotten if it rolls back or the batch runs again. A feature
   * keeps there what it just wrote instead of reading it back (the audit chains' heads): until the batch commits,
   * those rows are its own (the embedded store holds SQLite's write lock; on MongoDB a concurrent writer
   * conflicts at commit, and the batch runs again with a fresh memo).
   */
  batchMemo(): BatchMemo | undefined;
  /** Makes every acknowledged write durable on disk (also done continuously). Waits for an open transaction. */
  flush(): Promise<void>;
  /** Waits for open transactions to end, then closes. */
  close(): Promise<void>;
}

/** Values a batch of transactions keeps for itself (`Store.batchMemo`). */
export interface BatchMemo {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

/** Thrown when a write would violate a unique index. */
export class DuplicateKeyError extends Error {
  override readonly name = 'DuplicateKeyError';
  readonly code = 'DUPLICATE_KEY' as const;
  constructor(
    readonly collection: string,
    /** The index name when the adapter can tell it. */
    readonly index: string | undefined,
    message?: string,
  ) {
    super(message ?? `Duplicate key in ${collection}${index ? ` (index ${index})` : ''}`);
  }
}

/** Thrown for a filter, update or value the port does not support. */
export class StorageUsageError extends Error {
  /** A string, not a literal type: subclasses (DocumentTooLargeError) name themselves. */
  override readonly name: string = 'StorageUsageError';
}

/**
 * Thrown for a document larger than the store accepts: on MongoDB, over STORE_DOCUMENT_MAX_BYTES of BSON
 * (16 MiB), checked before anything is sent (an insert or replacement, or an update larger than that by itself:
 * nothing reaches the server, so a transaction may go on), or refused by the server (an update whose result would
 * be: like any operation MongoDB refuses, it aborts the transaction). A StorageUsageError: nothing was written.
 * The embedded store has no such limit: features bound their documents (see STORE_DOCUMENT_MAX_BYTES).
 */
export class DocumentTooLargeError extends StorageUsageError {
  override readonly name: string = 'DocumentTooLargeError';
  readonly code = 'DOCUMENT_TOO_LARGE' as const;
  constructor(
    readonly collection: string,
    /** The BSON size when the adapter measured it (undefined when the server refused the result of an update). */
    readonly bytes: number | undefined,
    readonly maxBytes: number,
    options?: ErrorOptions,
  ) {
    super(`${collection}: document too large (${bytes === undefined ? 'over' : `${bytes} bytes, more than`} ${maxBytes} bytes)`, options);
  }
}

/** How many times `Store.transaction` runs `fn` when it keeps throwing TransactionConflictError. */
export const TRANSACTION_MAX_ATTEMPTS = 8;

/**
 * Thrown by feature code inside a transaction when what it read is stale (say, the next sequence number of a
 * hash chain was taken by another process): `Store.transaction` then runs `fn` again from the start, after a
 * short random pause, up to TRANSACTION_MAX_ATTEMPTS times, and rethrows it after the last attempt.
 */
export class TransactionConflictError extends Error {
  override readonly name = 'TransactionConflictError';
}

/**
 * A new 32-hex id: 8 hex of seconds since the epoch (ids sort roughly by creation time, like ObjectIds) then
 * 24 hex (96 bits) from the CSPRNG. Unlike an ObjectId's process tag and counter, the random part makes an id
 * impossible to guess from another one, so an id in a URL is not a way into someone else's item.
 */
export function newId(now: number = Date.now()): string {
  const seconds = Math.floor(now / 1000)
    .toString(16)
    .padStart(8, '0');
  return seconds + randomHex(ID_RANDOM_BYTES);
}

const ID_RANDOM_BYTES = 12;
/** Random bytes are drawn from the CSPRNG in blocks: one system call per 341 ids rather than one per id. */
const RANDOM_POOL_BYTES = 4096;
let randomPool = Buffer.alloc(0);
let randomOffset = 0;

function randomHex(bytes: number): string {
  if (randomOffset + bytes > randomPool.length) {
    randomPool = randomBytes(RANDOM_POOL_BYTES);
    randomOffset = 0;
  }
  const hex = randomPool.toString('hex', randomOffset, randomOffset + bytes);
  // Each byte serves once: wipe it, so no id can be derived from the pool's leftovers.
  randomPool.fill(0, randomOffset, randomOffset + bytes);
  randomOffset += bytes;
  return hex;
}

/** The default name of an index on these fields, the same on both adapters. */
export function indexName(spec: IndexSpec): string {
  return spec.name ?? Object.entries(spec.fields).map(([field, dir]) => `${field}_${dir}`).join('_');
}
