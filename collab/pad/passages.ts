import * as Y from 'yjs';
import { PAD_PII_CONTEXT_CHARS, PAD_PII_MAX_PARAGRAPHS, PAD_PII_QUOTE_CONTEXT_CHARS } from '../../shared/pad/limits';
import { detectPersonalInfo, type PiiMatch } from '../../shared/pii/detect';

/** The Yjs items each user created since the last check: flattened triples `clientID, fromClock, toClock`. */
export type NewItems = ReadonlyMap<string, readonly number[]>;

/** Personal information found in text a user just wrote. */
export interface NewPersonalInfo {
  userId: string;
  match: PiiMatch;
  /** The paragraph's text around the match, for the report's quote. */
  passage: string;
}

type Block = Y.XmlElement | Y.XmlText;
type Span = { start: number; end: number; userId: string };

/** Structs looked at in one check at most (a big paste is one struct; keystrokes of one client merge). */
const MAX_STRUCTS = 20_000;

/** The blocks (paragraphs, headings…) that hold these items and still show some of them. */
function touchedBlocks(doc: Y.Doc, items: NewItems): Set<Block> {
  const blocks = new Set<Block>();
  let budget = MAX_STRUCTS;
  for (const triples of items.values()) {
    for (let i = 0; i + 2 < triples.length; i += 3) {
      const client = triples[i]!;
      const to = Math.min(triples[i + 2]!, Y.getState(doc.store, client));
      for (let clock = triples[i + 1]!; clock < to && budget > 0 && blocks.size < PAD_PII_MAX_PARAGRAPHS; budget--) {
        const struct = Y.getItem(doc.store, Y.createID(client, clock)) as Y.Item | Y.GC;
        clock = struct.id.clock + struct.length;
        if (!(struct instanceof Y.Item) || struct.deleted) continue;
        const text = struct.parent;
        if (text instanceof Y.XmlText) blocks.add(text.parent instanceof Y.XmlElement ? text.parent : text);
      }
    }
  }
  return blocks;
}

/**
 * A block's visible text (inline nodes other than text count as a line break) and where in it the new items
 * of each user are. Walks the block's items once; reads nothing else of the document.
 */
function blockText(block: Block, byClient: ReadonlyMap<number, ReadonlyArray<readonly [number, number, string]>>): { text: string; spans: Span[] } {
  let text = '';
  const spans: Span[] = [];
  for (const child of block instanceof Y.XmlText ? [block] : block.toArray()) {
    if (!(child instanceof Y.XmlText)) {
      text += '\n';
      continue;
    }
    for (let item = child._start; item !== null; item = item.right) {
      if (item.deleted || !item.countable) continue;
      const { client, clock } = item.id;
      for (const [from, to, userId] of byClient.get(client) ?? []) {
        const start = Math.max(from, clock);
        const end = Math.min(to, clock + item.length);
        if (start < end) spans.push({ start: text.length + start - clock, end: text.length + end - clock, userId });
      }
      text += item.content instanceof Y.ContentString ? item.content.str : '\uFFFC'.repeat(item.length);
    }
  }
  return { text, spans };
}

/**
 * Disjoint windows of the text around the new spans, with context on each side: a match that overlaps new
 * text (the only ones that count) lies whole inside its window, since personal information is shorter than the
 * context; what a window's edge cuts is too far from new text to count.
 */
function windowsAround(text: string, spans: readonly Span[]): Array<[number, number]> {
  const windows: Array<[number, number]> = [];
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    const start = Math.max(0, span.start - PAD_PII_CONTEXT_CHARS);
    const end = Math.min(text.length, span.end + PAD_PII_CONTEXT_CHARS);
    const last = windows[windows.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else windows.push([start, end]);
  }
  return windows;
}

function quoteOf(text: string, start: number, end: number): string {
  const from = Math.max(0, start - PAD_PII_QUOTE_CONTEXT_CHARS);
  const to = Math.min(text.length, end + PAD_PII_QUOTE_CONTEXT_CHARS);
  return `${from > 0 ? '…' : ''}${text.slice(from, to).replace(/\s+/g, ' ').trim()}${to < text.length ? '…' : ''}`;
}

/**
 * The personal information (phone numbers, e-mail and postal addresses) that users' new items brought into a
 * pad: only matches that contain some of a user's new characters count for that user, so text that was there
 * before (theirs or others') is not found again when they type next to it. Reads only the paragraphs the new
 * items are in, and only around the new text: bounded work whatever the pad's size.
 */
export function newPersonalInfo(doc: Y.Doc, items: NewItems): NewPersonalInfo[] {
  const byClient = new Map<number, Array<readonly [number, number, string]>>();
  for (const [userId, triples] of items) {
    for (let i = 0; i + 2 < triples.length; i += 3) {
      const list = byClient.get(triples[i]!) ?? [];
      list.push([triples[i + 1]!, triples[i + 2]!, userId]);
      byClient.set(triples[i]!, list);
    }
  }
  const found: NewPersonalInfo[] = [];
  for (const block of touchedBlocks(doc, items)) {
    const { text, spans } = blockText(block, byClient);
    for (const [start, end] of windowsAround(text, spans)) {
      for (const match of detectPersonalInfo(text.slice(start, end))) {
        // `text` is the match trimmed: find where it really starts.
        const from = Math.max(start + match.index, text.indexOf(match.text, start + match.index));
        const to = from + match.text.length;
        const authors = new Set(spans.filter((span) => span.start < to && span.end > from).map((span) => span.userId));
        for (const userId of authors) found.push({ userId, match, passage: quoteOf(text, from, to) });
      }
    }
  }
  return found;
}
