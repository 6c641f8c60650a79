import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { PAD_FRAGMENT } from '../../../shared/pad/protocol';
import { docFromState, padContentJson, padPlainText, removePassages, replaceContent } from './content';

function pad(lines: Array<Array<[string, Record<string, unknown>?]>>): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    for (const runs of lines) {
      const paragraph = new Y.XmlElement('paragraph');
      const text = new Y.XmlText();
      let at = 0;
      for (const [chunk, attributes] of runs) {
        text.insert(at, chunk, attributes ?? {});
        at += chunk.length;
      }
      paragraph.insert(0, [text]);
      const fragment = doc.getXmlFragment(PAD_FRAGMENT);
      fragment.insert(fragment.length, [paragraph]);
    }
  });
  return doc;
}

describe('pad content', () => {
  it('removes every occurrence of a passage, across formatting, and the encoded state no longer holds it', () => {
    const doc = pad([[['Appelle le 06'], ['1234', { bold: {} }], ['5678 vite']], [['Encore 0612345678.']]]);
    let removed = 0;
    doc.transact(() => (removed = removePassages(doc, ['0612345678'])));
    expect(removed).toBe(2);
    expect(padPlainText(doc)).toBe('Appelle le  vite\nEncore .');
    const bytes = Buffer.from(Y.encodeStateAsUpdate(doc));
    for (const piece of ['06', '1234', '5678']) expect(bytes.includes(Buffer.from(piece))).toBe(false);
  });

  it('replaces the content with a version’s, as new items (the old ones are deleted, not rewritten)', () => {
    const current = pad([[['Texte actuel']]]);
    const version = pad([[['Ancien '], ['titre', { italic: {} }]], [['et sa suite']]]);
    const before = Y.encodeStateVector(current);
    current.transact(() => replaceContent(current, version));
    expect(padContentJson(current)).toEqual(padContentJson(version));
    const change = Y.decodeUpdate(Y.encodeStateAsUpdate(current, before));
    expect(change.ds.clients.size).toBe(1);
    expect(padContentJson(docFromState(Y.encodeStateAsUpdate(current)))).toEqual(padContentJson(version));
  });

  it('gives an empty pad as one empty paragraph, valid for the editor', () => {
    expect(padContentJson(new Y.Doc())).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] });
  });
});
