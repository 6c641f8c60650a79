/**
 * One collection of the embedded adapter: a table `(id TEXT PRIMARY KEY, doc TEXT)` of JSON documents.
 * better-sqlite3 is synchronous, so every method runs to completion inside the call (the returned promise is
 * already settled): concurrent callers cannot interleave, and read-modify-write updates in an IMMEDIATE
 * transaction are atomic against other processes too. The one exception: while a store transaction of another
 * async context holds the connection, a method first waits for its turn (`transactions.ts`), then runs whole.
 */
import type { Statement } from 'better-sqlite3';
import {
  DuplicateKeyError,
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
  type Update,
  type UpdateOptions,
  type UpdateResult,
} from '../port';
import { compileFilter, compileSort, pagination, parseSort, type Matcher } from '../query/match';
import { applyUpdate, buildUpsertDoc, prepareUpdate, type PreparedUpdate } from '../query/update';
import { normalizeDoc, type Doc } from '../query/values';
import { wellFormedDeep } from '../query/well-formed';
import { decodeDoc, encodeDoc } from './codec';
import { sameIndex, validateIndexSpec } from '../query/indexes';
import { createIndexSql, IndexRules, portIndexName, type StoredIndex } from './indexes';
import { orderBySql, quoteIdent, translateFilter, type SqlCondition } from './sql';
import type { EmbeddedTransactions } from './transactions';

/** What a collection needs from its store. */
export interface Engine {
  statement(sql: string): Statement;
  /**
   * Runs `fn` all or nothing: a BEGIN IMMEDIATE transaction, or a savepoint inside an open store transaction
   * (rolled back alone if `fn` throws, leaving the store transaction going).
   */
  atomic<R>(fn: () => R): R;
  /** Creates the collection's table if missing and returns its indexes. */
  createTable(name: string): StoredIndex[];
  readonly transactions: EmbeddedTransactions;
  assertOpen(): void;
}

interface Row {
  text: string;
  doc: Doc;
}

interface Plan {
  matcher: Matcher;
  where: SqlCondition;
  /** '' for no ORDER BY; null when the sort needs JavaScript. */
  order: string | null;
  jsSort: ((a: Doc, b: Doc) => number) | undefined;
}

export class EmbeddedCollection<T extends BaseDoc> implements Collection<T> {
  private readonly table: string;
  private readonly turns: EmbeddedTransactions;
  private rules = new IndexRules();
  /** Whether the table exists and `rules` holds its indexes. */
  private ready = false;

  constructor(
    private readonly engine: Engine,
    readonly name: string,
  ) {
    this.table = quoteIdent(`c_${name}`);
    this.turns = engine.transactions;
  }

  async insertOne(doc: NewDoc<T>): Promise<T> {
    if (this.turns.mustWait()) return this.turns.whenFree(() => this.insertOne(doc));
    this.enter();
    const full = this.prepareInsert(doc);
    this.write(() => this.engine.statement(`INSERT INTO ${this.table} (id, doc) VALUES (?, ?)`).run(full._id, encodeDoc(full)));
    return full as unknown as T;
  }

  async insertMany(docs: readonly NewDoc<T>[]): Promise<T[]> {
    if (this.turns.mustWait()) return this.turns.whenFree(() => this.insertMany(docs));
    this.enter();
    if (!Array.isArray(docs)) throw new StorageUsageError('insertMany expects an array');
    const inserted: T[] = [];
    let failure: unknown;
    // One transaction for speed, but the documents before a failure stay inserted, as the port specifies.
    this.engine.atomic(() => {
      const insert = this.engine.statement(`INSERT INTO ${this.table} (id, doc) VALUES (?, ?)`);
      for (const doc of docs) {
        try {
          const full = this.prepareInsert(doc);
          this.write(() => insert.run(full._id, encodeDoc(full)));
          inserted.push(full as unknown as T);
        } catch (error) {
          failure = error;
          return;
        }
      }
    });
    if (failure !== undefined) throw failure;
    return inserted;
  }

  async findOne(filter: Filter, options?: Omit<FindOptions, 'limit'>): Promise<T | null> {
    return (await this.find(filter, { ...options, limit: 1 }))[0] ?? null;
  }

  async find(filter: Filter, options?: FindOptions): Promise<T[]> {
    if (this.turns.mustWait()) return this.turns.whenFree(() => this.find(filter, options));
    this.enter();
    const { skip, limit } = pagination(options);
    const out: T[] = [];
    for (const row of this.rows(this.plan(filter, options?.sort), skip, limit)) out.push(row.doc as unknown as T);
    return out;
  }

  async count(filter: Filter = {}): Promise<number> {
    if (this.turns.mustWait()) return this.turns.whenFree(() => this.count(filter));
    this.enter();
    const plan = this.plan(filter, undefined);
    if (plan.where.exact) {
      return this.engine.statement(`SELECT COUNT(*) FROM ${this.table} WHERE ${plan.where.sql}`).pluck().get(...plan.where.params) as number;
    }
    let n = 0;
    for (const _row of this.rows(plan, 0, 0)) n += 1;
    return n;
  }

  async updateOne(filter: Filter, update: Update, options?: UpdateOptions): Promise<UpdateResult> {
    if (this.turns.mustWait()) return this.turns.whenFree(() => this.updateOne(filter, update, options));
    this.enter();
    const prepared = prepareUpdate(update);
    const plan = this.plan(filter, undefined);
    return this.engine.atomic(() => {
      const row = this.first(plan);
      if (row) return { matchedCount: 1, modifiedCount: this.applyAndWrite(row, prepared) ? 1 : 0 };
      if (!options?.upsert) return { matchedCount: 0, modifiedCount: 0 };
      return { matchedCount: 0, modifiedCount: 0, upsertedId: this.upsert(filter, prepared)._id as string };
    });
  }

  async updateMany(filter: Filter, update: Update): Promise<UpdateResult> {
    if (this.turns.mustWait()) return this.turns.whenFree(() => this.updateMany(filter, update));
    this.enter();
    const prepared = prepareUpdate(update);
    const plan = this.plan(filter, undefined);
    return this.engine.atomic(() => {
      // Materialise first: better-sqlite3 cannot write while a statement is still iterating.
      const rows = [...this.rows(plan, 0, 0)];
      let modified = 0;
      for (const row of rows) if (this.applyAndWrite(row, prepared)) modified += 1;
      return { matchedCount: rows.length, modifiedCount: modified };
    });
  }

  async findOneAndUpdate(filter: Filter, update: Update, options?: FindOneAndUpdateOptions): Promise<T | null> {
    if (this.turns.mustWait()) return this.turns.whenFree(() => this.findOneAndUpdate(filter, update, options));
    this.enter();
    const prepared = prepareUpdate(update);
    const plan = this.plan(filter, options?.sort);
    const returnAfter = (options?.returnDocument ?? 'after') === 'after';
    return this.engine.atomic(() => {
      const row = this.first(plan);
      if (!row) {
        if (!options?.upsert) return null;
        const inserted = this.upsert(filter, prepared);
        return returnAfter ? (inserted as unknown as T) : null;
      }
      const before = returnAfter ? undefined : decodeDoc(row.text);
      this.applyAndWrite(row, prepared);
      return (before ?? row.doc) as unknown as T;
    });
  }

  async replaceOne(filter: Filter, doc: Omit<T, '_id'>): Promise<boolean> {
    if (this.turns.mustWait()) return this.turns.whenFree(() => this.replaceOne(filter, doc));
    this.enter();
    const replacement = normalizeDoc(doc, 'replacement');
    const plan = this.plan(filter, undefined);
    return this.engine.atomic(() => {
      const row = this.first(plan);
      if (!row) return false;
      const id = row.doc._id as string;
      if (replacement._id !== undefined && replacement._id !== id) throw new StorageUsageError('replaceOne: _id is immutable');
      const { _id: _ignored, ...rest } = replacement;
      this.writeDoc(id, { _id: id, ...rest });
      return true;
    });
  }

  async deleteOne(filter: Filter): Promise<number> {
    if (this.turns.mustWait()) return this.turns.whenFree(() => this.deleteOne(filter));
    this.enter();
    const plan = this.plan(filter, undefined);
    return this.engine.atomic(() => {
      const row = this.first(plan);
      if (!row) return 0;
      return this.engine.statement(`DELETE FROM ${this.table} WHERE id = ?`).run(row.doc._id as string).changes;
    });
  }

  async deleteMany(filter: Filter): Promise<number> {
    if (this.turns.mustWait()) return this.turns.whenFree(() => this.deleteMany(filter));
    this.enter();
    const plan = this.plan(filter, undefined);
    if (plan.where.exact) {
      return this.engine.statement(`DELETE FROM ${this.table} WHERE ${plan.where.sql}`).run(...plan.where.params).changes;
    }
    return this.engine.atomic(() => {
      const ids = [...this.rows(plan, 0, 0)].map((row) => row.doc._id as string);
      const remove = this.engine.statement(`DELETE FROM ${this.table} WHERE id = ?`);
      for (const id of ids) remove.run(id);
      return ids.length;
    });
  }

  async ensureIndexes(specs: readonly IndexSpec[]): Promise<void> {
    // Its in-memory index rules would outlive a rollback; and indexes belong to start-up, not to requests.
    this.turns.assertOutside('ensureIndexes');
    if (this.turns.mustWait()) return this.turns.whenFree(() => this.ensureIndexes(specs));
    this.enter();
    const wanted: StoredIndex[] = [];
    for (const index of specs.map(validateIndexSpec)) {
      const twin = wanted.find((w) => w.name === index.name);
      if (twin && !sameIndex(twin, index)) throw new StorageUsageError(`${this.name}: two definitions for index ${index.name}`);
      if (!twin) wanted.push(index);
    }
    this.engine.atomic(() => {
      for (const index of wanted) {
        const existing = this.rules.indexes.find((i) => i.name === index.name);
        if (existing) {
          if (!sameIndex(existing, index)) throw new StorageUsageError(`${this.name}: index ${index.name} exists with another definition`);
          continue;
        }
        // Existing documents must already follow the rules the new index imposes on writes.
        const rules = new IndexRules([index]);
        for (const text of this.engine.statement(`SELECT doc FROM ${this.table}`).pluck().iterate() as IterableIterator<string>) {
          rules.check(decodeDoc(text), this.name);
        }
        this.write(() => this.engine.statement(createIndexSql(this.name, this.table, index)).run());
        this.engine
          .statement('INSERT INTO preau_indexes (collection, name, spec) VALUES (?, ?, ?)')
          .run(this.name, index.name, JSON.stringify({ fields: index.fields, unique: index.unique }));
      }
    });
    // Only now, after the commit, do queries start trusting the new scalar paths.
    this.rules = new IndexRules([...this.rules.indexes, ...wanted.filter((w) => !this.rules.indexes.some((i) => i.name === w.name))]);
  }

  /** Every operation starts here, in its turn: the store must be open and the table exist. */
  private enter(): void {
    this.engine.assertOpen();
    if (!this.ready) this.createTable();
  }

  private createTable(): void {
    this.rules = new IndexRules(this.engine.createTable(this.name));
    this.ready = true;
    // Created by a store transaction that then rolls back, the table is gone again: create it at next use.
    this.turns.onRollback(() => {
      this.ready = false;
    });
  }

  private prepareInsert(doc: NewDoc<T>): Doc {
    const normalized = normalizeDoc(doc);
    const full: Doc = { _id: (normalized._id as string | undefined) ?? newId(), ...normalized };
    this.rules.check(full, this.name);
    return full;
  }

  private plan(given: Filter, sort: SortSpec | undefined): Plan {
    // Stored strings are well formed (well-formed.ts): so is what they are compared with, in SQL and in JS.
    const filter = wellFormedDeep(given);
    const matcher = compileFilter(filter);
    parseSort(sort);
    const order = orderBySql(sort);
    return {
      matcher,
      where: translateFilter(filter, this.rules.scalarPaths),
      order,
      jsSort: order === null ? compileSort(sort) : undefined,
    };
  }

  /**
   * Streams matching rows in order, applying skip/limit while streaming so a page stops the scan early.
   * With an exact translation and a SQL order, LIMIT/OFFSET go to SQLite and the matcher is not needed.
   */
  private *rows(plan: Plan, skip: number, limit: number): Generator<Row> {
    const { where, order } = plan;
    const pushDown = where.exact && order !== null;
    let sql = `SELECT doc FROM ${this.table} WHERE ${where.sql}${order ? ` ORDER BY ${order}` : ''}`;
    const params = [...where.params];
    if (pushDown && (skip > 0 || limit > 0)) {
      sql += ' LIMIT ? OFFSET ?';
      params.push(limit > 0 ? limit : -1, skip);
    }
    const texts = this.engine.statement(sql).pluck().iterate(...params) as IterableIterator<string>;
    if (order === null) {
      // A sort path SQL cannot express: collect, sort in JS, then page.
      const all: Row[] = [];
      for (const text of texts) {
        const doc = decodeDoc(text);
        if (where.exact || plan.matcher(doc)) all.push({ text, doc });
      }
      all.sort((a, b) => (plan.jsSort as (a: Doc, b: Doc) => number)(a.doc, b.doc));
      yield* all.slice(skip, limit > 0 ? skip + limit : undefined);
      return;
    }
    let skipped = pushDown ? skip : 0;
    let taken = 0;
    for (const text of texts) {
      const doc = decodeDoc(text);
      if (!pushDown) {
        if (!where.exact && !plan.matcher(doc)) continue;
        if (skipped < skip) {
          skipped += 1;
          continue;
        }
      }
      yield { text, doc };
      taken += 1;
      if (limit > 0 && taken >= limit) return;
    }
  }

  private first(plan: Plan): Row | undefined {
    for (const row of this.rows(plan, 0, 1)) return row;
    return undefined;
  }

  private upsert(filter: Filter, update: PreparedUpdate): Doc {
    const doc = buildUpsertDoc(filter, update);
    this.rules.check(doc, this.name);
    this.write(() => this.engine.statement(`INSERT INTO ${this.table} (id, doc) VALUES (?, ?)`).run(doc._id, encodeDoc(doc)));
    return doc;
  }

  /** Applies the update to the row's document; writes only when it changed. Returns whether it changed. */
  private applyAndWrite(row: Row, update: PreparedUpdate): boolean {
    const id = row.doc._id as string;
    applyUpdate(row.doc, update, false);
    if (row.doc._id !== id) throw new StorageUsageError('_id is immutable');
    const text = encodeDoc(row.doc);
    if (text === row.text) return false;
    this.rules.check(row.doc, this.name);
    this.write(() => this.engine.statement(`UPDATE ${this.table} SET doc = ? WHERE id = ?`).run(text, id));
    return true;
  }

  private writeDoc(id: string, doc: Doc): void {
    this.rules.check(doc, this.name);
    this.write(() => this.engine.statement(`UPDATE ${this.table} SET doc = ? WHERE id = ?`).run(encodeDoc(doc), id));
  }

  /** Runs a write, turning SQLite's unique-constraint errors into the port's DuplicateKeyError. */
  private write<R>(fn: () => R): R {
    try {
      return fn();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
        throw new DuplicateKeyError(this.name, portIndexName(this.name, (error as Error).message), undefined);
      }
      throw error;
    }
  }
}
