/**
 * Store transactions of the embedded adapter.
 *
 * The process has one synchronous SQLite connection, so an explicit transaction (BEGIN IMMEDIATE … COMMIT)
 * that spans awaits owns that connection for everyone: any statement run while it is open belongs to it. So
 * only one transaction is open at a time (a FIFO turn lock), its async context is marked (AsyncLocalStorage),
 * and an operation from any other context waits for its turn in the same lock, i.e. until the transaction
 * has ended; otherwise it would read uncommitted rows or have its writes rolled back with someone else's.
 * BEGIN IMMEDIATE takes SQLite's write lock, so other processes sharing the file wait (busy_timeout) too.
 *
 * The single operations of a collection keep their own `atomic()` transaction: inside an open transaction
 * better-sqlite3 turns it into a SAVEPOINT, so each operation stays all-or-nothing (a failed `updateMany`
 * is undone alone) without aborting the enclosing transaction.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
import { StorageUsageError } from '../port';
import { retryOnConflict } from '../retry';
import { quietWhenIdle } from '../transaction-context';

/** One open transaction. Its identity marks the async context of its `fn`. */
interface OpenTransaction {
  /** Undo in-memory state that described rows or tables of this transaction, should it roll back. */
  readonly onRollback: Array<() => void>;
}

/** A FIFO lock: transactions, and operations waiting for one to end, take turns in arrival order. */
class TurnLock {
  private held = false;
  private readonly waiting: Array<() => void> = [];

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
  /** The transaction holding the connection, if any: at most one, since it holds the lock. */
  private open: OpenTransaction | null = null;
  private readonly begin: Statement;
  private readonly commit: Statement;
  private readonly rollback: Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly assertOpen: () => void,
  ) {
    this.begin = db.prepare('BEGIN IMMEDIATE');
    this.commit = db.prepare('COMMIT');
    this.rollback = db.prepare('ROLLBACK');
  }

  /**
   * Whether an operation must wait before touching the connection: a transaction is open and the caller is
   * not in it. The hot path (no transaction open) is one comparison.
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

  /** Registers an undo for in-memory state tied to the open transaction's writes (nothing when none is open). */
  onRollback(undo: () => void): void {
    this.open?.onRollback.push(undo);
  }

  /** `Store.transaction`: joins the caller's transaction, or runs `fn` in a new one, retried on conflicts. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.inTransaction()) return fn();
    return retryOnConflict(() => this.attempt(fn));
  }

  private async attempt<T>(fn: () => Promise<T>): Promise<T> {
    await this.lock.acquire();
    try {
      this.assertOpen();
      this.begin.run();
      const tx: OpenTransaction = { onRollback: [] };
      this.open = tx;
      let result: T;
      try {
        result = await this.context.run(tx, fn);
      } catch (error) {
        this.end(tx, false);
        throw error;
      }
      this.end(tx, true);
      return result;
    } finally {
      this.lock.release();
      quietWhenIdle(this.context, () => this.open === null);
    }
  }

  /** Commits or rolls back. From here on, operations still running in `fn`'s context count as outside. */
  private end(tx: OpenTransaction, commit: boolean): void {
    this.open = null;
    if (commit) {
      try {
        this.commit.run();
        return;
      } catch (error) {
        this.undo(tx);
        throw error;
      }
    }
    this.undo(tx);
  }

  private undo(tx: OpenTransaction): void {
    // SQLite may already have rolled back by itself (after SQLITE_FULL or an I/O error, say).
    if (this.db.inTransaction) this.rollback.run();
    for (const undo of tx.onRollback) undo();
  }

  /** Refuses what would deadlock inside a transaction (waiting for the transaction to end). */
  assertOutside(what: string): void {
    if (this.inTransaction()) throw new StorageUsageError(`${what} cannot run inside a transaction`);
  }
}
