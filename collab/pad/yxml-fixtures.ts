/**
 * Test support (the pad guard's unit tests and the pad's integration tests): pad content built directly in Yjs, as
 * a raw client can write it, whether the editor's schema allows it or not. Never imported by the server.
 */
import * as Y from 'yjs';
import { PAD_FRAGMENT } from '../../shared/pad/protocol';

/** The pad's top-level fragment. */
export const top = (doc: Y.Doc) => doc.getXmlFragment(PAD_FRAGMENT);

/** An element with its children and attributes (any name, any attributes: nothing is checked here). */
export const element = (name: string, children: Array<Y.XmlElement | Y.XmlText> = [], attributes: Record<string, unknown> = {}) => {
  const node = new Y.XmlElement(name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value as string);
  if (children.length > 0) node.insert(0, children);
  return node;
};

/** A paragraph of one text run, with the run's attributes (marks) if any. */
export function paragraph(text: string, attributes?: Record<string, unknown>): Y.XmlElement {
  const node = new Y.XmlElement('paragraph');
  const run = new Y.XmlText();
  run.insert(0, text, attributes);
  node.insert(0, [run]);
  return node;
}

/** Nests `depth` blockquotes from the top, one level per step (as a raw client could), with a paragraph inside. */
export function nestedQuotes(doc: Y.Doc, depth: number): void {
  doc.transact(() => {
    let parent: Y.XmlFragment | Y.XmlElement = top(doc);
    for (let level = 0; level < depth; level++) {
      const quote = new Y.XmlElement('blockquote');
      parent.insert(0, [quote]);
      parent = quote;
    }
    parent.insert(0, [paragraph('au fond')]);
  });
}
