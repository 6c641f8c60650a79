import { movedIds } from '../../../../shared/wall/layout';
import type { WallSection, WallStreamOrder } from '../../../../shared/wall/settings';
import type { WallCard } from '../../../../shared/wall/types';

/** The column of cards whose section is gone or was never set: nothing is ever lost when columns change. */
export const DEFAULT_COLUMN = '__none__';

/** Cards in reading order: by `order`, then by creation. */
export const byOrder = (a: WallCard, b: WallCard): number => a.order - b.order || a.createdAt - b.createdAt || a.id.localeCompare(b.id);

/** Pinned cards first, then the others; each part by `order` (reversed when `descending`). */
export const byPlace =
  (descending = false) =>
  (a: WallCard, b: WallCard): number =>
    Number(Boolean(b.pinned)) - Number(Boolean(a.pinned)) || (descending ? byOrder(b, a) : byOrder(a, b));

/** An order value between two neighbours (either may be missing). */
export function orderBetween(before: number | undefined, after: number | undefined): number {
  if (before === undefined && after === undefined) return Date.now();
  if (before === undefined) return after! - 1;
  if (after === undefined) return before + 1;
  return (before + after) / 2;
}

/** The order of a card put at `index` of a list as shown (`descending`: the list shows higher orders first). */
export function orderAt(list: WallCard[], index: number, descending = false): number {
  const above = list[index - 1]?.order;
  const below = list[index]?.order;
  return descending ? orderBetween(below, above) : orderBetween(above, below);
}

/** The stream's cards as shown: pinned first, then newest last (as walls always were) or newest first. */
export function streamCards(cards: WallCard[], streamOrder: WallStreamOrder): WallCard[] {
  return [...cards].sort(byPlace(streamOrder === 'newestFirst'));
}

/** The columns to show: the wall's sections in order, and the default one when it has cards or there is nothing else. */
export function columnsOf(sections: WallSection[], cards: WallCard[]): { id: string; title: string | null; cards: WallCard[] }[] {
  const sorted = [...sections].sort((a, b) => a.order - b.order);
  const known = new Set(sorted.map((section) => section.id));
  const columns = sorted.map((section) => ({ id: section.id, title: section.title as string | null, cards: cards.filter((card) => card.sectionId === section.id).sort(byPlace()) }));
  const orphans = cards.filter((card) => !card.sectionId || !known.has(card.sectionId)).sort(byPlace());
  if (orphans.length > 0 || columns.length === 0) columns.push({ id: DEFAULT_COLUMN, title: null, cards: orphans });
  return columns;
}

/** Where a card lands when dropped over another card (or a column) of a list as shown: its new order. */
export function orderForDrop(list: WallCard[], activeId: string, overId: string | null, descending = false): number {
  const others = list.filter((card) => card.id !== activeId);
  if (overId === null) return orderAt(others, others.length, descending);
  const from = list.findIndex((card) => card.id === activeId);
  const to = list.findIndex((card) => card.id === overId);
  if (to < 0) return orderAt(others, others.length, descending);
  const overIndex = others.findIndex((card) => card.id === overId);
  // Moving down within the same list lands after the card hovered, otherwise before it.
  const insertAt = from >= 0 && from < to ? overIndex + 1 : overIndex;
  return orderAt(others, insertAt, descending);
}

/** The sections' ids after moving one by `by` places (the column menu's moves), or null when it cannot go there. */
export function sectionMove(ids: string[], id: string, by: number): string[] | null {
  const from = ids.indexOf(id);
  if (from < 0 || from + by < 0 || from + by >= ids.length) return null;
  return movedIds(ids, from, from + by);
}
