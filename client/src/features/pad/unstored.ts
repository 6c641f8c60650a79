import * as Y from 'yjs';
import { PAD_FRAGMENT } from '../../../../shared/pad/protocol';

/** The part of a text run's items that `stored` does not hold (by Yjs id), in reading order. */
function unstoredOfText(text: Y.XmlText, stored: Y.Doc): string {
  let piece = '';
  for (let item = text._start; item !== null; item = item.right) {
    if (item.deleted || !(item.content instanceof Y.ContentString)) continue;
    const { client, clock } = item.id;
    const known = Y.getState(stored.store, client);
    if (clock + item.length <= known) continue;
    // Yjs merges a client's neighbouring items: one may be partly stored.
    piece += known > clock ? item.content.str.slice(known - clock) : item.content.str;
  }
  return piece;
}

function collect(type: Y.XmlFragment | Y.XmlElement, stored: Y.Doc, lines: string[]): void {
  for (const child of type.toArray()) {
    if (child instanceof Y.XmlText) {
      const piece = unstoredOfText(child, stored);
      if (piece.trim().length > 0) lines.push(piece);
    } else if (child instanceof Y.XmlElement) collect(child, stored, lines);
  }
}

/**
 * The text of `local` that `stored` (a document synced from the server) does not hold: what the server refused,
 * one line per text run, in reading order. Deleted text and formatting are left out.
 */
export function unstoredText(local: Y.Doc, stored: Y.Doc): string {
  const lines: string[] = [];
  collect(local.getXmlFragment(PAD_FRAGMENT), stored, lines);
  return lines.join('\n');
}
