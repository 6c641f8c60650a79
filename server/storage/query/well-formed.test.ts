import { describe, expect, it } from 'vitest';
import { prepareUpdate, upsertSeed } from './update';
import { normalizeDoc } from './values';
import { wellFormed, wellFormedDeep } from './well-formed';

const LONE_HIGH = '\ud800';
const LONE_LOW = '\udc00';
const PAIR = '\ud83d\ude00';

describe('well-formed strings at the storage port', () => {
  it('replaces each unpaired surrogate by U+FFFD and keeps pairs', () => {
    expect(wellFormed(`a${LONE_HIGH}b`)).toBe('a\ufffdb');
    expect(wellFormed(`${LONE_LOW}${LONE_HIGH}`)).toBe('\ufffd\ufffd');
    expect(wellFormed(`x${PAIR}${LONE_HIGH}`)).toBe(`x${PAIR}\ufffd`);
    // A pair split by truncation leaves a lone high surrogate at the end.
    expect(wellFormed(PAIR.slice(0, 1))).toBe('\ufffd');
    const ok = `déjà ${PAIR}`;
    expect(wellFormed(ok)).toBe(ok);
  });

  it('copies only what changes, deep, keys included', () => {
    const clean = { a: 'x', list: ['y', { z: 1 }], bin: new Uint8Array([0xd8]) };
    expect(wellFormedDeep(clean)).toBe(clean);
    const dirty = { a: 'x', list: ['y', { [`k${LONE_LOW}`]: LONE_HIGH }], bin: clean.bin, n: 3, nothing: null };
    const fixed = wellFormedDeep(dirty);
    expect(fixed).toEqual({ a: 'x', list: ['y', { 'k\ufffd': '\ufffd' }], bin: clean.bin, n: 3, nothing: null });
    expect(fixed.bin).toBe(clean.bin);
    expect(dirty.list[1]).toEqual({ [`k${LONE_LOW}`]: LONE_HIGH });
  });

  it('keeps a __proto__ key a plain member of the copy', () => {
    const parsed = JSON.parse(`{"__proto__":{"polluted":true},"x":"\\ud800"}`) as Record<string, unknown>;
    const fixed = wellFormedDeep(parsed);
    expect(Object.getPrototypeOf(fixed)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(fixed.x).toBe('\ufffd');
  });

  it('is applied to documents, updates and upserts from filters, as both adapters call them', () => {
    expect(normalizeDoc({ _id: 'd', details: LONE_HIGH, [`k${LONE_HIGH}`]: 1 })).toEqual({ _id: 'd', details: '\ufffd', 'k\ufffd': 1 });
    const update = prepareUpdate({ $set: { reason: LONE_HIGH }, $pull: { tags: LONE_LOW } });
    expect(update.normalized).toEqual({ $set: { reason: '\ufffd' }, $pull: { tags: '\ufffd' } });
    expect(upsertSeed({ login: `a${LONE_HIGH}` })).toEqual({ login: 'a\ufffd' });
  });
});
