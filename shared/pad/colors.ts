/**
 * Author colours: the same user has the same colour on their caret and in « Afficher les auteurs », and the
 * people of one pad get different colours (as long as there are fewer of them than colours). Each pair is a dark
 * caret colour (its white name label passes WCAG AA) and a highlight behind text (the text passes WCAG AA on
 * it); any two carets, and any two highlights, are at least MIN_AUTHOR_COLOR_DISTANCE apart (CIEDE2000).
 */

/** The smallest CIEDE2000 difference between two carets, and between two highlights, of the palette (tested). */
export const MIN_AUTHOR_COLOR_DISTANCE = 20;
/** The text colour that a highlight must keep readable (WCAG AA, 4.5:1) and the caret labels' text colour. */
export const AUTHOR_TEXT_COLOR = '#212529';
export const CARET_LABEL_COLOR = '#ffffff';

export const AUTHOR_COLORS = [
  { caret: '#1176d0', highlight: '#27c3ff' },
  { caret: '#e90044', highlight: '#ffa69e' },
  { caret: '#018127', highlight: '#7bf39e' },
  { caret: '#a95e26', highlight: '#fcaa50' },
  { caret: '#842efe', highlight: '#a7a9ff' },
  { caret: '#00615e', highlight: '#21f6f5' },
  { caret: '#90286f', highlight: '#ff89db' },
  { caret: '#444000', highlight: '#ffff82' },
  { caret: '#502a1b', highlight: '#b4b389' },
  { caret: '#2b3344', highlight: '#dee2e6' },
] as const;

export type AuthorColor = (typeof AUTHOR_COLORS)[number];

/** The palette slot a user prefers: a stable FNV-1a hash of their id. */
function preferredSlot(userId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < userId.length; i++) {
    hash ^= userId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % AUTHOR_COLORS.length;
}

/** A user's colour on their own, without knowing who else is in the pad (the server's default for a person). */
export function authorColor(userId: string): AuthorColor {
  return AUTHOR_COLORS[preferredSlot(userId)]!;
}

/**
 * The colours of one pad's people, given once and kept: each newcomer gets their preferred colour if nobody has
 * it yet, else the next free one; only once every colour is taken do colours repeat (a new round starts). A
 * person keeps their colour for as long as the page is open, so nothing changes colour under the reader's eyes.
 */
export class AuthorColors {
  private readonly given = new Map<string, number>();
  /** The slots taken in the current round. */
  private taken = new Set<number>();

  /** The colour of `userId` in this pad (given now if they are new). */
  colorOf(userId: string): AuthorColor {
    let slot = this.given.get(userId);
    if (slot === undefined) {
      if (this.taken.size === AUTHOR_COLORS.length) this.taken = new Set();
      slot = preferredSlot(userId);
      while (this.taken.has(slot)) slot = (slot + 1) % AUTHOR_COLORS.length;
      this.taken.add(slot);
      this.given.set(userId, slot);
    }
    return AUTHOR_COLORS[slot]!;
  }

  /** Gives colours to these people in this order (the pad's authors in order of arrival, then who is here). */
  addAll(userIds: Iterable<string>): void {
    for (const id of userIds) this.colorOf(id);
  }
}
