/**
 * Author colours: the same user has the same colour on their caret and in "afficher les auteurs". Light
 * backgrounds for highlighting text, each with a dark border colour that passes WCAG AA on white.
 */
export const AUTHOR_COLORS = [
  { caret: '#1864ab', highlight: '#d0ebff' },
  { caret: '#c2255c', highlight: '#ffdeeb' },
  { caret: '#2b8a3e', highlight: '#d3f9d8' },
  { caret: '#e8590c', highlight: '#ffe8cc' },
  { caret: '#6741d9', highlight: '#e5dbff' },
  { caret: '#0b7285', highlight: '#c5f6fa' },
  { caret: '#a61e4d', highlight: '#fcc2d7' },
  { caret: '#5c940d', highlight: '#e9fac8' },
  { caret: '#862e9c', highlight: '#f3d9fa' },
  { caret: '#d9480f', highlight: '#fff4e6' },
  { caret: '#364fc7', highlight: '#dbe4ff' },
  { caret: '#087f5b', highlight: '#c3fae8' },
] as const;

export type AuthorColor = (typeof AUTHOR_COLORS)[number];

/** A stable colour for a user id (FNV-1a hash over the id). */
export function authorColor(userId: string): AuthorColor {
  let hash = 0x811c9dc5;
  for (let i = 0; i < userId.length; i++) {
    hash ^= userId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return AUTHOR_COLORS[hash % AUTHOR_COLORS.length]!;
}
