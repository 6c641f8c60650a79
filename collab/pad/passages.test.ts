import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { PAD_FRAGMENT } from '../../shared/pad/protocol';
import { newPersonalInfo } from './passages';

/** A pad and a way to write in it as a user, recording the Yjs items each user created (as the server does). */
function pad() {
  const doc = new Y.Doc();
  const items = new Map<string, number[]>();
  const as = (userId: string, change: (fragment: Y.XmlFragment) => void) => {
    doc.clientID = Math.floor(Math.random() * 0xffffffff) >>> 0;
    doc.transact(() => change(doc.getXmlFragment(PAD_FRAGMENT)));
    const client = doc.clientID;
    const list = items.get(userId) ?? [];
    list.push(client, 0, Y.getState(doc.store, client));
    items.set(userId, list);
  };
  const paragraph = (text: string) => {
    const block = new Y.XmlElement('paragraph');
    const run = new Y.XmlText();
    run.insert(0, text);
    block.insert(0, [run]);
    return block;
  };
  const run = (at: number) => (doc.getXmlFragment(PAD_FRAGMENT).get(at) as Y.XmlElement).get(0) as Y.XmlText;
  return { doc, items, as, paragraph, run };
}

describe('newPersonalInfo', () => {
  it('finds a phone number in a pupil’s new paragraph, with its passage', () => {
    const { doc, items, as, paragraph } = pad();
    as('lea', (fragment) => fragment.insert(0, [paragraph('Pour la sortie, appelle-moi au 06 12 34 56 78 ce soir.')]));
    const found = newPersonalInfo(doc, items);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ userId: 'lea', match: { kind: 'phone', text: '06 12 34 56 78' } });
    expect(found[0]!.passage).toContain('appelle-moi au 06 12 34 56 78 ce soir');
  });

  it('does not find again what was there before: only matches holding new characters count, for their author', () => {
    const { doc, as, paragraph } = pad();
    as('lea', (fragment) => fragment.insert(0, [paragraph('Mon numéro : 06 12 34 56 78.')]));
    const later = pad();
    Y.applyUpdate(later.doc, Y.encodeStateAsUpdate(doc));
    later.as('chloe', () => later.run(0).insert(later.run(0).length, ' Merci !'));
    expect(newPersonalInfo(later.doc, later.items)).toEqual([]);
    // Another pupil completing a number in someone else's paragraph is its author for the guard.
    const completed = pad();
    completed.as('lea', (fragment) => fragment.insert(0, [completed.paragraph('Appelle le 07 98 76 54')]));
    expect(newPersonalInfo(completed.doc, completed.items)).toEqual([]);
    completed.items.clear(); // checked: the next check sees only what came after
    completed.as('chloe', () => completed.run(0).insert(completed.run(0).length, ' 32'));
    expect(newPersonalInfo(completed.doc, completed.items).map((found) => [found.userId, found.match.text])).toEqual([['chloe', '07 98 76 54 32']]);
  });

  it('ignores deleted text and reads only around new text in a long paragraph', () => {
    const { doc, items, as, paragraph, run } = pad();
    const long = `${'Il était une fois. '.repeat(2_000)}`;
    as('lea', (fragment) => fragment.insert(0, [paragraph(long)]));
    items.clear();
    as('lea', () => run(0).insert(run(0).length, ' Écris-moi : lea.martin@example.fr'));
    expect(newPersonalInfo(doc, items).map((found) => found.match.kind)).toEqual(['email']);
    as('lea', () => run(0).delete(long.length, run(0).length - long.length));
    expect(newPersonalInfo(doc, items)).toEqual([]);
  });
});
