import { describe, expect, it } from 'vitest';
import type { WallCard } from '../../../../shared/wall/types';
import { columnsOf, DEFAULT_COLUMN, orderAt, orderBetween, orderForDrop, sectionMove, streamCards } from './order';

const card = (id: string, order: number, sectionId: string | null = null) => ({ id, order, sectionId, createdAt: 0 }) as WallCard;

describe('card order', () => {
  it('computes an order between neighbours', () => {
    expect(orderBetween(1, 3)).toBe(2);
    expect(orderBetween(undefined, 3)).toBe(2);
    expect(orderBetween(5, undefined)).toBe(6);
  });

  it('drops before the hovered card when moving up, after it when moving down', () => {
    const list = [card('a', 1), card('b', 2), card('c', 3)];
    expect(orderForDrop(list, 'c', 'a')).toBeLessThan(1);
    expect(orderForDrop(list, 'a', 'c')).toBeGreaterThan(3);
    const moved = orderForDrop(list, 'a', 'b');
    expect(moved).toBeGreaterThan(2);
    expect(moved).toBeLessThan(3);
  });

  it('keeps cards of deleted sections in the default column', () => {
    const columns = columnsOf([{ id: 's1', title: 'Un', order: 0 }], [card('a', 1, 's1'), card('b', 2, 'gone'), card('c', 3, null)]);
    expect(columns.map((column) => column.id)).toEqual(['s1', DEFAULT_COLUMN]);
    expect(columns[1]!.cards.map((c) => c.id)).toEqual(['b', 'c']);
  });
});

describe('pinned cards and the stream order', () => {
  const pinned = (id: string, order: number, sectionId: string | null = null) => ({ ...card(id, order, sectionId), pinned: true }) as WallCard;

  it('puts pinned cards first in their column, each part in its order', () => {
    const columns = columnsOf([{ id: 's1', title: 'Un', order: 0 }], [card('a', 1, 's1'), pinned('b', 3, 's1'), card('c', 2, 's1'), pinned('d', 0, 's1')]);
    expect(columns[0]!.cards.map((c) => c.id)).toEqual(['d', 'b', 'a', 'c']);
  });

  it('shows the stream newest last or newest first, pinned cards first either way', () => {
    const cards = [card('old', 1), card('new', 3), pinned('pin', 2), card('mid', 2.5)];
    expect(streamCards(cards, 'newestLast').map((c) => c.id)).toEqual(['pin', 'old', 'mid', 'new']);
    expect(streamCards(cards, 'newestFirst').map((c) => c.id)).toEqual(['pin', 'new', 'mid', 'old']);
  });

  it('drops in a newest-first list between its neighbours as shown', () => {
    const shown = [card('c', 3), card('b', 2), card('a', 1)];
    // `a` dragged to the top: above `c`, so newer than it.
    expect(orderForDrop(shown, 'a', 'c', true)).toBeGreaterThan(3);
    // `c` dragged over `b` (moving down): lands after `b` as shown, between `b` and `a`.
    const moved = orderForDrop(shown, 'c', 'b', true);
    expect(moved).toBeLessThan(2);
    expect(moved).toBeGreaterThan(1);
    expect(orderAt(shown, 0, true)).toBeGreaterThan(3);
    expect(orderAt(shown, 3, true)).toBeLessThan(1);
  });

  it('gives the keyboard moves of a column’s handle the new order of sections', () => {
    expect(sectionMove(['a', 'b', 'c'], 'b', -1)).toEqual(['b', 'a', 'c']);
    expect(sectionMove(['a', 'b', 'c'], 'c', 1)).toBeNull();
  });
});
