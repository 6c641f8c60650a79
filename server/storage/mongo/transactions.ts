/**
 * Store transactions of the MongoDB adapter: one driver session per transaction, run by the driver's
 * `withTransaction` (which retries on TransientTransactionError and UnknownTransactionCommitResult), inside
 * our own retry on TransactionConflictError. The transaction travels in an AsyncLocalStorage, and every
 * collection operation goes through `call`, which passes its session when the caller is inside one.
 *
 * Three driver rules shape this file:
 * - a session runs one operation at a time, so the operations of a transaction are chained;
 * - an operation that fails inside a transaction aborts it on the server (a duplicate key included), and if
 *   the callback swallows that error the driver retries it forever; so the first failure is remembered, later
 *   operations of the transaction fail at once, and a callback that resolves anyway fails with it;
 * - the commit starts when the callback resolves, so operations still queued then are waited for first.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { quietWhenIdle } from '../transaction-context';
import type { ClientSession, MongoClient, TransactionOptions } from 'mongodb';
import { StorageUsageError } from '../port';
import { retryOnConflict } from '../retry';
import { mapMongoError } from './convert';

interface MongoTransaction {
  readonly session: ClientSession;
  /** The last operation queued on the session (never rejects). */
  tail: Promise<unknown>;
  /** Set once `fn` settled: operations its context starts later run outside, the session is committing. */
  settled: boolean;
  /** The first driver error: MongoDB has aborted the transaction on the server since. */
  failure: { error: unknown } | undefined;
}

/** Snapshot reads see one point in time; majority-journaled commits match the connection's write concern. */
const OPTIONS: TransactionOptions = { readConcern: { level: 'snapshot' }, writeConcern: { w: 'majority', journal: true } };

function isTransient(error: unknown): boolean {
  const labelled = error as { hasErrorLabel?: (label: string) => boolean };
  return typeof labelled.hasErrorLabel === 'function' && labelled.hasErrorLabel('TransientTransactionError');
}

/** What to report once the server aborted the transaction and `fn` went on regardless. */
function abortedError(failure: unknown): unknown {
  // A transient error (a write conflict) is the driver's cue to run the transaction again: hand it back.
  if (isTransient(failure)) return failure;
  return new StorageUsageError(
    'MongoDB aborted the transaction when one of its operations failed; that error was caught inside the transaction, which cannot go on: let it escape',
    { cause: failure },
  );
}

/** The store transactions of one MongoDB store, and the gate every driver call of its collections goes through. */
export class MongoTransactions {
  private readonly context = new AsyncLocalStorage<MongoTransaction>();
  private readonly running = new Set<Promise<unknown>>();

  /** `client` throws once the store is closed. */
  constructor(private readonly client: () => MongoClient) {}

  /** The caller's transaction, unless there is none or its `fn` has settled. */
  current(): MongoTransaction | undefined {
    const tx = this.context.getStore();
    return tx !== undefined && !tx.settled ? tx : undefined;
  }

  inTransaction(): boolean {
    return this.current() !== undefined;
  }

  /** `Store.transaction`: joins the caller's transaction, or runs `fn` in a new one. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.inTransaction()) return fn();
    const session = this.client().startSession();
    const done = (async () => {
      try {
        return await retryOnConflict(() => session.withTransaction(() => this.attempt(session, fn), OPTIONS));
      } finally {
        await session.endSession();
      }
    })();
    this.running.add(done);
    try {
      return await done;
    } finally {
      this.running.delete(done);
      quietWhenIdle(this.context, () => this.running.size === 0);
    }
  }

  /** Resolves once no transaction is running (closing the connection would cut them). */
  async settle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  /** One run of `fn` by withTransaction, with a fresh operation chain. */
  private async attempt<T>(session: ClientSession, fn: () => Promise<T>): Promise<T> {
    const tx: MongoTransaction = { session, tail: Promise.resolve(), settled: false, failure: undefined };
    let result: T;
    try {
      result = await this.context.run(tx, fn);
    } finally {
      tx.settled = true;
      // Operations `fn` started without awaiting them belong to the transaction: let them finish first.
      await tx.tail;
    }
    if (tx.failure) throw abortedError(tx.failure.error);
    return result;
  }

  /**
   * Runs one driver operation, with the caller's transaction session (after that transaction's previous
   * operations) or without one, and maps its errors onto the port's.
   */
  call<R>(collection: string, op: (session: ClientSession | undefined) => Promise<R>): Promise<R> {
    const tx = this.current();
    if (!tx) return this.direct(collection, op);
    const result = tx.tail.then(async () => {
      if (tx.failure) throw abortedError(tx.failure.error);
      try {
        return await op(tx.session);
      } catch (error) {
        tx.failure ??= { error };
        throw mapMongoError(error, collection);
      }
    });
    tx.tail = result.catch(() => undefined);
    return result;
  }

  private async direct<R>(collection: string, op: (session: undefined) => Promise<R>): Promise<R> {
    try {
      return await op(undefined);
    } catch (error) {
      throw mapMongoError(error, collection);
    }
  }
}
