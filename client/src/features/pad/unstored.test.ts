import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { PAD_FRAGMENT } from '../../../../shared/pad/protocol';
import { unstoredText } from './unstored';

function paragraph(doc: Y.Doc, text: string): Y.XmlText {
  const run = new Y.XmlText(text);
  const element = new Y.XmlElement('paragraph');
  element.insert(0, [run]);
  doc.getXmlFragment(PAD_FRAGMENT).push([element]);
  return run;
}

describe('unstoredText', () => {
  it('is the text the stored document does not hold, by Yjs id, one line per text run', () => {
    const local = new Y.Doc();
    const run = paragraph(local, 'Bonjour. ');
    const stored = new Y.Doc();
    Y.applyUpdate(stored, Y.encodeStateAsUpdate(local));
    // Typed after the server stopped accepting: merged by Yjs with the stored item, and a new paragraph.
    run.insert(run.length, 'Refusé');
    paragraph(local, 'Aussi refusé');
    expect(unstoredText(local, stored)).toBe('Refusé\nAussi refusé');
  });

  it('leaves out text deleted meanwhile, and is empty when everything is stored', () => {
    const local = new Y.Doc();
    const run = paragraph(local, 'Texte');
    const stored = new Y.Doc();
    Y.applyUpdate(stored, Y.encodeStateAsUpdate(local));
    expect(unstoredText(local, stored)).toBe('');
    run.insert(5, ' effacé');
    run.delete(5, 7);
    expect(unstoredText(local, stored)).toBe('');
  });
});
