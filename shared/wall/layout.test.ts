import { describe, expect, it } from 'vitest';
import { movedIds, reorderSections } from './layout';

const sections = (...ids: string[]) => ids.map((id, order) => ({ id, title: id.toUpperCase(), order }));
const ids = (list: { id: string; order: number }[]) => [...list].sort((a, b) => a.order - b.order).map((section) => section.id);

describe('the order of a wall’s sections', () => {
  it('applies the order asked, renumbered from 0', () => {
    const result = reorderSections(sections('a', 'b', 'c'), ['c', 'a', 'b']);
    expect(result.map((section) => [section.id, section.order])).toEqual([['c', 0], ['a', 1], ['b', 2]]);
    expect(result[0]!.title).toBe('C');
  });

  it('never loses a section a stale order does not name: it stays after the section it followed', () => {
    expect(ids(reorderSections(sections('a', 'b', 'c', 'd'), ['c', 'b', 'a']))).toEqual(['c', 'd', 'b', 'a']);
    expect(ids(reorderSections(sections('new', 'a', 'b'), ['b', 'a']))).toEqual(['new', 'b', 'a']);
  });

  it('ignores ids that are no longer sections, and repeated ids', () => {
    expect(ids(reorderSections(sections('a', 'b'), ['gone', 'b', 'b', 'a']))).toEqual(['b', 'a']);
  });

  it('moves one id of a list (keyboard and drag moves)', () => {
    expect(movedIds(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(movedIds(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(movedIds(['a', 'b'], 0, 5)).toEqual(['a', 'b']);
  });
});
