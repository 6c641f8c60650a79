/**
 * The embedded store: one SQLite file (`preau.sqlite`) in the data directory, through better-sqlite3.
 *
 * Durability: WAL journal. With `synchronous=NORMAL` (default) a committed transaction has been written to
 * the WAL through the OS before the call returns, so it survives the process being killed (kill -9, OOM);
 * only an OS crash or power loss can lose the last commits. `synchronous=FULL` fsyncs the WAL on every
 * commit and survives power loss too, at a cost in write throughput. `flush()` and `close()` checkpoint the
 * WAL into the database file (syncing both).
 *
 * Store transactions (`transactions.ts`) hold the one connection of the process for their duration, and those
 * that arrive together commit together (group commit); the store's own calls that cannot share the connection
 * (flush, close) wait for them.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database, { type Statement } from 'better-sqlite3';
import { StorageUsageError, type BaseDoc, type BatchMemo, type Collection, type Store } from '../port';
import { silentLogger, type StoreLogger } from '../logger';
import { assertCollectionName } from '../query/values';
import { EmbeddedCollection, type Engine } from './collection';
import type { StoredIndex } from './indexes';
import { quoteIdent } from './sql';
import { EmbeddedTransactions } from './transactions';

export const EMBEDDED_FILE = 'preau.sqlite';
/** Bumped when the on-disk layout changes, so an old binary refuses a newer file instead of misreading it. */
const FORMAT_VERSION = '1';
/** Prepared statements are cached by SQL text; filters of unusual shapes must not grow the cache forever. */
const MAX_CACHED_STATEMENTS = 500;

export interface EmbeddedStoreOptions {
  dataDir: string;
  /** NORMAL (default) survives a process crash; FULL also survives power loss. */
  synchronous?: 'NORMAL' | 'FULL';
  /** How long a write waits for another process holding the lock. */
  busyTimeoutMs?: number;
  /** At most this many store transactions commit together (STORE_BATCH_MAX_TRANSACTIONS; 1: one commit each). */
  batchMaxTransactions?: number;
  logger?: StoreLogger;
}

/** Opens (creating if needed) the store's SQLite file in `dataDir`. */
export async function openEmbeddedStore(options: EmbeddedStoreOptions): Promise<Store> {
  const logger = options.logger ?? silentLogger;
  const synchronous = options.synchronous ?? 'NORMAL';
  if (synchronous !== 'NORMAL' && synchronous !== 'FULL') throw new StorageUsageError(`invalid synchronous mode ${String(synchronous)}`);
  mkdirSync(options.dataDir, { recursive: true });
  const file = join(options.dataDir, EMBEDDED_FILE);
  const db = new Database(file, { timeout: options.busyTimeoutMs ?? 5000 });
  try {
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new Error(`SQLite refused WAL mode (got ${String(mode)})`);
    db.pragma(`synchronous = ${synchronous}`);
    // Keep the WAL from staying huge after a burst of writes.
    db.pragma('journal_size_limit = 67108864');
    // Deleted content is overwritten with zeros, so redacted or purged data (a pad's redacted passage, expired
    // evidence) does not linger in free pages of the file.
    db.pragma('secure_delete = ON');
    db.exec(`
      CREATE TABLE IF NOT EXISTS preau_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
      CREATE TABLE IF NOT EXISTS preau_indexes (
        collection TEXT NOT NULL, name TEXT NOT NULL, spec TEXT NOT NULL, PRIMARY KEY (collection, name)
      ) STRICT;
      INSERT OR IGNORE INTO preau_meta (key, value) VALUES ('format', '${FORMAT_VERSION}');
    `);
    const format = db.prepare("SELECT value FROM preau_meta WHERE key = 'format'").pluck().get();
    if (format !== FORMAT_VERSION) throw new Error(`${file} has storage format ${String(format)}, expected ${FORMAT_VERSION}`);
  } catch (error) {
    db.close();
    throw error;
  }
  logger.info({ file, synchronous }, 'embedded store opened');
  return new EmbeddedStore(db, file, logger, options.batchMaxTransactions);
}

class EmbeddedStore implements Store, Engine {
  readonly kind = 'embedded' as const;
  private readonly statements = new Map<string, Statement>();
  private readonly collections = new Map<string, EmbeddedCollection<BaseDoc>>();
  private readonly runAtomic: Database.Transaction<(fn: () => unknown) => unknown>;
  readonly transactions: EmbeddedTransactions;
  private closed = false;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly db: Database.Database,
    private readonly file: string,
    private readonly logger: StoreLogger,
    batchMaxTransactions: number | undefined,
  ) {
    this.runAtomic = db.transaction((fn: () => unknown) => fn());
    this.transactions = new EmbeddedTransactions(db, () => this.assertOpen(), batchMaxTransactions === undefined ? {} : { maxTransactions: batchMaxTransactions });
  }

  collection<T extends BaseDoc>(name: string): Collection<T> {
    this.assertOpen();
    let collection = this.collections.get(name);
    if (!collection) {
      assertCollectionName(name);
      // The table is created by the first operation, in its turn: a transaction may hold the connection now.
      collection = new EmbeddedCollection<BaseDoc>(this, name);
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
    this.assertOpen();
    this.statement('SELECT 1').get();
  }

  async flush(): Promise<void> {
    this.assertOpen();
    this.transactions.assertOutside('flush');
    if (this.transactions.mustWait()) return this.transactions.whenFree(() => this.flush());
    // In WAL mode SQLite syncs the WAL before a checkpoint and the database file after it.
    this.db.pragma('wal_checkpoint(FULL)');
  }

  async close(): Promise<void> {
    if (this.closing) return this.closing;
    this.transactions.assertOutside('close');
    // In its turn: a transaction open now ends first, and those queued behind the close find the store closed.
    this.closing = this.transactions.whenFree(async () => this.closeNow());
    return this.closing;
  }

  private closeNow(): void {
    this.closed = true;
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch (error) {
      this.logger.warn({ err: error, file: this.file }, 'checkpoint before close failed; the WAL will be replayed at next open');
    }
    this.statements.clear();
    this.db.close();
    this.logger.info({ file: this.file }, 'embedded store closed');
  }

  statement(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size >= MAX_CACHED_STATEMENTS) this.statements.clear();
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  atomic<R>(fn: () => R): R {
    return this.runAtomic.immediate(fn) as R;
  }

  createTable(name: string): StoredIndex[] {
    this.db.exec(`CREATE TABLE IF NOT EXISTS ${quoteIdent(`c_${name}`)} (id TEXT PRIMARY KEY NOT NULL, doc TEXT NOT NULL) STRICT`);
    const rows = this.statement('SELECT name, spec FROM preau_indexes WHERE collection = ?').all(name) as Array<{ name: string; spec: string }>;
    return rows.map((row) => ({ name: row.name, ...(JSON.parse(row.spec) as Omit<StoredIndex, 'name'>) }));
  }

  assertOpen(): void {
    if (this.closed) throw new StorageUsageError('the store is closed');
  }
}
