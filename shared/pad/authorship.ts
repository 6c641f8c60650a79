import * as Y from 'yjs';
import { PAD_FRAGMENT } from './protocol';
import type { PadAuthorship, PadPerson } from './types';

/** Looks up the author of a Yjs item id in the server's attribution (see GET /api/pads/:id/authors). */
export class AuthorIndex {
  private readonly byClient = new Map<number, number[]>();

  constructor(private readonly authorship: PadAuthorship) {
    const { ranges } = authorship;
    for (let i = 0; i + 3 < ranges.length; i += 4) {
      const client = ranges[i]!;
      const list = this.byClient.get(client) ?? [];
      list.push(ranges[i + 1]!, ranges[i + 2]!, ranges[i + 3]!);
      this.byClient.set(client, list);
    }
  }

  /** The author of the item `(client, clock)`, or null when the server has not attributed it (yet). */
  authorAt(client: number, clock: number): PadPerson | null {
    const list = this.byClient.get(client);
    if (!list) return null;
    let low = 0;
    let high = list.length / 3 - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (clock < list[mid * 3]!) high = mid - 1;
      else if (clock >= list[mid * 3 + 1]!) low = mid + 1;
      else return this.authorship.authors[list[mid * 3 + 2]!] ?? null;
    }
    return null;
  }
}

/** A run of visible text and who wrote it. */
export interface AuthoredRun {
  text: string;
  author: PadPerson | null;
}

/** The visible characters of a text run, item by item, with their author (contiguous same-author runs merged). */
export function authoredRuns(text: Y.XmlText, index: AuthorIndex): AuthoredRun[] {
  const runs: AuthoredRun[] = [];
  for (let item = text._start; item !== null; item = item.right) {
    if (item.deleted || !(item.content instanceof Y.ContentString)) continue;
    const author = index.authorAt(item.id.client, item.id.clock);
    const last = runs[runs.length - 1];
    if (last && last.author?.id === author?.id) last.text += item.content.str;
    else runs.push({ text: item.content.str, author });
  }
  return runs;
}

/** Every text run of a pad, in document order. */
export function padTextRuns(doc: Y.Doc): Y.XmlText[] {
  const out: Y.XmlText[] = [];
  const walk = (node: Y.XmlFragment | Y.XmlElement): void => {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText) out.push(child);
      else if (child instanceof Y.XmlElement) walk(child);
    }
  };
  walk(doc.getXmlFragment(PAD_FRAGMENT));
  return out;
}
