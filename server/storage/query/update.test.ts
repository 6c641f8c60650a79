import { describe, expect, it } from 'vitest';
import { StorageUsageError, type Filter, type Update } from '../port';
import { applyUpdate, buildUpsertDoc, prepareUpdate, upsertSeed } from './update';
import type { Doc } from './values';

function apply(doc: Doc, update: Update, isInsert = false): Doc {
  applyUpdate(doc, prepareUpdate(update), isInsert);
  return doc;
}

describe('field operators', () => {
  it('$set creates intermediate objects and sets array slots', () => {
    expect(apply({ _id: 'x' }, { $set: { 'a.b.c': 1, d: [1] } })).toEqual({ _id: 'x', a: { b: { c: 1 } }, d: [1] });
    expect(apply({ list: [1, 2] }, { $set: { 'list.3': 9 } })).toEqual({ list: [1, 2, null, 9] });
    expect(apply({ list: [{ a: 1 }] }, { $set: { 'list.0.a': 2 } })).toEqual({ list: [{ a: 2 }] });
  });

  it('$set refuses to create a field inside a scalar', () => {
    expect(() => apply({ a: 5 }, { $set: { 'a.b': 1 } })).toThrow(StorageUsageError);
  });

  it('$unset removes fields; array slots become null', () => {
    expect(apply({ a: 1, b: { c: 2, d: 3 } }, { $unset: { a: '', 'b.c': 1, missing: 1 } })).toEqual({ b: { d: 3 } });
    expect(apply({ list: [1, 2] }, { $unset: { 'list.0': 1 } })).toEqual({ list: [null, 2] });
  });

  it('$inc adds, creates missing fields, refuses non-numbers', () => {
    expect(apply({ n: 1 }, { $inc: { n: 2, 'm.k': -1 } })).toEqual({ n: 3, m: { k: -1 } });
    expect(() => apply({ n: 'x' }, { $inc: { n: 1 } })).toThrow(StorageUsageError);
    expect(() => apply({ n: 1 }, { $inc: { n: Number.POSITIVE_INFINITY } })).toThrow(StorageUsageError);
  });

  it('$min and $max', () => {
    expect(apply({ lo: 5, hi: 5 }, { $min: { lo: 3, hi: 9 }, $max: { x: 1 } })).toEqual({ lo: 3, hi: 5, x: 1 });
    expect(apply({ hi: 5 }, { $max: { hi: 9 } })).toEqual({ hi: 9 });
  });
});

describe('array operators', () => {
  it('$push with a value, $each and $slice', () => {
    expect(apply({}, { $push: { a: 1 } })).toEqual({ a: [1] });
    expect(apply({ a: [1] }, { $push: { a: { $each: [2, 3, 4], $slice: -2 } } })).toEqual({ a: [3, 4] });
    expect(apply({ a: [1] }, { $push: { a: { $each: [2, 3], $slice: 2 } } })).toEqual({ a: [1, 2] });
    expect(apply({ a: [1] }, { $push: { a: { v: 1 } } })).toEqual({ a: [1, { v: 1 }] });
    expect(() => apply({ a: 1 }, { $push: { a: 2 } })).toThrow(StorageUsageError);
    expect(() => apply({}, { $push: { a: { $each: [1], $sort: 1 } } })).toThrow(StorageUsageError);
  });

  it('$addToSet uses deep equality', () => {
    expect(apply({ a: [{ x: 1 }] }, { $addToSet: { a: { x: 1 } } })).toEqual({ a: [{ x: 1 }] });
    expect(apply({ a: [1] }, { $addToSet: { a: { $each: [1, 2, 2] } } })).toEqual({ a: [1, 2] });
  });

  it('$pull by value, by operator condition, by document filter', () => {
    expect(apply({ a: [1, 2, 1, 3] }, { $pull: { a: 1 } })).toEqual({ a: [2, 3] });
    expect(apply({ a: [1, 5, 9] }, { $pull: { a: { $gte: 5 } } })).toEqual({ a: [1] });
    const doc = { items: [{ k: 'a', v: 1 }, { k: 'b', v: 2 }] };
    expect(apply(doc, { $pull: { items: { k: 'a' } } })).toEqual({ items: [{ k: 'b', v: 2 }] });
    expect(apply({}, { $pull: { a: 1 } })).toEqual({});
  });
});

describe('validation', () => {
  it.each<[string, Update]>([
    ['an empty update', {}],
    ['a replacement document', { a: 1 } as unknown as Update],
    ['an unknown operator', { $rename: { a: 'b' } } as unknown as Update],
    ['a change of _id', { $set: { _id: 'y' } }],
    ['conflicting paths', { $set: { a: 1 }, $inc: { a: 1 } }],
    ['parent/child conflicts', { $set: { a: { b: 1 }, 'a.b': 2 } }],
    ['a Date', { $set: { at: new Date() } }],
    ['a positional path', { $set: { 'a.$.b': 1 } }],
    ['a non-numeric $inc', { $inc: { a: '1' as unknown as number } }],
  ])('refuses %s', (_name, update) => {
    expect(() => prepareUpdate(update)).toThrow(StorageUsageError);
  });

  it('ignores undefined operands', () => {
    expect(apply({ a: 1 }, { $set: { a: undefined, b: 2 } })).toEqual({ a: 1, b: 2 });
  });
});

describe('upsert', () => {
  it('seeds from plain equalities and $eq, including inside $and', () => {
    const filter: Filter = { a: 1, 'b.c': 'x', d: { $eq: true }, e: { $gt: 1 }, $and: [{ f: 2 }], $or: [{ g: 1 }], h: { $in: [3] }, i: { $in: [1, 2] } };
    expect(upsertSeed(filter)).toEqual({ a: 1, b: { c: 'x' }, d: true, f: 2, h: 3 });
  });

  it('applies the update with $setOnInsert and generates an id unless the filter fixes it', () => {
    const doc = buildUpsertDoc({ key: 'k' }, prepareUpdate({ $inc: { n: 1 }, $setOnInsert: { created: 5 } }));
    expect(doc).toMatchObject({ key: 'k', n: 1, created: 5 });
    expect(doc._id).toMatch(/^[0-9a-f]{32}$/);
    expect(buildUpsertDoc({ _id: 'fixed' }, prepareUpdate({ $set: { a: 1 } }))).toEqual({ _id: 'fixed', a: 1 });
  });

  it('$setOnInsert only applies on insert', () => {
    expect(apply({ a: 1 }, { $setOnInsert: { b: 2 } })).toEqual({ a: 1 });
    expect(apply({ a: 1 }, { $setOnInsert: { b: 2 } }, true)).toEqual({ a: 1, b: 2 });
  });
});
