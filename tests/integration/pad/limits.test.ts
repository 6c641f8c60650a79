import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLAB_CLOSE } from '../../../shared/realtime/close-codes';
import { COLLAB_MAX_MESSAGE_BYTES } from '../../../shared/limits';
import { PAD_MAX_DOCUMENT_BYTES } from '../../../shared/pad/limits';
import { RATE_LIMITS } from '../../../shared/ratelimit/limits';
import { PAD_FRAGMENT, padDocumentName } from '../../../shared/pad/protocol';
import type { SpaceSummary } from '../../../shared/spaces/types';
import { personaWorld, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { RawClient, createPad, eventually, serverText, typeText } from './support';

/** A raw writer connected to a pad, with a Y.Doc whose updates it sends as they happen. */
async function rawWriter(server: TestServer, world: PersonaWorld, pad: SpaceSummary, browser = world.browsers.pupil): Promise<{ raw: RawClient; doc: Y.Doc }> {
  const raw = RawClient.connect(server, browser, padDocumentName(pad.id));
  await raw.opened;
  const doc = new Y.Doc();
  doc.on('update', (update: Uint8Array) => raw.ws.readyState === raw.ws.OPEN && raw.sendUpdate(update));
  return { raw, doc };
}

describe('pad: limits and content checks (a refused frame closes that connection only)', () => {
  let server: TestServer;
  let world: PersonaWorld;
  let pad: SpaceSummary;

  beforeAll(async () => {
    server = await startServer();
    world = await personaWorld(server);
    pad = await createPad(world.browsers.teacher, world.classId);
  });
  afterAll(async () => {
    await server?.stop();
    server?.cleanup();
  });

  it('accepts the editor’s content (paragraphs, marks, http links)', async () => {
    const { raw, doc } = await rawWriter(server, world, pad);
    doc.transact(() => {
      const paragraph = new Y.XmlElement('paragraph');
      const text = new Y.XmlText();
      text.insert(0, 'Bonjour ', {});
      text.insert(8, 'le monde', { bold: {}, link: { href: 'https://fr.wikipedia.org', target: '_blank', rel: null, class: null } });
      paragraph.insert(0, [text]);
      const heading = new Y.XmlElement('heading');
      heading.setAttribute('level', 2 as unknown as string);
      heading.insert(0, [new Y.XmlText('Titre')]);
      doc.getXmlFragment(PAD_FRAGMENT).insert(0, [heading, paragraph]);
    });
    await eventually(async () => (await serverText(server, world.browsers.teacher, pad.id)) === 'Titre\nBonjour le monde', 'content accepted');
    raw.close();
  });

  const refusals: Array<[string, (doc: Y.Doc) => void]> = [
    ['a node outside the schema (script)', (doc) => doc.getXmlFragment(PAD_FRAGMENT).insert(0, [new Y.XmlElement('script')])],
    [
      'a javascript: link',
      (doc) => {
        const paragraph = new Y.XmlElement('paragraph');
        const text = new Y.XmlText();
        text.insert(0, 'clique ici', { link: { href: 'javascript:alert(1)' } });
        paragraph.insert(0, [text]);
        doc.getXmlFragment(PAD_FRAGMENT).insert(0, [paragraph]);
      },
    ],
    ['another root (a forged PermanentUserData)', (doc) => new Y.PermanentUserData(doc).setUserMapping(doc, doc.clientID, 'demo-user-claire.fontaine')],
    ['an unknown mark', (doc) => {
      const paragraph = new Y.XmlElement('paragraph');
      const text = new Y.XmlText();
      text.insert(0, 'texte', { onclick: { code: 'alert(1)' } });
      paragraph.insert(0, [text]);
      doc.getXmlFragment(PAD_FRAGMENT).insert(0, [paragraph]);
    }],
    ['raw values inside an element', (doc) => {
      doc.transact(() => {
        const paragraph = new Y.XmlElement('paragraph');
        doc.getXmlFragment(PAD_FRAGMENT).insert(0, [paragraph]);
        (paragraph as unknown as Y.Array<unknown>).insert(0, ['<img src=x onerror=alert(1)>']);
      });
    }],
    ['a sub-document', (doc) => {
      doc.transact(() => {
        const paragraph = new Y.XmlElement('paragraph');
        doc.getXmlFragment(PAD_FRAGMENT).insert(0, [paragraph]);
        (paragraph as unknown as Y.Array<unknown>).insert(0, [new Y.Doc()]);
      });
    }],
  ];

  for (const [what, write] of refusals) {
    it(`refuses ${what} and closes that connection (${COLLAB_CLOSE.INVALID_CONTENT})`, async () => {
      const before = await serverText(server, world.browsers.teacher, pad.id);
      const { raw, doc } = await rawWriter(server, world, pad);
      write(doc);
      expect((await raw.closed).code).toBe(COLLAB_CLOSE.INVALID_CONTENT);
      expect(await serverText(server, world.browsers.teacher, pad.id)).toBe(before);
    });
  }

  it(`closes a connection sending a frame over ${COLLAB_MAX_MESSAGE_BYTES} bytes (1009)`, async () => {
    const { raw } = await rawWriter(server, world, pad);
    raw.send(new Uint8Array(COLLAB_MAX_MESSAGE_BYTES + 10));
    expect((await raw.closed).code).toBe(COLLAB_CLOSE.MESSAGE_TOO_BIG);
  });

  const UPDATES_BURST = RATE_LIMITS.collabUpdate.points;
  it(`closes a connection sending far more than ${UPDATES_BURST} updates at once (${COLLAB_CLOSE.RATE_LIMITED}), others carry on`, async () => {
    const { raw: bystander, doc: calm } = await rawWriter(server, world, pad);
    // Limits are per user: the flooder is someone else (and the next tests' writer keeps its budget).
    const { raw, doc } = await rawWriter(server, world, pad, world.browsers.pupilModerator);
    for (let i = 0; i < UPDATES_BURST * 3 && raw.ws.readyState === raw.ws.OPEN; i++) typeText(doc, 'a');
    expect((await raw.closed).code).toBe(COLLAB_CLOSE.RATE_LIMITED);
    typeText(calm, ' calme');
    await eventually(async () => (await serverText(server, world.browsers.teacher, pad.id)).includes('calme'), 'the bystander still writes');
    bystander.close();
  });

  it(`refuses to grow a pad past ${PAD_MAX_DOCUMENT_BYTES} bytes (${COLLAB_CLOSE.DOCUMENT_TOO_LARGE})`, async () => {
    const big = await createPad(world.browsers.teacher, world.classId);
    const { raw, doc } = await rawWriter(server, world, big);
    const chunk = 'x'.repeat(Math.floor(COLLAB_MAX_MESSAGE_BYTES * 0.8));
    let sent = 0;
    while (raw.ws.readyState === raw.ws.OPEN && sent < 5) {
      typeText(doc, chunk);
      sent += 1;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect((await raw.closed).code).toBe(COLLAB_CLOSE.DOCUMENT_TOO_LARGE);
    const stored = await serverText(server, world.browsers.teacher, big.id);
    expect(stored.length).toBeLessThanOrEqual(PAD_MAX_DOCUMENT_BYTES);
    expect(stored.length).toBeGreaterThanOrEqual(chunk.length * 2);
  });
});
