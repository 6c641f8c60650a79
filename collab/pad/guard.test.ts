import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { PAD_FRAGMENT } from '../../shared/pad/protocol';
import { guardPadUpdate } from './guard';

/** The server document, and what a client's change to a copy of it would send. */
function change(server: Y.Doc, write: (doc: Y.Doc) => void): ReturnType<typeof Y.decodeUpdate> {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(client);
  write(client);
  return Y.decodeUpdate(Y.encodeStateAsUpdate(client, before));
}

function paragraph(text: string, attributes?: Record<string, unknown>): Y.XmlElement {
  const element = new Y.XmlElement('paragraph');
  const run = new Y.XmlText();
  run.insert(0, text, attributes);
  element.insert(0, [run]);
  return element;
}

describe('guardPadUpdate', () => {
  it('accepts what the editor writes: blocks, text, marks, http links, edits inside existing text', () => {
    const server = new Y.Doc();
    expect(guardPadUpdate(server, change(server, (doc) => doc.getXmlFragment(PAD_FRAGMENT).insert(0, [paragraph('Bonjour', { bold: {} })])))).toBeNull();
    server.getXmlFragment(PAD_FRAGMENT).insert(0, [paragraph('Salut')]);
    const inside = change(server, (doc) => ((doc.getXmlFragment(PAD_FRAGMENT).get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(3, 'jour', { link: { href: 'https://example.org' } }));
    expect(guardPadUpdate(server, inside)).toBeNull();
  });

  it('refuses nodes, marks and links outside the schema, other roots and attributes on text', () => {
    const server = new Y.Doc();
    const refused = (write: (doc: Y.Doc) => void) => guardPadUpdate(server, change(server, write));
    expect(refused((doc) => doc.getXmlFragment(PAD_FRAGMENT).insert(0, [new Y.XmlElement('iframe')]))).toMatchObject({ code: 4422 });
    expect(refused((doc) => doc.getXmlFragment(PAD_FRAGMENT).insert(0, [paragraph('x', { link: { href: 'javascript:alert(1)' } })]))).toMatchObject({ code: 4422 });
    expect(refused((doc) => doc.getXmlFragment(PAD_FRAGMENT).insert(0, [paragraph('x', { onmouseover: { js: 1 } })]))).toMatchObject({ code: 4422 });
    expect(refused((doc) => doc.getMap('users').set('forged', 'yes'))).toMatchObject({ code: 4422 });
    expect(refused((doc) => doc.getXmlFragment(PAD_FRAGMENT).insert(0, [new Y.XmlText('loose text')]))).toMatchObject({ code: 4422 });
  });

  it('ignores an update that builds on items the server never accepted', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    client.getXmlFragment(PAD_FRAGMENT).insert(0, [paragraph('jamais reçu')]);
    const before = Y.encodeStateVector(client);
    ((client.getXmlFragment(PAD_FRAGMENT).get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(11, ' et la suite');
    expect(guardPadUpdate(server, Y.decodeUpdate(Y.encodeStateAsUpdate(client, before)))).toBe('ignore');
  });
});
