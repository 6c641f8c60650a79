/**
 * Store transactions of the embedded adapter, committed in groups.
 *
 * The process has one synchronous SQLite connection, so an explicit transaction (BEGIN IMMEDIATE … COMMIT)
 * that spans awaits owns that connection for everyone: any statement run while it is open belongs to it. So
 * only one SQLite transaction is open at a time (a FIFO turn lock), the async context of the store transaction
 * running in it is marked (AsyncLocalStorage), and an operation from any other context waits for its turn in
 * the same lock, i.e. until the SQLite transaction has ended; otherwise it would read uncommitted rows or have
 * its writes rolled back with someone else's. BEGIN IMMEDIATE takes SQLite's write lock, so other processes
 * sharing the file wait (busy_timeout) too.
 *
 * Group commit: the store transactions that arrive in the same turn of the event loop, or while the connection
 * is busy, run one after another inside ONE SQLite transaction (a batch), each in its own SAVEPOINT: one that
 * throws is rolled back alone and the others go on; the batch commits once (one WAL write, one fsync with
 * synchronous=FULL), and only then is each caller answered, so nothing is acknowledged before it is durable.
 * Each one still sees the writes of those before it in the batch, as it would have after their commits, and
 * if the commit itself fails every one of them fails. A batch takes the transactions waiting when it starts
 * (at most STORE_BATCH_MAX_TRANSACTIONS, so the first of a batch does not wait long for the others); those
 * arriving meanwhile form the next one, which takes its turn in the lock like any operation.
 *
 * The single operations of a collection keep their own `atomic()` transaction: inside an open transaction
 * better-sqlite3 turns it into a SAVEPOINT, so each operation stays all-or-nothing (a failed `updateMany`
 * is undone alone) without aborting the enclosing transaction.
 */
import { AsyncLocalStorage, AsyncResource } from 'node:async_hooks';
import type Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
import { STORE_BATCH_MAX_TRANSACTIONS } from '../../../shared/storage/limits';
import { StorageUsageError, type BatchMemo } from '../port';
import { conflictPauseMs, rerunAfter, type BatchMember } from '../retry';
import { quietWhenIdle } from '../transaction-context';

/**
 * One store transaction running in the batch. Its identity marks the async context of its `fn`; it is also the
 * batch memo as this transaction sees it (`Store.batchMemo`): what it sets reaches the batch only once it
 * succeeded.
 */
class OpenTransaction implements BatchMemo {
  /** Undo in-memory state that described rows or tables of this transaction, should it roll back. */
  readonly onRollback: Array<() => void> = [];
  private readonly own = new Map<string, unknown>();

  constructor(private readonly batch: Map<string, unknown>) {}

  get(key: string): unknown {
    return this.own.has(key) ? this.own.get(key) : this.batch.get(key);
  }

  set(key: string, value: unknown): void {
    this.own.set(key, value);
  }

  /** Hands what this transaction set to the batch (it succeeded: the transactions after it see its writes). */
  keep(): void {
    for (const [key, value] of this.own) this.batch.set(key, value);
  }
}

/** A store transaction waiting for its batch, or for its commit. */
type Member = BatchMember;

/** What became of one transaction of a batch. */
type Outcome = { ok: true; value: unknown; tx: OpenTransaction } | { ok: false; lost: boolean; error: unknown };

/** How a batch is bounded (the default is the named constant; tests and benchmarks may change it). */
export interface BatchLimits {
  maxTransactions: number;
}

/** A FIFO lock: batches, and operations waiting for one to end, take turns in arrival order. */
class TurnLock {
  private held = false;
  private readonly waiting: Array<() => void> = [];

  /** Takes the lock if it is free, at once. */
  tryAcquire(): boolean {
    if (this.held) return false;
    this.held = true;
    return true;
  }

  acquire(): Promise<void> {
    if (!this.held) {
      this.held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Hands the lock to the next in line (still held), or frees it. */
  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.held = false;
  }
}

/** The store transactions of one embedded store: who holds the connection, and who waits for it. */
export class EmbeddedTransactions {
  private readonly context = new AsyncLocalStorage<OpenTransaction>();
  private readonly lock = new TurnLock();
  /**
   * The store transaction running on the connection, if any; `between` while a batch is open but none of its
   * transactions runs (before the first, between two, during the commit), so that everyone else waits.
   */
  private open: OpenTransaction | null = null;
  private readonly between = new OpenTransaction(new Map());
  /** Transactions waiting for a batch, in arrival order, and whether a batch is queued to take them. */
  private readonly waiting: Member[] = [];
  private batchQueued = false;
  private readonly limits: BatchLimits;
  private readonly begin: Statement;
  private readonly commit: Statement;
  private readonly rollback: Statement;
  private readonly savepoint: Statement;
  private readonly release: Statement;
  private readonly rollbackTo: Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly assertOpen: () => void,
    limits: Partial<BatchLimits> = {},
  ) {
    this.limits = { maxTransactions: limits.maxTransactions ?? STORE_BATCH_MAX_TRANSACTIONS };
    this.begin = db.prepare('BEGIN IMMEDIATE');
    this.commit = db.prepare('COMMIT');
    this.rollback = db.prepare('ROLLBACK');
    this.savepoint = db.prepare('SAVEPOINT preau_tx');
    this.release = db.prepare('RELEASE preau_tx');
    this.rollbackTo = db.prepare('ROLLBACK TO preau_tx');
  }

  /**
   * Whether an operation must wait before touching the connection: a batch is open and the caller is not the
   * transaction running in it. The hot path (no batch open) is one comparison.
   */
  mustWait(): boolean {
    return this.open !== null && this.context.getStore() !== this.open;
  }

  /** Whether the caller runs inside the open transaction (a context whose transaction ended is outside). */
  inTransaction(): boolean {
    return this.open !== null && this.context.getStore() === this.open;
  }

  /** Runs `op` in its turn, once no transaction holds the connection; `op` must not await (it runs alone). */
  async whenFree<R>(op: () => Promise<R>): Promise<R> {
    await this.lock.acquire();
    try {
      return await op();
    } finally {
      this.lock.release();
    }
  }

  /** `Store.batchMemo`: the caller's view of its batch's memo, or undefined outside a transaction. */
  memo(): BatchMemo | undefined {
    return this.inTransaction() ? (this.open as OpenTransaction) : undefined;
  }

  /** Registers an undo for in-memory state tied to the open transaction's writes (nothing when none is open). */
  onRollback(undo: () => void): void {
    this.open?.onRollback.push(undo);
  }

  /** `Store.transaction`: joins the caller's transaction, or runs `fn` in the next batch, rerun on conflicts. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.inTransaction()) return fn();
    return new Promise<T>((resolve, reject) => {
      this.enqueue({ fn, scope: new AsyncResource('preau.transaction'), resolve: resolve as (value: unknown) => void, reject, conflicts: 0 });
    });
  }

  private enqueue(member: Member): void {
    this.waiting.push(member);
    this.queueBatch();
  }

  /**
   * Queues a batch in the lock, in arrival order with the other operations (a close queued after a transaction
   * waits for it). One batch is queued at a time, and it takes every transaction waiting when it starts. When
   * the connection is free, it starts once the current turn of the event loop is over, so the transactions
   * started by the events read in this turn share it; otherwise, as soon as the batch before it committed.
   */
  private queueBatch(): void {
    if (this.batchQueued) return;
    this.batchQueued = true;
    if (this.lock.tryAcquire()) setImmediate(() => void this.runBatch());
    else void this.lock.acquire().then(() => this.runBatch());
  }

  private async runBatch(): Promise<void> {
    this.batchQueued = false;
    const batch = this.waiting.splice(0, this.limits.maxTransactions);
    const done: Array<{ member: Member; value: unknown; tx: OpenTransaction }> = [];
    try {
      if (batch.length === 0) return;
      try {
        this.assertOpen();
        this.begin.run();
      } catch (error) {
        for (const member of batch) member.reject(error);
        return;
      }
      this.open = this.between;
      let failure: { error: unknown } | null = null;
      let next = 0;
      const memo = new Map<string, unknown>();
      while (next < batch.length) {
        const member = batch[next++] as Member;
        const outcome = await this.runMember(member, memo);
        if (outcome.ok) done.push({ member, value: outcome.value, tx: outcome.tx });
        else if (outcome.lost) {
          failure = { error: outcome.error };
          break;
        }
      }
      this.open = null;
      failure ??= this.commitNow();
      if (failure) {
        this.undo(done.map((entry) => entry.tx));
        for (const { member } of done) member.reject(failure.error);
        // Those not run yet go in the next batch.
        this.waiting.unshift(...batch.slice(next));
        return;
      }
      for (const { member, value } of done) member.resolve(value);
    } finally {
      this.open = null;
      this.lock.release();
      // Transactions left over by a full batch go in the next one.
      if (this.waiting.length > 0) this.queueBatch();
      quietWhenIdle(this.context, () => this.open === null);
    }
  }

  /**
   * Runs one store transaction of the batch in its savepoint, and settles it unless it succeeded (its caller is
   * answered after the commit). A failure is rolled back to the savepoint and answered at once, or the
   * transaction is queued to run again after a conflict; `lost` when the batch's SQLite transaction is gone or
   * its savepoints fail (disk full, I/O error): then nothing of the batch can be trusted.
   */
  private async runMember(member: Member, memo: Map<string, unknown>): Promise<Outcome> {
    const tx = new OpenTransaction(memo);
    try {
      this.savepoint.run();
    } catch (error) {
      member.reject(error);
      return { ok: false, lost: true, error };
    }
    this.open = tx;
    let value: unknown;
    try {
      value = await member.scope.runInAsyncScope(() => this.context.run(tx, member.fn));
    } catch (error) {
      this.open = this.between;
      return this.rolledBack(member, tx, error);
    }
    // From here on, operations still running in `fn`'s context count as outside.
    this.open = this.between;
    try {
      this.release.run();
    } catch (error) {
      this.undo([tx], false);
      member.reject(error);
      return { ok: false, lost: true, error };
    }
    tx.keep();
    return { ok: true, value, tx };
  }

  /** Undoes a failed transaction of the batch alone (its savepoint), and answers it or queues it again. */
  private rolledBack(member: Member, tx: OpenTransaction, error: unknown): Outcome {
    let lost = !this.db.inTransaction;
    if (!lost) {
      try {
        this.rollbackTo.run();
        this.release.run();
      } catch {
        lost = true;
      }
    }
    this.undo([tx], false);
    member.conflicts += 1;
    if (!lost && rerunAfter(error, member.conflicts)) setTimeout(() => this.enqueue(member), conflictPauseMs(member.conflicts));
    else member.reject(error);
    return { ok: false, lost, error };
  }

  /** Commits the open batch; the error when the commit failed (the batch is then rolled back). */
  private commitNow(): { error: unknown } | null {
    try {
      this.commit.run();
      return null;
    } catch (error) {
      return { error };
    }
  }

  /** Rolls back what SQLite still holds of the batch (unless only a savepoint was undone) and runs the undos. */
  private undo(transactions: readonly OpenTransaction[], wholeBatch = true): void {
    try {
      // SQLite may already have rolled back by itself (after SQLITE_FULL or an I/O error, say).
      if (wholeBatch && this.db.inTransaction) this.rollback.run();
    } finally {
      for (const tx of transactions) for (const undo of tx.onRollback) undo();
    }
  }

  /** Refuses what would deadlock inside a transaction (waiting for the transaction to end). */
  assertOutside(what: string): void {
    if (this.inTransaction()) throw new StorageUsageError(`${what} cannot run inside a transaction`);
  }
}
