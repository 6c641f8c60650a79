/**
 * Store transactions of the MongoDB adapter, committed in groups: the store transactions started in the same
 * turn of the event loop (at most STORE_BATCH_MAX_TRANSACTIONS) run one after another in ONE driver
 * transaction, on one session, run by the driver's `withTransaction` (which retries on TransientTransactionError
 * and UnknownTransactionCommitResult); each caller is answered once that transaction committed. MongoDB has no
 * savepoints, so a store transaction of the batch that throws is taken out and the driver transaction is aborted
 * and run again with the others, which may run several times (as the port allows); one that throws
 * TransactionConflictError runs again with them, up to TRANSACTION_MAX_ATTEMPTS times. Batches run side by side,
 * as single transactions did before, so a slow one holds up only those of its own turn.
 *
 * Each store transaction travels in an AsyncLocalStorage, and every collection operation goes through `call`,
 * which passes the session when the caller is inside one. Three driver rules shape this file:
 * - a session runs one operation at a time, so the operations of a batch are chained;
 * - an operation that fails inside a transaction aborts it on the server (a duplicate key included), and if
 *   the callback swallows that error the driver retries it forever; so the first failure is remembered, later
 *   operations of the transaction fail at once, and a store transaction that resolves anyway fails with it;
 * - the commit starts when the callback resolves, so operations still queued then are waited for first.
 */
import { AsyncLocalStorage, AsyncResource } from 'node:async_hooks';
import type { ClientSession, MongoClient, TransactionOptions } from 'mongodb';
import { STORE_BATCH_MAX_TRANSACTIONS } from '../../../shared/storage/limits';
import { quietWhenIdle } from '../transaction-context';
import { StorageUsageError, TransactionConflictError, type BatchMemo } from '../port';
import { conflictPauseMs, rerunAfter, type BatchMember } from '../retry';
import { mapMongoError } from './convert';
import { WRITE_CONCERN } from './write-concern';

/** One run of a batch in a driver transaction: its session's operation chain and its first failure. */
interface DriverAttempt {
  readonly session: ClientSession;
  /** The last operation queued on the session (never rejects). */
  tail: Promise<unknown>;
  /** The first driver error: MongoDB has aborted the transaction on the server since. */
  failure: { error: unknown } | undefined;
  /**
   * The batch memo (`Store.batchMemo`) of this attempt: a store transaction that fails aborts the whole attempt,
   * so what the failed one set never reaches a later attempt, and no transaction needs a memo of its own.
   */
  readonly memo: Map<string, unknown>;
}

/** One store transaction of a batch, in one driver attempt. Its identity marks the async context of its `fn`. */
interface MongoTransaction {
  readonly attempt: DriverAttempt;
  /** Set once `fn` settled: operations its context starts later run outside. */
  settled: boolean;
}

/** A store transaction waiting for its batch's commit. */
type Member = BatchMember;

/** Thrown out of the driver's callback to abort its transaction when one store transaction of the batch failed. */
class MemberFailed extends Error {
  constructor(
    readonly index: number,
    readonly error: unknown,
  ) {
    super('a store transaction of the batch failed');
  }
}

/** Snapshot reads see one point in time; commits with the connection's write concern (majority, journaled, bounded). */
const OPTIONS: TransactionOptions = { readConcern: { level: 'snapshot' }, writeConcern: { ...WRITE_CONCERN } };

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

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
  /** Store transactions started in this turn of the event loop, waiting for their batch. */
  private forming: Member[] = [];

  /** `client` throws once the store is closed. */
  constructor(
    private readonly client: () => MongoClient,
    private readonly maxTransactions: number = STORE_BATCH_MAX_TRANSACTIONS,
  ) {}

  /** The caller's transaction, unless there is none or its `fn` has settled. */
  current(): MongoTransaction | undefined {
    const tx = this.context.getStore();
    return tx !== undefined && !tx.settled ? tx : undefined;
  }

  inTransaction(): boolean {
    return this.current() !== undefined;
  }

  /** `Store.batchMemo`: the memo of the caller's driver attempt, or undefined outside a transaction. */
  memo(): BatchMemo | undefined {
    return this.current()?.attempt.memo;
  }

  /** `Store.transaction`: joins the caller's transaction, or runs `fn` in this turn's batch. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.inTransaction()) return fn();
    return new Promise<T>((resolve, reject) => {
      if (this.forming.length === 0) {
        // Tracked from its first member on, so that `settle` (before a close) waits for the batch.
        this.track(
          new Promise<void>((started) =>
            setImmediate(() => {
              this.startBatches();
              started();
            }),
          ),
        );
      }
      this.forming.push({ fn, scope: new AsyncResource('preau.transaction'), resolve: resolve as (value: unknown) => void, reject, conflicts: 0 });
    });
  }

  /** Resolves once no transaction is running (closing the connection would cut them). */
  async settle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private track(work: Promise<unknown>): void {
    this.running.add(work);
    void work.finally(() => {
      this.running.delete(work);
      quietWhenIdle(this.context, () => this.running.size === 0);
    });
  }

  /** Starts the batches of the store transactions started in this turn. */
  private startBatches(): void {
    const members = this.forming;
    this.forming = [];
    for (let i = 0; i < members.length; i += this.maxTransactions) this.track(this.runBatch(members.slice(i, i + this.maxTransactions)));
  }

  /** Runs a batch until it commits, taking out the store transactions that fail; answers every one of them. */
  private async runBatch(members: Member[]): Promise<void> {
    let session: ClientSession;
    try {
      session = this.client().startSession();
    } catch (error) {
      for (const member of members) member.reject(error);
      return;
    }
    try {
      let live = members;
      while (live.length > 0) {
        const outcome = await this.attempt(session, live);
        if (outcome.kind === 'committed') {
          live.forEach((member, i) => member.resolve(outcome.values[i]));
          return;
        }
        if (outcome.kind === 'failed') {
          for (const member of live) member.reject(outcome.error);
          return;
        }
        const member = live[outcome.index] as Member;
        if (outcome.error instanceof TransactionConflictError) {
          member.conflicts += 1;
          if (rerunAfter(outcome.error, member.conflicts)) {
            await sleep(conflictPauseMs(member.conflicts));
            continue;
          }
        }
        member.reject(outcome.error);
        live = live.filter((other) => other !== member);
      }
    } catch (error) {
      // Not expected (every outcome is answered above); never leave a caller waiting.
      for (const member of members) member.reject(error);
    } finally {
      await session.endSession().catch(() => undefined);
    }
  }

  /** One driver transaction running the live store transactions in order. */
  private async attempt(
    session: ClientSession,
    live: readonly Member[],
  ): Promise<{ kind: 'committed'; values: unknown[] } | { kind: 'member'; index: number; error: unknown } | { kind: 'failed'; error: unknown }> {
    try {
      const values = await session.withTransaction(() => this.runMembers(session, live), OPTIONS);
      return { kind: 'committed', values };
    } catch (error) {
      if (error instanceof MemberFailed) return { kind: 'member', index: error.index, error: error.error };
      return { kind: 'failed', error };
    }
  }

  /** The driver's callback: each store transaction in turn, with a fresh operation chain per driver attempt. */
  private async runMembers(session: ClientSession, live: readonly Member[]): Promise<unknown[]> {
    const attempt: DriverAttempt = { session, tail: Promise.resolve(), failure: undefined, memo: new Map() };
    const values: unknown[] = [];
    for (const [index, member] of live.entries()) {
      const tx: MongoTransaction = { attempt, settled: false };
      let thrown: { error: unknown } | undefined;
      try {
        values.push(await member.scope.runInAsyncScope(() => this.context.run(tx, member.fn)));
      } catch (error) {
        thrown = { error };
      } finally {
        tx.settled = true;
        // Operations `fn` started without awaiting them belong to it: let them finish first.
        await attempt.tail;
      }
      if (attempt.failure) {
        // The server aborted the transaction. A write conflict: the driver runs the whole batch again.
        if (isTransient(attempt.failure.error)) throw attempt.failure.error;
        throw new MemberFailed(index, thrown ? thrown.error : abortedError(attempt.failure.error));
      }
      if (thrown) {
        if (isTransient(thrown.error)) throw thrown.error;
        throw new MemberFailed(index, thrown.error);
      }
    }
    return values;
  }

  /**
   * Runs one driver operation, with the caller's transaction session (after the batch's previous operations)
   * or without one, and maps its errors onto the port's.
   */
  call<R>(collection: string, op: (session: ClientSession | undefined) => Promise<R>): Promise<R> {
    const tx = this.current();
    if (!tx) return this.direct(collection, op);
    const { attempt } = tx;
    const result = attempt.tail.then(async () => {
      if (attempt.failure) throw abortedError(attempt.failure.error);
      try {
        return await op(attempt.session);
      } catch (error) {
        attempt.failure ??= { error };
        throw mapMongoError(error, collection);
      }
    });
    attempt.tail = result.catch(() => undefined);
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
