import { describe, expect, it } from 'vitest';
import type { WallCard } from '../../../../shared/wall/types';
import { columnsOf, DEFAULT_COLUMN, orderBetween, orderForDrop } from './order';

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
