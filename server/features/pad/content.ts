import * as Y from 'yjs';
import { PAD_FRAGMENT } from '../../../shared/pad/protocol';

/** The pad's content as the read-only preview renders it (see preview.ts). */
export { padContentJson } from './preview';

/** A standalone Y.Doc from a stored state. */
export function docFromState(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc({ gc: true });
  Y.applyUpdate(doc, state);
  return doc;
}

/** The plain text of a pad (tests, search), one line per block. */
export function padPlainText(doc: Y.Doc): string {
  const lines: string[] = [];
  const walk = (node: Y.XmlElement | Y.XmlText | Y.XmlFragment): string => {
    if (node instanceof Y.XmlText) return textOf(node);
    const inner = node.toArray().map((child) => walk(child as Y.XmlElement | Y.XmlText)).join('');
    return inner;
  };
  for (const block of doc.getXmlFragment(PAD_FRAGMENT).toArray()) lines.push(walk(block as Y.XmlElement | Y.XmlText));
  return lines.join('\n');
}

/** The characters of an XmlText (embeds count as one placeholder character, like Yjs indexes them). */
function textOf(text: Y.XmlText): string {
  let out = '';
  for (const op of text.toDelta() as Array<{ insert: unknown }>) out += typeof op.insert === 'string' ? op.insert : '\uFFFC';
  return out;
}

/**
 * Makes `target`'s content equal to `source`'s with new items (the caller runs it inside a transaction
 * attributed to the person restoring): history is kept, nothing is rewritten.
 */
export function replaceContent(target: Y.Doc, source: Y.Doc): void {
  const fragment = target.getXmlFragment(PAD_FRAGMENT);
  const copies = source
    .getXmlFragment(PAD_FRAGMENT)
    .toArray()
    .map((child) => (child as Y.XmlElement | Y.XmlText).clone());
  if (fragment.length > 0) fragment.delete(0, fragment.length);
  if (copies.length > 0) fragment.insert(0, copies);
}

/** Every text run of a pad, in document order (without recursion: an old pad may be nested very deep). */
function textNodes(node: Y.XmlFragment | Y.XmlElement, out: Y.XmlText[]): Y.XmlText[] {
  const stack: Array<Y.XmlElement | Y.XmlText | Y.XmlFragment> = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current instanceof Y.XmlText) {
      out.push(current);
      continue;
    }
    const children = current.toArray();
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child instanceof Y.XmlText || child instanceof Y.XmlElement) stack.push(child);
    }
  }
  return out;
}

/**
 * Deletes every occurrence of each passage from the pad's text (inside one text run each: the client splits a
 * selection at paragraph and line breaks). Returns how many were removed. With `gc` on, Yjs drops the
 * deleted characters from the document at the end of the transaction, so its next encoding holds none.
 */
export function removePassages(doc: Y.Doc, passages: readonly string[]): number {
  let removed = 0;
  for (const text of textNodes(doc.getXmlFragment(PAD_FRAGMENT), [])) {
    for (const passage of passages) {
      if (!passage) continue;
      const content = textOf(text);
      const starts: number[] = [];
      for (let at = content.indexOf(passage); at !== -1; at = content.indexOf(passage, at + passage.length)) starts.push(at);
      for (let i = starts.length - 1; i >= 0; i--) text.delete(starts[i]!, passage.length);
      removed += starts.length;
    }
  }
  return removed;
}
