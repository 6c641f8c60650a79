/**
 * The storage contract: what every adapter of `server/storage/port.ts` must do, run against each adapter by
 * `storage.contract.test.ts`. Features may rely on exactly what is tested here.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DuplicateKeyError, newId, StorageUsageError, type BaseDoc, type StoredValue } from '../../../server/storage/port';
import { describeQueries } from './contract-queries';
import { describeStrings } from './contract-strings';
import { idsOf, useStore, type MakeStore } from './contract-support';
import { describeTransactions } from './contract-transactions';

export type { MakeStore, StoreHandle } from './contract-support';

interface Note extends BaseDoc {
  title: string;
  n?: number;
  tags?: string[];
  version?: number;
}

interface User extends BaseDoc {
  email: string;
  name?: string;
  logins?: number;
}

interface Blob extends BaseDoc {
  data: Uint8Array;
  nested?: { [key: string]: StoredValue | undefined };
}

export function describeStorageContract(adapterName: string, makeStore: MakeStore): void {
  describe(`storage contract: ${adapterName}`, () => {
    const ctx = useStore(makeStore);

    describe('CRUD', () => {
      it('inserts with a generated 32-hex id and reads back', async () => {
        const notes = ctx.collection<Note>('notes');
        const inserted = await notes.insertOne({ title: 'hello', n: 1 });
        expect(inserted._id).toMatch(/^[0-9a-f]{32}$/);
        expect(await notes.findOne({ _id: inserted._id })).toEqual({ _id: inserted._id, title: 'hello', n: 1 });
        const given = await notes.insertOne({ _id: 'fixed', title: 'given' });
        expect(given._id).toBe('fixed');
        expect(await notes.count()).toBe(2);
        expect(await notes.findOne({ title: 'nope' })).toBeNull();
      });

      it('drops undefined members, as absent fields', async () => {
        const notes = ctx.collection<Note>('notes');
        await notes.insertOne({ _id: 'u', title: 't', n: undefined });
        expect(await notes.findOne({ _id: 'u' })).toEqual({ _id: 'u', title: 't' });
        expect(await notes.count({ n: { $exists: true } })).toBe(0);
      });

      it('insertMany keeps the documents before a failure', async () => {
        const notes = ctx.collection<Note>('notes');
        await expect(
          notes.insertMany([{ _id: 'a', title: '1' }, { _id: 'b', title: '2' }, { _id: 'a', title: 'dup' }, { _id: 'c', title: '4' }]),
        ).rejects.toBeInstanceOf(DuplicateKeyError);
        expect(await idsOf(notes, {})).toEqual(['a', 'b']);
        expect(await notes.insertMany([])).toEqual([]);
      });

      it('rejects a duplicate _id', async () => {
        const notes = ctx.collection<Note>('notes');
        await notes.insertOne({ _id: 'same', title: 'first' });
        const error = await notes.insertOne({ _id: 'same', title: 'second' }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(DuplicateKeyError);
        expect((error as DuplicateKeyError).collection).toBe('notes');
        expect((await notes.findOne({ _id: 'same' }))?.title).toBe('first');
      });

      it('updates one or many and reports matched/modified counts', async () => {
        const notes = ctx.collection<Note>('notes');
        await notes.insertMany([{ _id: 'a', title: 'x', n: 1 }, { _id: 'b', title: 'x', n: 2 }, { _id: 'c', title: 'y', n: 3 }]);
        expect(await notes.updateOne({ title: 'x' }, { $inc: { n: 10 } })).toEqual({ matchedCount: 1, modifiedCount: 1 });
        expect(await notes.updateMany({ title: 'x' }, { $set: { tags: ['t'] } })).toEqual({ matchedCount: 2, modifiedCount: 2 });
        expect(await notes.updateMany({ title: 'x' }, { $set: { tags: ['t'] } })).toEqual({ matchedCount: 2, modifiedCount: 0 });
        expect(await notes.updateOne({ title: 'zzz' }, { $set: { n: 0 } })).toEqual({ matchedCount: 0, modifiedCount: 0 });
        expect((await notes.find({ n: { $gt: 10 } })).length).toBe(1);
        expect(await notes.findOne({ _id: 'c' })).toEqual({ _id: 'c', title: 'y', n: 3 });
      });

      it('applies every update operator', async () => {
        const notes = ctx.collection<BaseDoc & Record<string, StoredValue>>('notes');
        await notes.insertOne({ _id: 'o', a: 1, lo: 5, hi: 5, gone: 'x', list: [1, 2, 3, 2], set: ['a'], obj: { k: 1 } });
        await notes.updateOne(
          { _id: 'o' },
          {
            $set: { 'obj.deep.x': true },
            $unset: { gone: '' },
            $inc: { a: 2, fresh: 1 },
            $min: { lo: 1 },
            $max: { hi: 9 },
            $push: { pushed: { $each: [1, 2, 3], $slice: -2 } },
            $addToSet: { set: { $each: ['a', 'b'] } },
            $pull: { list: 2 },
            $setOnInsert: { never: 1 },
          },
        );
        expect(await notes.findOne({ _id: 'o' })).toEqual({
          _id: 'o', a: 3, lo: 1, hi: 9, list: [1, 3], set: ['a', 'b'], obj: { k: 1, deep: { x: true } }, fresh: 1, pushed: [2, 3],
        });
        await notes.updateOne({ _id: 'o' }, { $pull: { list: { $gte: 3 } }, $push: { set: 'c' } });
        expect(await notes.findOne({ _id: 'o' })).toMatchObject({ list: [1], set: ['a', 'b', 'c'] });
      });

      it('upserts from the filter equalities plus the update', async () => {
        const users = ctx.collection<User>('users');
        const result = await users.updateOne({ email: 'a@x', name: { $eq: 'Ann' } }, { $inc: { logins: 1 }, $setOnInsert: { tag: 'new' } }, { upsert: true });
        expect(result.matchedCount).toBe(0);
        expect(typeof result.upsertedId).toBe('string');
        expect(await users.findOne({ _id: result.upsertedId as string })).toEqual({ _id: result.upsertedId, email: 'a@x', name: 'Ann', logins: 1, tag: 'new' });
        const again = await users.updateOne({ email: 'a@x' }, { $inc: { logins: 1 }, $setOnInsert: { tag: 'ignored' } }, { upsert: true });
        expect(again).toEqual({ matchedCount: 1, modifiedCount: 1 });
        expect(await users.findOne({ email: 'a@x' })).toMatchObject({ logins: 2, tag: 'new' });
        await users.updateOne({ _id: 'chosen' }, { $set: { email: 'b@x' } }, { upsert: true });
        expect(await users.findOne({ _id: 'chosen' })).toEqual({ _id: 'chosen', email: 'b@x' });
      });

      it('keeps _id immutable', async () => {
        const notes = ctx.collection<Note>('notes');
        await notes.insertOne({ _id: 'k', title: 't' });
        await expect(notes.updateOne({ _id: 'k' }, { $set: { _id: 'other' } as Record<string, unknown> })).rejects.toBeInstanceOf(StorageUsageError);
        await expect(notes.replaceOne({ _id: 'k' }, { _id: 'other', title: 'x' } as Omit<Note, '_id'>)).rejects.toBeInstanceOf(StorageUsageError);
        expect(await notes.findOne({ _id: 'k' })).toEqual({ _id: 'k', title: 't' });
      });

      it('replaces whole documents and deletes', async () => {
        const notes = ctx.collection<Note>('notes');
        await notes.insertMany([{ _id: 'a', title: 'x', n: 1 }, { _id: 'b', title: 'x' }, { _id: 'c', title: 'y' }]);
        expect(await notes.replaceOne({ _id: 'a' }, { title: 'new' })).toBe(true);
        expect(await notes.findOne({ _id: 'a' })).toEqual({ _id: 'a', title: 'new' });
        expect(await notes.replaceOne({ _id: 'zz' }, { title: 'no' })).toBe(false);
        expect(await notes.deleteOne({ title: 'x' })).toBe(1);
        expect(await notes.deleteOne({ title: 'x' })).toBe(0);
        await notes.insertMany([{ _id: 'd', title: 'y' }, { _id: 'e', title: 'z', tags: ['q'] }]);
        expect(await notes.deleteMany({ title: 'y' })).toBe(2);
        expect(await notes.deleteMany({ tags: 'q' })).toBe(1);
        expect(await idsOf(notes, {})).toEqual(['a']);
      });
    });

    describe('generated ids', () => {
      /** How many of the 24 random hex digits differ between two ids. */
      const differences = (x: string, y: string): number => [...x.slice(8)].filter((digit, i) => digit !== y[8 + i]).length;

      it('start with the creation second, then 24 random hex digits', () => {
        const now = Date.UTC(2030, 0, 1);
        const id = newId(now);
        expect(id).toMatch(/^[0-9a-f]{32}$/);
        expect(Number.parseInt(id.slice(0, 8), 16)).toBe(now / 1000);
        expect(newId(now + 999).slice(0, 8)).toBe(id.slice(0, 8));
      });

      it('are distinct over 10,000, and ids of the same second share no predictable suffix', () => {
        const now = Date.now();
        const ids = Array.from({ length: 10_000 }, () => newId(now));
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids.every((id) => /^[0-9a-f]{32}$/.test(id))).toBe(true);
        // Consecutive ids of one second, as a guesser would try: random digits differ in 22.5 of 24 places on
        // average; a counter (the former ObjectId-like ids) in at most a few.
        let total = 0;
        for (let i = 1; i < ids.length; i++) total += differences(ids[i - 1] as string, ids[i] as string);
        expect(total / (ids.length - 1)).toBeGreaterThan(12);
      });

      it('are what inserts and upserts generate', async () => {
        const notes = ctx.collection<Note>('notes');
        const inserted = await notes.insertMany(Array.from({ length: 300 }, (_, i) => ({ title: `t${i}` })));
        const upserted = await notes.updateOne({ title: 'up' }, { $set: { n: 1 } }, { upsert: true });
        const ids = [...inserted.map((doc) => doc._id), upserted.upsertedId as string];
        expect(ids.every((id) => /^[0-9a-f]{32}$/.test(id))).toBe(true);
        expect(new Set(ids).size).toBe(ids.length);
        expect(differences(ids[0] as string, ids[1] as string) + differences(ids[1] as string, ids[2] as string)).toBeGreaterThan(12);
      });
    });

    describeQueries(ctx);

    describeStrings(ctx);

    describeTransactions(ctx);

    describe('unique indexes', () => {
      const setup = async () => {
        const users = ctx.collection<User>('users');
        await users.ensureIndexes([{ fields: { email: 1 }, unique: true }, { fields: { name: 1, logins: -1 } }]);
        await users.ensureIndexes([{ fields: { email: 1 }, unique: true }]);
        await users.insertMany([{ _id: 'u1', email: 'a@x', name: 'Ann' }, { _id: 'u2', email: 'b@x', name: 'Bob' }]);
        return users;
      };
      const expectDuplicate = async (promise: Promise<unknown>, index: string) => {
        const error = await promise.then(() => undefined, (e: unknown) => e);
        expect(error).toBeInstanceOf(DuplicateKeyError);
        expect((error as DuplicateKeyError).index).toBe(index);
        expect((error as DuplicateKeyError).code).toBe('DUPLICATE_KEY');
      };

      it('reject a duplicate on insert', async () => {
        const users = await setup();
        await expectDuplicate(users.insertOne({ email: 'a@x' }), 'email_1');
        expect(await users.count()).toBe(2);
      });

      it('reject a duplicate on update, upsert and findOneAndUpdate', async () => {
        const users = await setup();
        await expectDuplicate(users.updateOne({ _id: 'u2' }, { $set: { email: 'a@x' } }), 'email_1');
        await expectDuplicate(users.updateOne({ name: 'Cy' }, { $set: { email: 'b@x' } }, { upsert: true }), 'email_1');
        await expectDuplicate(users.findOneAndUpdate({ name: 'Dee' }, { $set: { email: 'a@x' } }, { upsert: true }), 'email_1');
        await expectDuplicate(users.replaceOne({ _id: 'u2' }, { email: 'a@x' }), 'email_1');
        expect(await users.findOne({ _id: 'u2' })).toEqual({ _id: 'u2', email: 'b@x', name: 'Bob' });
        expect(await users.count()).toBe(2);
      });

      it('use the given name of a compound index', async () => {
        const members = ctx.collection<BaseDoc & { school: string; login: string }>('members');
        await members.ensureIndexes([{ fields: { school: 1, login: 1 }, unique: true, name: 'school_login' }]);
        await members.insertOne({ school: 's1', login: 'ann' });
        await members.insertOne({ school: 's2', login: 'ann' });
        await expectDuplicate(members.insertOne({ school: 's1', login: 'ann' }), 'school_login');
      });
    });

    describe('binary', () => {
      const bytes = (...values: number[]) => new Uint8Array(values);

      it('round-trips plain Uint8Array values, nested in objects and arrays', async () => {
        const blobs = ctx.collection<Blob>('blobs');
        const doc = { _id: 'b', data: bytes(0, 1, 255), nested: { inner: bytes(7), list: [bytes(), { deep: bytes(1, 2) }, 'text'] } };
        await blobs.insertOne(doc);
        const read = (await blobs.findOne({ _id: 'b' })) as Blob;
        expect(read).toEqual(doc);
        expect(Object.getPrototypeOf(read.data)).toBe(Uint8Array.prototype);
        const inner = (read.nested as { inner: Uint8Array }).inner;
        expect(Object.getPrototypeOf(inner)).toBe(Uint8Array.prototype);
        expect(await blobs.count({ data: bytes(0, 1, 255) })).toBe(1);
      });

      it('accepts Buffer on write and returns Uint8Array', async () => {
        const blobs = ctx.collection<Blob>('blobs');
        await blobs.insertOne({ _id: 'buf', data: Buffer.from('héllo') });
        await blobs.updateOne({ _id: 'buf' }, { $push: { 'nested.list': Buffer.from([9]) } });
        const read = (await blobs.findOne({ _id: 'buf' })) as Blob;
        expect(Buffer.isBuffer(read.data)).toBe(false);
        expect(read.data).toEqual(new Uint8Array(Buffer.from('héllo')));
        expect(read.nested).toEqual({ list: [bytes(9)] });
      });

      it('stores a 1 MB blob', async () => {
        const blobs = ctx.collection<Blob>('blobs');
        const data = new Uint8Array(randomBytes(1024 * 1024));
        await blobs.insertOne({ _id: 'big', data });
        const read = await blobs.findOne({ _id: 'big' });
        expect(read?.data.length).toBe(data.length);
        expect(Buffer.compare(Buffer.from(read?.data ?? []), Buffer.from(data))).toBe(0);
      });
    });

    describe('atomicity', () => {
      it('counts 1,000 concurrent $inc exactly', async () => {
        const notes = ctx.collection<Note>('notes');
        await notes.insertOne({ _id: 'counter', title: 'c', n: 0 });
        const results = await Promise.all(Array.from({ length: 1000 }, () => notes.updateOne({ _id: 'counter' }, { $inc: { n: 1 } })));
        expect(results.every((r) => r.modifiedCount === 1)).toBe(true);
        expect((await notes.findOne({ _id: 'counter' }))?.n).toBe(1000);
      });

      it('findOneAndUpdate returns before/after, honours sort and upserts', async () => {
        const notes = ctx.collection<Note>('notes');
        await notes.insertMany([{ _id: 'a', title: 'q', n: 2 }, { _id: 'b', title: 'q', n: 1 }, { _id: 'c', title: 'q', n: 3 }]);
        const after = await notes.findOneAndUpdate({ title: 'q' }, { $inc: { n: 10 } }, { sort: { n: 1 } });
        expect(after).toEqual({ _id: 'b', title: 'q', n: 11 });
        const before = await notes.findOneAndUpdate({ title: 'q' }, { $set: { tags: ['x'] } }, { sort: { n: -1 }, returnDocument: 'before' });
        expect(before).toEqual({ _id: 'b', title: 'q', n: 11 });
        expect(await notes.findOne({ _id: 'b' })).toEqual({ _id: 'b', title: 'q', n: 11, tags: ['x'] });
        expect(await notes.findOneAndUpdate({ title: 'none' }, { $set: { n: 1 } })).toBeNull();
        const upserted = await notes.findOneAndUpdate({ title: 'seq' }, { $inc: { n: 1 } }, { upsert: true });
        expect(upserted).toMatchObject({ title: 'seq', n: 1 });
        expect(upserted?._id).toMatch(/^[0-9a-f]{32}$/);
        expect(await notes.findOneAndUpdate({ title: 'seq2' }, { $inc: { n: 1 } }, { upsert: true, returnDocument: 'before' })).toBeNull();
        expect(await notes.count({ title: 'seq2' })).toBe(1);
      });

      it('supports optimistic concurrency on a version field', async () => {
        const notes = ctx.collection<Note>('notes');
        await notes.insertOne({ _id: 'doc', title: 'v1', version: 1 });
        const first = await notes.updateOne({ _id: 'doc', version: 1 }, { $inc: { version: 1 }, $set: { title: 'v2' } });
        const stale = await notes.updateOne({ _id: 'doc', version: 1 }, { $inc: { version: 1 }, $set: { title: 'lost' } });
        expect(first.matchedCount).toBe(1);
        expect(stale.matchedCount).toBe(0);
        expect(await notes.findOne({ _id: 'doc' })).toEqual({ _id: 'doc', title: 'v2', version: 2 });
      });
    });

    describe('value model', () => {
      class Point {
        x = 1;
      }
      const invalid: Array<[string, Record<string, unknown>]> = [
        ['a Date', { at: new Date() }],
        ['a function', { fn: () => 1 }],
        ['NaN', { n: Number.NaN }],
        ['Infinity', { n: Number.POSITIVE_INFINITY }],
        ['a class instance', { p: new Point() }],
        ['a Map', { m: new Map() }],
        ['another typed array', { t: new Uint16Array(2) }],
        ['a bigint', { b: 1n }],
        ['a $ key', { nested: { $where: 1 } }],
        ['a dotted key', { 'a.b': 1 }],
        ['a __proto__ key', JSON.parse('{"nested":{"__proto__":{"x":1}}}') as Record<string, unknown>],
        ['a bad value in an array', { list: [1, new Date()] }],
        ['undefined in an array', { list: [1, undefined] }],
        ['a non-string _id', { _id: 42 }],
      ];

      it.each(invalid)('refuses %s on insert, $set and replace', async (_name, doc) => {
        const notes = ctx.collection<Note>('notes');
        await notes.insertOne({ _id: 'ok', title: 't' });
        await expect(notes.insertOne({ title: 'x', ...doc } as Note)).rejects.toBeInstanceOf(StorageUsageError);
        // A dotted key is a valid $set path, and _id cannot be $set at all: only test the others there.
        if (!('_id' in doc) && !Object.keys(doc).some((key) => key.includes('.'))) {
          await expect(notes.updateOne({ _id: 'ok' }, { $set: doc })).rejects.toBeInstanceOf(StorageUsageError);
          await expect(notes.replaceOne({ _id: 'ok' }, { title: 'x', ...doc } as Omit<Note, '_id'>)).rejects.toBeInstanceOf(StorageUsageError);
        }
        expect(await notes.find({})).toEqual([{ _id: 'ok', title: 't' }]);
      });

      it('refuses unsupported filters and updates', async () => {
        const notes = ctx.collection<Note>('notes');
        await expect(notes.find({ at: new Date() })).rejects.toBeInstanceOf(StorageUsageError);
        await expect(notes.find({ n: { $where: 'x' } })).rejects.toBeInstanceOf(StorageUsageError);
        await expect(notes.find({ n: undefined })).rejects.toBeInstanceOf(StorageUsageError);
        await expect(notes.updateOne({}, {})).rejects.toBeInstanceOf(StorageUsageError);
        await expect(notes.updateOne({}, { $rename: { a: 'b' } } as never)).rejects.toBeInstanceOf(StorageUsageError);
        await expect(notes.find({}, { sort: { n: 2 as 1 } })).rejects.toBeInstanceOf(StorageUsageError);
        await expect(notes.find({}, { limit: -1 })).rejects.toBeInstanceOf(StorageUsageError);
        await expect(notes.find({}, { skip: 1.5 })).rejects.toBeInstanceOf(StorageUsageError);
        expect(() => ctx.store.collection('bad name!')).toThrow(StorageUsageError);
      });
    });

    describe('store', () => {
      it('pings and flushes', async () => {
        await expect(ctx.store.ping()).resolves.toBeUndefined();
        await ctx.collection<Note>('notes').insertOne({ title: 'x' });
        await expect(ctx.store.flush()).resolves.toBeUndefined();
      });

      it('keeps data and indexes across close and reopen', async () => {
        if (!ctx.handle.reopen) return;
        const users = ctx.collection<User>('users');
        await users.ensureIndexes([{ fields: { email: 1 }, unique: true }]);
        await users.insertOne({ _id: 'p', email: 'p@x', name: 'Pat' });
        await users.updateOne({ _id: 'p' }, { $inc: { logins: 5 } });
        const reopened = await ctx.handle.reopen();
        ctx.setStore(reopened);
        const again = reopened.collection<User>('users');
        expect(await again.findOne({ email: 'p@x' })).toEqual({ _id: 'p', email: 'p@x', name: 'Pat', logins: 5 });
        await expect(again.insertOne({ email: 'p@x' })).rejects.toBeInstanceOf(DuplicateKeyError);
      });
    });
  });
}
