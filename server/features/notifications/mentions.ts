import { findMentions, mentionIndex } from '../../../shared/notifications/mentions';
import { richTextToPlain, type RichTextDoc } from '../../../shared/richtext/validate';
import type { Recipient } from './recipients';
import type { LoadedItem } from './sources';

/** The kinds of items whose text may mention someone: a card, a comment, a topic or a reply. */
const MENTIONING_KINDS = new Set(['wallCard', 'wallComment', 'forumPost']);

/** One field of an item's content as plain text: a string as is, a rich-text document through `richTextToPlain`. */
function plainOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && (value as { type?: unknown }).type === 'doc') return richTextToPlain(value as RichTextDoc);
  return '';
}

/** The plain text of a published item, as its readers read it: its title (a card's, a topic's), its body or text. */
export function mentionableText(loaded: LoadedItem): string {
  if (!MENTIONING_KINDS.has(loaded.item.kind)) return '';
  const { title, body, text } = loaded.item.content;
  return [plainOf(title), plainOf(body), plainOf(text)].filter((part) => part !== '').join('\n');
}

/**
 * The recipients of a space that an item mentions (« @Léa Martin », or « @Léa » when only one of them is called
 * Léa), resolved among these recipients only (never anyone else of the school), at most MENTION_MAX_PER_ITEM. Who may
 * read the item is decided at delivery, as for every notification; the author is left out there too.
 */
export function mentionedIn(loaded: LoadedItem, recipients: readonly Recipient[]): Recipient[] {
  const text = mentionableText(loaded);
  if (!text.includes('@')) return [];
  const ids = findMentions(text, mentionIndex(recipients.map((recipient) => ({ id: recipient.user._id, name: recipient.user.displayName }))));
  const byId = new Map(recipients.map((recipient) => [recipient.user._id, recipient]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
