import type { WallSection } from '../../../../shared/wall/settings';
import type { WallCard } from '../../../../shared/wall/types';

/** The column of cards whose section is gone or was never set: nothing is ever lost when columns change. */
export const DEFAULT_COLUMN = '__none__';

/** Cards in reading order: by `order`, then by creation. */
export const byOrder = (a: WallCard, b: WallCard): number => a.order - b.order || a.createdAt - b.createdAt || a.id.localeCompare(b.id);

/** An order value between two neighbours (either may be missing). */
export function orderBetween(before: number | undefined, after: number | undefined): number {
  if (before === undefined && after === undefined) return Date.now();
  if (before === undefined) return after! - 1;
  if (after === undefined) return before + 1;
  return (before + after) / 2;
}

/** The columns to show: the wall's sections in order, and the default one when it has cards or there is nothing else. */
export function columnsOf(sections: WallSection[], cards: WallCard[]): { id: string; title: string | null; cards: WallCard[] }[] {
  const sorted = [...sections].sort((a, b) => a.order - b.order);
  const known = new Set(sorted.map((section) => section.id));
  const columns = sorted.map((section) => ({ id: section.id, title: section.title as string | null, cards: cards.filter((card) => card.sectionId === section.id).sort(byOrder) }));
  const orphans = cards.filter((card) => !card.sectionId || !known.has(card.sectionId)).sort(byOrder);
  if (orphans.length > 0 || columns.length === 0) columns.push({ id: DEFAULT_COLUMN, title: null, cards: orphans });
  return columns;
}

/** Where a card lands when dropped over another card (or a column) of a list: its new order. */
export function orderForDrop(list: WallCard[], activeId: string, overId: string | null): number {
  const others = list.filter((card) => card.id !== activeId);
  if (overId === null) return orderBetween(others[others.length - 1]?.order, undefined);
  const from = list.findIndex((card) => card.id === activeId);
  const to = list.findIndex((card) => card.id === overId);
  if (to < 0) return orderBetween(others[others.length - 1]?.order, undefined);
  const overIndex = others.findIndex((card) => card.id === overId);
  // Moving down within the same list lands after the card hovered, otherwise before it.
  const insertAt = from >= 0 && from < to ? overIndex + 1 : overIndex;
  return orderBetween(others[insertAt - 1]?.order, others[insertAt]?.order);
}
