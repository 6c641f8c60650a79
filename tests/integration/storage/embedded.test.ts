/**
 * Embedded-adapter specifics the contract cannot see: the SQL prefilter agrees with the reference matcher on
 * random data and filters, indexes are actually used, write-time index rules, and the SQLite settings.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMBEDDED_FILE, openEmbeddedStore } from '../../../server/storage/embedded/store';
import { fieldSql, orderBySql, translateFilter } from '../../../server/storage/embedded/sql';
import { StorageUsageError, type BaseDoc, type Filter, type SortSpec, type Store, type StoredValue } from '../../../server/storage/port';
import { compileFilter, compileSort } from '../../../server/storage/query/match';
import type { Doc } from '../../../server/storage/query/values';

let dataDir: string;
let store: Store;
beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'preau-embedded-'));
  store = await openEmbeddedStore({ dataDir });
});
afterEach(async () => {
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A small deterministic PRNG so a failure can be replayed. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const SCALARS: StoredValue[] = [0, 1, 2, -1, 1.5, 10, 'a', 'b', 'B', '', '{x', '1', true, false, null];

function generate(random: () => number, scalarOnly: boolean): { docs: Doc[]; filters: Filter[] } {
  const pick = <V>(list: readonly V[]): V => list[Math.floor(random() * list.length)] as V;
  const value = (): StoredValue | undefined => {
    const r = random();
    if (r < 0.15) return undefined;
    if (scalarOnly || r < 0.7) return pick(SCALARS);
    if (r < 0.85) return [pick(SCALARS), pick(SCALARS)];
    return { d: pick(SCALARS) };
  };
  const docs: Doc[] = [];
  for (let i = 0; i < 120; i++) {
    const doc: Doc = { _id: `d${String(i).padStart(3, '0')}` };
    const a = value();
    if (a !== undefined) doc.a = a;
    const d = value();
    if (d !== undefined) doc.c = random() < 0.2 && !scalarOnly ? [{ d }, { e: 1 }] : { d };
    const b = random() < 0.5 ? [pick(SCALARS), pick(SCALARS)] : pick(SCALARS);
    doc.b = b;
    docs.push(doc);
  }
  const condition = (): unknown => {
    const v = pick(SCALARS);
    switch (Math.floor(random() * 9)) {
      case 0:
        return v;
      case 1:
        return { $ne: v };
      case 2:
        return { [pick(['$gt', '$gte', '$lt', '$lte'])]: v };
      case 3:
        return { $in: [v, pick(SCALARS)] };
      case 4:
        return { $nin: [v, pick(SCALARS)] };
      case 5:
        return { $exists: random() < 0.5 };
      case 6:
        return { $gt: pick(SCALARS), $lte: pick(SCALARS) };
      case 7:
        return { $size: Math.floor(random() * 3) };
      default:
        return { $regex: pick(['^a', 'b', '^$', '1']), $options: pick(['', 'i']) };
    }
  };
  const leaf = (): Filter => ({ [pick(['a', 'b', 'c.d', '_id'])]: random() < 0.1 ? { $in: ['d001', 'd050'] } : condition() });
  const filters: Filter[] = [];
  for (let i = 0; i < 400; i++) {
    const r = random();
    if (r < 0.5) filters.push(leaf());
    else if (r < 0.7) filters.push({ ...leaf(), ...leaf() });
    else filters.push({ [pick(['$and', '$or', '$nor'])]: [leaf(), leaf()] });
  }
  return { docs, filters };
}

describe('SQL prefiltering agrees with the reference matcher', () => {
  for (const indexed of [false, true]) {
    it(`on random documents and filters (${indexed ? 'indexed scalar paths' : 'no indexes, arrays anywhere'})`, async () => {
      const random = prng(indexed ? 7 : 11);
      const { docs, filters } = generate(random, indexed);
      const collection = store.collection<BaseDoc>('random');
      if (indexed) await collection.ensureIndexes([{ fields: { a: 1 } }, { fields: { 'c.d': -1 } }]);
      await collection.insertMany(docs as unknown as BaseDoc[]);
      const sorts: SortSpec[] = [{ _id: 1 }, { a: 1, _id: 1 }, { 'c.d': -1, _id: -1 }];
      let exact = 0;
      for (const [i, filter] of filters.entries()) {
        const matcher = compileFilter(filter);
        if (translateFilter(filter, new Set(indexed ? ['a', 'c.d'] : [])).exact) exact += 1;
        const expected = docs.filter((doc) => matcher(doc)).map((doc) => doc._id as string);
        const context = `filter #${i}: ${JSON.stringify(filter)}`;
        expect((await collection.find(filter)).map((d) => d._id).sort(), context).toEqual([...expected].sort());
        expect(await collection.count(filter), context).toBe(expected.length);
        if (indexed) {
          // Paging is pushed into SQL when exact: it must give the matcher's order and window.
          // The port only defines the order of single-typed keys: compare pages where the first key is one.
          const sort = sorts[i % sorts.length] as SortSpec;
          const matched = docs.filter((doc) => matcher(doc));
          const firstKey = Object.keys(sort)[0] as string;
          const keyOf = (doc: Doc): unknown => (firstKey === 'c.d' ? (doc.c as Doc | undefined)?.d : doc[firstKey]);
          const types = new Set(matched.map(keyOf).filter((v) => v !== null && v !== undefined).map((v) => typeof v));
          if (types.size <= 1) {
            const ordered = matched.sort(compileSort(sort)).map((doc) => doc._id);
            const page = await collection.find(filter, { sort, skip: 2, limit: 5 });
            expect(page.map((d) => d._id), `${context} sorted by ${JSON.stringify(sort)}`).toEqual(ordered.slice(2, 7));
          }
        }
      }
      if (indexed) expect(exact).toBeGreaterThan(filters.length / 3);
    });
  }
});

describe('indexes', () => {
  it('are used by the query planner for equality, ranges and order', async () => {
    const users = store.collection<BaseDoc & { email: string; age?: number }>('users');
    await users.ensureIndexes([{ fields: { email: 1 }, unique: true }, { fields: { age: 1 } }]);
    await users.insertOne({ email: 'a@x', age: 3 });
    const scalar = new Set(['email', 'age']);
    const db = new Database(join(dataDir, EMBEDDED_FILE), { readonly: true });
    try {
      const plan = (filter: Filter, sort?: SortSpec): string => {
        const where = translateFilter(filter, scalar);
        const order = orderBySql(sort);
        const sql = `EXPLAIN QUERY PLAN SELECT doc FROM "c_users" WHERE ${where.sql}${order ? ` ORDER BY ${order}` : ''}`;
        return (db.prepare(sql).all(...where.params) as Array<{ detail: string }>).map((row) => row.detail).join('; ');
      };
      expect(plan({ email: 'a@x' })).toContain('USING INDEX ix:users:email_1');
      expect(plan({ age: { $gte: 2, $lt: 9 } })).toContain('USING INDEX ix:users:age_1');
      expect(plan({ age: { $in: [2, 3] } })).toContain('USING INDEX ix:users:age_1');
      expect(plan({}, { age: 1 })).toContain('ix:users:age_1');
      expect(plan({ _id: 'x' })).toMatch(/PRIMARY KEY|sqlite_autoindex/);
      expect(fieldSql('a.b')).toBe("json_extract(doc,'$.a.b')");
    } finally {
      db.close();
    }
  });

  it('refuse arrays and objects in indexed fields, and missing unique fields', async () => {
    const things = store.collection<BaseDoc & Record<string, StoredValue>>('things');
    await things.ensureIndexes([{ fields: { tag: 1 } }, { fields: { code: 1 }, unique: true }]);
    await expect(things.insertOne({ code: 'a', tag: ['x'] })).rejects.toBeInstanceOf(StorageUsageError);
    await expect(things.insertOne({ code: 'a', tag: { x: 1 } })).rejects.toBeInstanceOf(StorageUsageError);
    await expect(things.insertOne({ tag: 'x' })).rejects.toBeInstanceOf(StorageUsageError);
    await expect(things.insertOne({ code: null, tag: 'x' })).rejects.toBeInstanceOf(StorageUsageError);
    await things.insertOne({ _id: 't', code: 'a', tag: 'x' });
    await expect(things.updateOne({ _id: 't' }, { $set: { tag: [1] } })).rejects.toBeInstanceOf(StorageUsageError);
    await expect(things.updateOne({ _id: 't' }, { $unset: { code: 1 } })).rejects.toBeInstanceOf(StorageUsageError);
    expect(await things.find({})).toEqual([{ _id: 't', code: 'a', tag: 'x' }]);
  });

  it('cannot be created over documents that break their rules, nor redefined', async () => {
    const things = store.collection<BaseDoc & Record<string, StoredValue>>('things');
    await things.insertOne({ tags: ['a'] });
    await expect(things.ensureIndexes([{ fields: { tags: 1 } }])).rejects.toBeInstanceOf(StorageUsageError);
    await things.ensureIndexes([{ fields: { n: 1 }, name: 'by_n' }]);
    await expect(things.ensureIndexes([{ fields: { n: -1 }, name: 'by_n' }])).rejects.toBeInstanceOf(StorageUsageError);
    await expect(things.ensureIndexes([{ fields: { 'bad-path': 1 } }])).rejects.toBeInstanceOf(StorageUsageError);
  });
});

describe('SQLite settings', () => {
  it('uses one WAL-mode file, NORMAL by default and FULL on request', async () => {
    expect(existsSync(join(dataDir, EMBEDDED_FILE))).toBe(true);
    await store.close();
    const db = new Database(join(dataDir, EMBEDDED_FILE));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    store = await openEmbeddedStore({ dataDir, synchronous: 'FULL' });
    await store.collection<BaseDoc & { v: number }>('x').insertOne({ v: 1 });
    await store.flush();
    expect(await store.collection('x').count()).toBe(1);
  });

  it('refuses calls after close', async () => {
    const notes = store.collection<BaseDoc>('notes');
    await store.close();
    await expect(notes.find({})).rejects.toBeInstanceOf(StorageUsageError);
    store = await openEmbeddedStore({ dataDir });
  });
});

describe('embedded store: deleted data does not linger', () => {
  it('overwrites a deleted document’s bytes (secure_delete), so a redacted or purged text cannot be read back from the file', async () => {
    const secret = 'SECRET-adresse-12-rue-des-Lilas';
    const notes = store.collection<BaseDoc & { text: string }>('notes');
    // Enough rows for the secret to sit in a page that stays in use after the delete.
    for (let i = 0; i < 50; i += 1) await notes.insertOne({ text: `note ${i} ${'x'.repeat(200)}` });
    await notes.insertOne({ _id: 'secret', text: secret });
    await store.flush();
    await notes.deleteMany({ _id: 'secret' });
    await store.close();
    const file = readFileSync(join(dataDir, EMBEDDED_FILE));
    expect(file.includes(Buffer.from(secret))).toBe(false);
    store = await openEmbeddedStore({ dataDir });
    expect(await store.collection('notes').count({})).toBe(50);
  });
});
