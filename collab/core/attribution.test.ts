import { describe, expect, it } from 'vitest';
import { Attribution } from './attribution';

describe('Attribution', () => {
  it('merges contiguous ranges of one user and tells the author of any item id', () => {
    const attribution = new Attribution();
    attribution.add(7, 0, 5, 'lea');
    attribution.add(7, 5, 9, 'lea');
    attribution.add(7, 9, 12, 'yanis');
    attribution.add(9, 0, 3, 'yanis');
    expect(attribution.toFlat()).toEqual([7, 0, 9, 0, 7, 9, 12, 1, 9, 0, 3, 1]);
    expect(attribution.authorAt(7, 8)).toBe('lea');
    expect(attribution.authorAt(7, 9)).toBe('yanis');
    expect(attribution.authorAt(7, 12)).toBeUndefined();
    expect(attribution.authorAt(8, 0)).toBeUndefined();
    expect(attribution.ownerOf(7)).toBe('lea');
  });

  it('never lets two users claim the same clocks', () => {
    const attribution = new Attribution();
    attribution.add(1, 0, 10, 'lea');
    attribution.add(1, 5, 15, 'yanis');
    expect(attribution.authorAt(1, 7)).toBe('lea');
    expect(attribution.authorAt(1, 12)).toBe('yanis');
  });

  it('survives its binary encoding (stored with the snapshot)', () => {
    const attribution = new Attribution();
    for (let i = 0; i < 50; i++) attribution.add(1000 + (i % 5), i * 10, i * 10 + 7, `user${i % 3}`);
    const { users, ranges } = attribution.encode();
    const loaded = new Attribution();
    loaded.merge(users, ranges);
    expect(loaded.toFlat().length).toBe(attribution.toFlat().length);
    for (let i = 0; i < 50; i++) expect(loaded.authorAt(1000 + (i % 5), i * 10 + 3)).toBe(`user${i % 3}`);
  });
});
