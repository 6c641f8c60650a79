/**
 * Contract: filters, sorting and pagination. Every filter runs twice, without and with indexes on the scalar
 * fields, because the embedded adapter translates conditions on indexed paths differently (exact SQL).
 */
import { describe, expect, it } from 'vitest';
import type { BaseDoc, Filter, IndexSpec } from '../../../server/storage/port';
import { idsOf, type StoreContext } from './contract-support';

interface Item extends BaseDoc {
  n?: number | null;
  s?: string;
  b?: boolean;
  tags?: string[];
  meta?: { level?: number; tag?: string };
  items?: Array<{ k: string; v: number }>;
  mixed?: number | string | boolean | Array<number | number[]>;
  bin?: Uint8Array;
}

const ITEMS: Item[] = [
  { _id: 'i1', n: 1, s: 'alpha', b: true, tags: ['red', 'blue'], meta: { level: 1, tag: 'x' }, items: [{ k: 'a', v: 1 }, { k: 'b', v: 5 }] },
  { _id: 'i2', n: 2, s: 'beta', b: false, tags: ['blue'], meta: { level: 2 }, items: [{ k: 'a', v: 7 }] },
  { _id: 'i3', n: 3, s: 'Gamma', tags: [], meta: { level: 3, tag: 'y' } },
  { _id: 'i4', n: null, s: 'delta', b: true, tags: ['green', 'red', 'blue'] },
  { _id: 'i5', s: 'epsilon', meta: {}, mixed: [1, [2, 3]] },
  { _id: 'i6', n: 0, s: '{weird', b: false, mixed: 1 },
  { _id: 'i7', n: 10.5, s: 'zeta', b: true, mixed: '1', bin: new Uint8Array([1, 2, 3]) },
  { _id: 'i8', n: 1, mixed: true, tags: ['red'] },
];

const INDEXES: IndexSpec[] = [{ fields: { n: 1 } }, { fields: { s: 1 } }, { fields: { b: 1 } }, { fields: { 'meta.level': 1, 'meta.tag': -1 } }];
const ALL = ITEMS.map((item) => item._id);
const except = (...ids: string[]): string[] => ALL.filter((id) => !ids.includes(id));

/** [description, filter, expected ids] */
const CASES: Array<[string, Filter, string[]]> = [
  ['number equality', { n: 1 }, ['i1', 'i8']],
  ['zero is not false', { n: 0 }, ['i6']],
  ['true is not 1', { b: true }, ['i1', 'i4', 'i7']],
  ['false is not 0', { b: false }, ['i2', 'i6']],
  ['1 is not true', { n: true }, []],
  ['0 is not false (other way)', { b: 0 }, []],
  ['scalar in array', { mixed: 1 }, ['i5', 'i6']],
  ['boolean among mixed types', { mixed: true }, ['i8']],
  ['array element equal to array', { mixed: [2, 3] }, ['i5']],
  ['string starting with {', { s: '{weird' }, ['i6']],
  ['null matches null and missing', { n: null }, ['i4', 'i5']],
  ['dotted equality', { 'meta.level': 2 }, ['i2']],
  ['dotted null', { 'meta.tag': null }, ['i2', 'i4', 'i5', 'i6', 'i7', 'i8']],
  ['array contains', { tags: 'red' }, ['i1', 'i4', 'i8']],
  ['whole array equality', { tags: ['blue'] }, ['i2']],
  ['empty array equality', { tags: [] }, ['i3']],
  ['path through array of objects', { 'items.k': 'a' }, ['i1', 'i2']],
  ['numeric path segment', { 'items.0.v': 7 }, ['i2']],
  ['_id equality', { _id: 'i3' }, ['i3']],
  ['binary equality', { bin: new Uint8Array([1, 2, 3]) }, ['i7']],
  ['$eq', { s: { $eq: 'beta' } }, ['i2']],
  ['$gt number', { n: { $gt: 1 } }, ['i2', 'i3', 'i7']],
  ['$gte number', { n: { $gte: 1 } }, ['i1', 'i2', 'i3', 'i7', 'i8']],
  ['$lt number excludes null', { n: { $lt: 1 } }, ['i6']],
  ['$lte number', { n: { $lte: 1 } }, ['i1', 'i6', 'i8']],
  ['range', { n: { $gt: 0, $lt: 3 } }, ['i1', 'i2', 'i8']],
  ['$gt string (byte order)', { s: { $gt: 'delta' } }, ['i5', 'i6', 'i7']],
  ['$lt string (uppercase first)', { s: { $lt: 'beta' } }, ['i1', 'i3']],
  ['string range', { s: { $gte: 'alpha', $lte: 'beta' } }, ['i1', 'i2']],
  ['$gte null', { n: { $gte: null } }, ['i4', 'i5']],
  ['$gt false', { b: { $gt: false } }, ['i1', 'i4', 'i7']],
  ['$gt on _id', { _id: { $gt: 'i6' } }, ['i7', 'i8']],
  ['$lte on _id', { _id: { $lte: 'i2' } }, ['i1', 'i2']],
  ['dotted range', { 'meta.level': { $gte: 2 } }, ['i2', 'i3']],
  ['type bracketing on mixed field', { mixed: { $gt: 1 } }, []],
  ['range over array elements', { mixed: { $lt: 2 } }, ['i5', 'i6']],
  ['$ne', { n: { $ne: 1 } }, except('i1', 'i8')],
  ['$ne on array', { tags: { $ne: 'red' } }, ['i2', 'i3', 'i5', 'i6', 'i7']],
  ['$ne true', { b: { $ne: true } }, ['i2', 'i3', 'i5', 'i6', 'i8']],
  ['$ne on _id', { _id: { $ne: 'i1' } }, except('i1')],
  ['$in', { n: { $in: [1, 3] } }, ['i1', 'i3', 'i8']],
  ['$in with 0 and null', { n: { $in: [0, null] } }, ['i4', 'i5', 'i6']],
  ['$in strings', { s: { $in: ['alpha', '{weird', 'nope'] } }, ['i1', 'i6']],
  ['$in on array field', { tags: { $in: ['green', 'blue'] } }, ['i1', 'i2', 'i4']],
  ['$in boolean', { b: { $in: [false] } }, ['i2', 'i6']],
  ['$in true is not 1', { n: { $in: [true] } }, []],
  ['$in empty', { n: { $in: [] } }, []],
  ['$nin', { n: { $nin: [1, 2, null] } }, ['i3', 'i6', 'i7']],
  ['$in on _id', { _id: { $in: ['i1', 'i9', 'i4'] } }, ['i1', 'i4']],
  ['$nin on _id', { _id: { $nin: ['i1'] } }, except('i1')],
  ['$exists true (null exists)', { n: { $exists: true } }, except('i5')],
  ['$exists false', { n: { $exists: false } }, ['i5']],
  ['dotted $exists', { 'meta.tag': { $exists: true } }, ['i1', 'i3']],
  ['$exists through arrays', { 'items.k': { $exists: true } }, ['i1', 'i2']],
  ['$exists false on boolean', { b: { $exists: false } }, ['i3', 'i5', 'i8']],
  ['$regex with $options', { s: { $regex: '^gam', $options: 'i' } }, ['i3']],
  ['$regex anchored end', { s: { $regex: 'ta$' } }, ['i2', 'i4', 'i7']],
  ['$regex on array elements', { tags: { $regex: '^gr' } }, ['i4']],
  ['$regex is case-sensitive', { s: { $regex: 'ALPHA' } }, []],
  ['$elemMatch document', { items: { $elemMatch: { k: 'a', v: { $gt: 3 } } } }, ['i2']],
  ['$elemMatch same element', { items: { $elemMatch: { k: 'a', v: 5 } } }, []],
  ['conditions on different elements', { 'items.k': 'a', 'items.v': 5 }, ['i1']],
  ['$elemMatch value with $regex', { tags: { $elemMatch: { $regex: '^b' } } }, ['i1', 'i2', 'i4']],
  ['$elemMatch value range', { mixed: { $elemMatch: { $gte: 1 } } }, ['i5']],
  ['$size 0', { tags: { $size: 0 } }, ['i3']],
  ['$size 3', { tags: { $size: 3 } }, ['i4']],
  ['$size 1', { tags: { $size: 1 } }, ['i2', 'i8']],
  ['$or', { $or: [{ n: 1 }, { s: 'zeta' }] }, ['i1', 'i7', 'i8']],
  ['$and on one array', { $and: [{ tags: 'red' }, { tags: 'blue' }] }, ['i1', 'i4']],
  ['$nor', { $nor: [{ b: true }, { n: { $exists: false } }] }, ['i2', 'i3', 'i6', 'i8']],
  ['$or with a sibling condition', { $or: [{ b: true }, { tags: { $size: 1 } }], n: { $gte: 1 } }, ['i1', 'i2', 'i7', 'i8']],
  ['$nor single', { $nor: [{ n: 1 }] }, except('i1', 'i8')],
  ['$or mixing _id and dotted', { $or: [{ _id: 'i1' }, { 'meta.level': 3 }] }, ['i1', 'i3']],
  ['empty filter', {}, ALL],
];

export function describeQueries(ctx: StoreContext): void {
  for (const indexed of [false, true]) {
    describe(`filters (${indexed ? 'with' : 'without'} indexes)`, () => {
      it.each(CASES)('%s', async (_name, filter, expected) => {
        const items = ctx.collection<Item>('items');
        if (indexed) await items.ensureIndexes(INDEXES);
        await items.insertMany(ITEMS);
        expect(await idsOf(items, filter)).toEqual([...expected].sort());
        expect(await items.count(filter)).toBe(expected.length);
      });
    });
  }

  interface Ranked extends BaseDoc {
    rank?: number;
    group: string;
    name: string;
    meta?: { level: number };
  }
  const RANKED: Ranked[] = [
    { _id: 'r1', rank: 5, group: 'b', name: 'eve', meta: { level: 2 } },
    { _id: 'r2', group: 'a', name: 'bob' },
    { _id: 'r3', rank: 1, group: 'b', name: 'amy', meta: { level: 9 } },
    { _id: 'r4', rank: 5, group: 'a', name: 'dan', meta: { level: 1 } },
    { _id: 'r5', rank: 3, group: 'a', name: 'cat' },
    { _id: 'r6', rank: 2.5, group: 'b', name: 'fay', meta: { level: 5 } },
    { _id: 'r7', rank: 8, group: 'c', name: 'gus' },
  ];

  for (const indexed of [false, true]) {
    describe(`sort and pagination (${indexed ? 'with' : 'without'} indexes)`, () => {
      const setup = async () => {
        const ranked = ctx.collection<Ranked>('ranked');
        if (indexed) await ranked.ensureIndexes([{ fields: { rank: 1 } }, { fields: { group: 1, rank: -1 } }, { fields: { 'meta.level': 1 } }]);
        await ranked.insertMany(RANKED);
        return ranked;
      };
      const ids = (docs: Ranked[]) => docs.map((d) => d._id);

      it('sorts ascending with missing first, descending with missing last', async () => {
        const ranked = await setup();
        expect(ids(await ranked.find({}, { sort: { rank: 1, _id: 1 } }))).toEqual(['r2', 'r3', 'r6', 'r5', 'r1', 'r4', 'r7']);
        expect(ids(await ranked.find({}, { sort: { rank: -1, _id: 1 } }))).toEqual(['r7', 'r1', 'r4', 'r5', 'r6', 'r3', 'r2']);
        expect(ids(await ranked.find({}, { sort: { name: 1 } }))).toEqual(['r3', 'r2', 'r5', 'r4', 'r1', 'r6', 'r7']);
        expect(ids(await ranked.find({}, { sort: { _id: -1 } }))).toEqual(['r7', 'r6', 'r5', 'r4', 'r3', 'r2', 'r1']);
      });

      it('sorts by several keys and by dotted paths', async () => {
        const ranked = await setup();
        expect(ids(await ranked.find({}, { sort: { group: 1, rank: -1 } }))).toEqual(['r4', 'r5', 'r2', 'r1', 'r6', 'r3', 'r7']);
        expect(ids(await ranked.find({ meta: { $exists: true } }, { sort: { 'meta.level': -1 } }))).toEqual(['r3', 'r6', 'r1', 'r4']);
      });

      it('filters, sorts, skips and limits together', async () => {
        const ranked = await setup();
        const sort = { rank: 1, _id: 1 } as const;
        expect(ids(await ranked.find({ group: { $in: ['a', 'b'] } }, { sort, skip: 1, limit: 3 }))).toEqual(['r3', 'r6', 'r5']);
        expect(ids(await ranked.find({ rank: { $gte: 2 } }, { sort, skip: 4 }))).toEqual(['r7']);
        expect(ids(await ranked.find({}, { sort, skip: 10 }))).toEqual([]);
        expect((await ranked.findOne({ group: 'b' }, { sort: { rank: -1 } }))?._id).toBe('r1');
        expect((await ranked.findOne({ group: 'b' }, { sort: { rank: -1 }, skip: 1 }))?._id).toBe('r6');
        // No `$regex` in SQL: the limit has to be applied after the JS re-check.
        expect(ids(await ranked.find({ name: { $regex: '^[a-d]' } }, { sort, limit: 2 }))).toEqual(['r2', 'r3']);
      });

      it('pages by skip/limit and by keyset cursor to the same sequence', async () => {
        const ranked = await setup();
        const sort = { rank: 1, _id: 1 } as const;
        const all = ids(await ranked.find({ rank: { $exists: true } }, { sort }));
        const bySkip: string[] = [];
        for (let skip = 0; ; skip += 2) {
          const page = await ranked.find({ rank: { $exists: true } }, { sort, skip, limit: 2 });
          if (page.length === 0) break;
          bySkip.push(...ids(page));
        }
        const byCursor: string[] = [];
        let last: Ranked | undefined;
        for (;;) {
          const filter: Filter = last
            ? { $or: [{ rank: { $gt: last.rank } }, { rank: last.rank, _id: { $gt: last._id } }] }
            : { rank: { $exists: true } };
          const page = await ranked.find(filter, { sort, limit: 2 });
          if (page.length === 0) break;
          byCursor.push(...ids(page));
          last = page[page.length - 1];
        }
        expect(all).toEqual(['r3', 'r6', 'r5', 'r1', 'r4', 'r7']);
        expect(bySkip).toEqual(all);
        expect(byCursor).toEqual(all);
      });
    });
  }
}
