import { describe, expect, it } from 'vitest';
import { StorageUsageError, type Filter } from '../port';
import { compileFilter, compileSort } from './match';
import type { Doc } from './values';

const matches = (doc: Doc, filter: Filter): boolean => compileFilter(filter)(doc);

describe('equality', () => {
  it('matches scalars, dotted paths and nested objects (key order matters, as in MongoDB)', () => {
    const doc = { a: 1, b: 'x', c: { d: true, e: { f: 2 } } };
    expect(matches(doc, { a: 1, b: 'x' })).toBe(true);
    expect(matches(doc, { 'c.d': true, 'c.e.f': 2 })).toBe(true);
    expect(matches(doc, { 'c.e': { f: 2 } })).toBe(true);
    expect(matches({ o: { x: 1, y: 2 } }, { o: { y: 2, x: 1 } })).toBe(false);
    expect(matches(doc, { a: '1' })).toBe(false);
    expect(matches(doc, { a: { $eq: 1 } })).toBe(true);
  });

  it('treats an array as containing the value, or equal to it as a whole', () => {
    const doc = { tags: ['a', 'b'], nested: [[1, 2], [3]] };
    expect(matches(doc, { tags: 'a' })).toBe(true);
    expect(matches(doc, { tags: ['a', 'b'] })).toBe(true);
    expect(matches(doc, { tags: ['b', 'a'] })).toBe(false);
    expect(matches(doc, { nested: [3] })).toBe(true);
    expect(matches(doc, { nested: 3 })).toBe(false);
  });

  it('lets null match null and missing fields', () => {
    expect(matches({ a: null }, { a: null })).toBe(true);
    expect(matches({}, { a: null })).toBe(true);
    expect(matches({ a: 0 }, { a: null })).toBe(false);
    expect(matches({ a: [1, null] }, { a: null })).toBe(true);
    expect(matches({ a: { b: 1 } }, { 'a.c': null })).toBe(true);
  });

  it('traverses arrays of objects along dotted paths and indexes arrays with numeric segments', () => {
    const doc = { items: [{ sku: 'x', qty: 1 }, { sku: 'y', qty: 5 }], list: [10, 20] };
    expect(matches(doc, { 'items.sku': 'y' })).toBe(true);
    expect(matches(doc, { 'items.qty': { $gt: 4 } })).toBe(true);
    expect(matches(doc, { 'items.1.sku': 'y' })).toBe(true);
    expect(matches(doc, { 'items.0.sku': 'y' })).toBe(false);
    expect(matches(doc, { 'list.1': 20 })).toBe(true);
    expect(matches(doc, { 'list.5': null })).toBe(true);
  });

  it('only sees own fields, never Object.prototype members', () => {
    expect(matches({ a: 1 }, { constructor: { $exists: true } })).toBe(false);
    expect(matches({ a: { b: 1 } }, { 'a.toString': { $exists: true } })).toBe(false);
    expect(matches({ constructor: 'x' }, { constructor: 'x' })).toBe(true);
  });

  it('compares binary by content', () => {
    const doc = { bin: new Uint8Array([1, 2, 3]) };
    expect(matches(doc, { bin: new Uint8Array([1, 2, 3]) })).toBe(true);
    expect(matches(doc, { bin: new Uint8Array([1, 2]) })).toBe(false);
  });
});

describe('comparison operators', () => {
  it('bracket by type: numbers compare with numbers, strings with strings', () => {
    expect(matches({ a: 5 }, { a: { $gt: 4, $lte: 5 } })).toBe(true);
    expect(matches({ a: '5' }, { a: { $gt: 4 } })).toBe(false);
    expect(matches({ a: 'b' }, { a: { $gt: 'a', $lt: 'c' } })).toBe(true);
    expect(matches({ a: true }, { a: { $gte: 0 } })).toBe(false);
    expect(matches({}, { a: { $lt: 10 } })).toBe(false);
  });

  it('handles null bounds like MongoDB', () => {
    expect(matches({}, { a: { $gte: null } })).toBe(true);
    expect(matches({ a: null }, { a: { $lte: null } })).toBe(true);
    expect(matches({}, { a: { $gt: null } })).toBe(false);
  });

  it('matches when any array element satisfies the range', () => {
    expect(matches({ a: [1, 10] }, { a: { $gt: 5 } })).toBe(true);
    expect(matches({ a: [1, 2] }, { a: { $gt: 5 } })).toBe(false);
  });

  it('orders strings by code point (UTF-8 byte order, as MongoDB and SQLite)', () => {
    expect(matches({ a: '\u{1F600}' }, { a: { $gt: '\uFFFD' } })).toBe(true);
    expect(matches({ a: 'é' }, { a: { $gt: 'z' } })).toBe(true);
  });

  it('$ne, $in, $nin follow equality semantics', () => {
    expect(matches({ a: [1, 2] }, { a: { $ne: 1 } })).toBe(false);
    expect(matches({}, { a: { $ne: 1 } })).toBe(true);
    expect(matches({ a: 'x' }, { a: { $in: ['y', 'x'] } })).toBe(true);
    expect(matches({}, { a: { $in: [null] } })).toBe(true);
    expect(matches({ a: ['p', 'q'] }, { a: { $in: ['q'] } })).toBe(true);
    expect(matches({ a: ['p', 'q'] }, { a: { $nin: ['q'] } })).toBe(false);
    expect(matches({ a: 3 }, { a: { $nin: [1, 2] } })).toBe(true);
    expect(matches({ a: 3 }, { a: { $in: [] } })).toBe(false);
  });
});

describe('element and array operators', () => {
  it('$exists distinguishes null from missing', () => {
    expect(matches({ a: null }, { a: { $exists: true } })).toBe(true);
    expect(matches({}, { a: { $exists: false } })).toBe(true);
    expect(matches({ a: [{ b: 1 }, { c: 1 }] }, { 'a.b': { $exists: true } })).toBe(true);
    expect(matches({ a: [{ c: 1 }] }, { 'a.b': { $exists: false } })).toBe(true);
  });

  it('$regex with $options, on strings and array elements', () => {
    expect(matches({ name: 'Alice' }, { name: { $regex: '^ali', $options: 'i' } })).toBe(true);
    expect(matches({ name: 'Alice' }, { name: { $regex: '^ali' } })).toBe(false);
    expect(matches({ tags: ['x', 'maths'] }, { tags: { $regex: 'ath' } })).toBe(true);
    expect(matches({ n: 12 }, { n: { $regex: '1' } })).toBe(false);
  });

  it('$size and $elemMatch (document and value forms)', () => {
    const doc = { scores: [3, 8], items: [{ k: 'a', v: 1 }, { k: 'b', v: 9 }] };
    expect(matches(doc, { scores: { $size: 2 } })).toBe(true);
    expect(matches(doc, { scores: { $size: 1 } })).toBe(false);
    expect(matches(doc, { scores: { $elemMatch: { $gt: 5, $lt: 9 } } })).toBe(true);
    expect(matches(doc, { scores: { $elemMatch: { $gt: 8 } } })).toBe(false);
    expect(matches(doc, { items: { $elemMatch: { k: 'b', v: { $gt: 5 } } } })).toBe(true);
    // Without $elemMatch the two conditions may be met by different elements.
    expect(matches(doc, { 'items.k': 'a', 'items.v': 9 })).toBe(true);
    expect(matches(doc, { items: { $elemMatch: { k: 'a', v: 9 } } })).toBe(false);
  });
});

describe('logical operators', () => {
  it('$and, $or, $nor', () => {
    const doc = { a: 1, b: 2 };
    expect(matches(doc, { $and: [{ a: 1 }, { b: 2 }] })).toBe(true);
    expect(matches(doc, { $or: [{ a: 2 }, { b: 2 }] })).toBe(true);
    expect(matches(doc, { $or: [{ a: 2 }, { b: 3 }] })).toBe(false);
    expect(matches(doc, { $nor: [{ a: 2 }, { b: 3 }] })).toBe(true);
    expect(matches(doc, { $nor: [{ a: 1 }] })).toBe(false);
  });
});

describe('validation', () => {
  it.each<[string, Filter]>([
    ['unknown operator', { a: { $where: 'x' } }],
    ['top-level unknown operator', { $text: { $search: 'x' } }],
    ['undefined value', { a: undefined }],
    ['Date', { a: new Date() }],
    ['mixed operator object', { a: { $gt: 1, b: 2 } }],
    ['$options without $regex', { a: { $options: 'i' } }],
    ['unsupported regex flag', { a: { $regex: 'x', $options: 'g' } }],
    ['invalid regex', { a: { $regex: '(' } }],
    ['empty $or', { $or: [] }],
    ['$in not an array', { a: { $in: 1 } }],
    ['non-boolean $exists', { a: { $exists: 1 } }],
    ['NaN', { a: Number.NaN }],
    ['positional path', { 'a.$': 1 }],
  ])('refuses %s', (_name, filter) => {
    expect(() => compileFilter(filter)).toThrow(StorageUsageError);
  });
});

describe('sort', () => {
  it('sorts missing first ascending, last descending, then by further keys', () => {
    const docs: Doc[] = [{ _id: 'c', n: 2 }, { _id: 'a' }, { _id: 'b', n: 1 }, { _id: 'd', n: 2 }];
    const asc = compileSort({ n: 1, _id: 1 }) as (a: Doc, b: Doc) => number;
    expect([...docs].sort(asc).map((d) => d._id)).toEqual(['a', 'b', 'c', 'd']);
    const desc = compileSort({ n: -1, _id: -1 }) as (a: Doc, b: Doc) => number;
    expect([...docs].sort(desc).map((d) => d._id)).toEqual(['d', 'c', 'b', 'a']);
  });
});
