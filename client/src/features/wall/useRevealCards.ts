import { useCallback, useEffect, useRef } from 'react';
import type { WallCard } from '../../../../shared/wall/types';

const elementOf = (cardId: string) => document.querySelector<HTMLElement>(`[data-card-id="${CSS.escape(cardId)}"]`);
/** Only as far as needed, on both axes: a column off screen sideways (a tablet), a card below the fold. */
const show = (element: HTMLElement) => element.scrollIntoView({ block: 'nearest', inline: 'nearest' });

/** Whether the user is looking at this card's column: at least half of it is inside the board's scrolled area. */
function columnInView(element: HTMLElement): boolean {
  const column = element.closest<HTMLElement>('.wall-column');
  const board = column?.parentElement;
  if (!column || !board) return false;
  const shown = column.getBoundingClientRect();
  const area = board.getBoundingClientRect();
  const visible = Math.min(shown.right, area.right) - Math.max(shown.left, area.left);
  return visible >= shown.width / 2;
}

/** Typing somewhere (a comment, a field): the page is not moved under the user's fingers. */
function typing(): boolean {
  const active = document.activeElement;
  return active instanceof HTMLElement && (active.isContentEditable || active.tagName === 'INPUT' || active.tagName === 'TEXTAREA' || active.tagName === 'SELECT');
}

/**
 * New cards are scrolled into view (issue 18: on a tablet a pupil's new card landed off screen): the card I add,
 * once it is on the board and the editor is gone; a card someone else adds while I look at its column (not while
 * I type, nor while a dialog is open, nor in a column I am not looking at). Returns what the page calls with the
 * id of the card I just added.
 */
export function useRevealCards(cards: Record<string, WallCard>, userId: string | null, busy: boolean): (cardId: string) => void {
  const mine = useRef<string | null>(null);
  const known = useRef<Set<string> | null>(null);

  useEffect(() => {
    const id = mine.current;
    if (!id || !cards[id] || busy) return;
    mine.current = null;
    const element = elementOf(id);
    if (element) show(element);
  }, [cards, busy]);

  useEffect(() => {
    if (userId === null) return;
    const ids = Object.keys(cards);
    const before = known.current;
    known.current = new Set(ids);
    // The first load (and the cards already there) is not news.
    if (before === null || busy || typing()) return;
    for (const id of ids) {
      if (before.has(id) || cards[id]!.authorId === userId) continue;
      const element = elementOf(id);
      if (element && columnInView(element)) show(element);
    }
  }, [cards, userId, busy]);

  return useCallback((cardId: string) => {
    mine.current = cardId;
  }, []);
}
