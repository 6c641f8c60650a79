import type { DecorationAttrs } from '@tiptap/pm/view';
import type { AuthorColors } from '../../../../shared/pad/colors';

/** The key of a caret's person: the id the server wrote in their presence (their name until it did). */
const personOf = (user: Record<string, unknown>): string => (typeof user.id === 'string' ? user.id : `name:${String(user.name ?? '')}`);

/**
 * Someone else's caret, in their colour in this pad (the same as their passages under « Afficher les auteurs »):
 * a line and a label with their name, white on the dark caret colour.
 */
export function caretElement(user: Record<string, unknown>, colors: AuthorColors): HTMLElement {
  const color = colors.colorOf(personOf(user)).caret;
  const caret = document.createElement('span');
  caret.classList.add('collaboration-carets__caret');
  caret.style.borderColor = color;
  caret.dataset.author = personOf(user);
  const label = document.createElement('div');
  label.classList.add('collaboration-carets__label');
  label.style.backgroundColor = color;
  label.textContent = String(user.name ?? '');
  caret.append(label);
  return caret;
}

/** Someone else's selection, behind the text in their highlight colour. */
export function selectionAttrs(user: Record<string, unknown>, colors: AuthorColors): DecorationAttrs {
  return { nodeName: 'span', class: 'ProseMirror-yjs-selection', style: `background-color: ${colors.colorOf(personOf(user)).highlight}` };
}
