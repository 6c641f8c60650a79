import fc from 'fast-check';
import { Node as PMNode } from '@tiptap/pm/model';
import { prosemirrorToYXmlFragment } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import { COLLAB_MESSAGE, SYNC_STEP, padDocumentName } from '../../../shared/pad/protocol';
import type { PadVersionPreview, PadVersionSummary } from '../../../shared/pad/types';
import { COLLAB_CLOSE } from '../../../shared/realtime/close-codes';
import { getSchema } from '@tiptap/core';
import { richTextExtensions } from '../../../shared/richtext/extensions';
import type { SpaceSummary } from '../../../shared/spaces/types';
import { editorDocument } from '../../../collab/pad/schema-arbitrary';
import { element, nestedQuotes, paragraph, top } from '../../../collab/pad/yxml-fixtures';
import { usePersonaWorld } from '../../helpers/personas';
import { RawClient, createPad, eventually, serverText } from './support';

/** The attacks of issue 12: structures the editor's schema refuses, each sent as a raw y-websocket update. */
const ATTACKS: Array<[string, (doc: Y.Doc) => void]> = [
  ['a paragraph inside a paragraph', (doc) => top(doc).insert(0, [element('paragraph', [paragraph('dedans')])])],
  ['a list item at the top', (doc) => top(doc).insert(0, [element('listItem', [paragraph('seul')])])],
  ['a hard break at the top', (doc) => top(doc).insert(0, [element('hardBreak')])],
  ['a hard break directly in a quote', (doc) => top(doc).insert(0, [element('blockquote', [element('hardBreak')])])],
  ['blockquotes nested 5,000 deep', (doc) => nestedQuotes(doc, 5_000)],
  ['blockquotes nested 40,000 deep', (doc) => nestedQuotes(doc, 40_000)],
  ['blockquotes nested 100 deep', (doc) => nestedQuotes(doc, 100)],
  ['a heading level of markup', (doc) => top(doc).insert(0, [element('heading', [new Y.XmlText('Titre')], { level: '<img src=x onerror=alert(1)>' })])],
  ['an attribute named __proto__', (doc) => top(doc).insert(0, [element('paragraph', [new Y.XmlText('x')], JSON.parse('{"__proto__": {"isAdmin": true}}') as Record<string, unknown>)])],
  ['an attribute named constructor', (doc) => top(doc).insert(0, [element('paragraph', [new Y.XmlText('x')], { constructor: 'x' })])],
  ['an attribute named onclick', (doc) => top(doc).insert(0, [element('paragraph', [new Y.XmlText('x')], { onclick: 'alert(1)' })])],
];

/** Resolves once the server relayed an update to this connection (the pupil's own, once durable). */
function relayed(raw: RawClient, from: number): Promise<void> {
  return eventually(
    () =>
      raw.received.slice(from).some((frame) => {
        const decoder = decoding.createDecoder(frame);
        return decoding.readVarUint(decoder) === COLLAB_MESSAGE.SYNC && decoding.readVarUint(decoder) === SYNC_STEP.UPDATE;
      }),
    'the update relayed',
  );
}

describe('pad: the server keeps only what the editor’s schema allows, and every pad previews (issue 12)', () => {
  const { server, world } = usePersonaWorld();


  /** Keeps a named version of the pad (teacher) and previews it as the parent would: the status and content. */
  async function preview(pad: SpaceSummary): Promise<{ status: number; content: unknown }> {
    const named = await world().browsers.teacher.post<PadVersionSummary>(`/api/pads/${pad.id}/versions`, { name: 'Contrôle' });
    expect(named.status).toBe(201);
    const answer = await world().browsers.parent.get<PadVersionPreview>(`/api/pads/${pad.id}/versions/${named.body.id}`);
    return { status: answer.status, content: answer.body.content };
  }

  for (const [what, write] of ATTACKS) {
    it(`refuses ${what} (closed ${COLLAB_CLOSE.INVALID_CONTENT} or ${COLLAB_CLOSE.DOCUMENT_TOO_LARGE}), stores nothing, and the pad still previews`, async () => {
      const pad = await createPad(world().browsers.teacher, world().classId);
      const raw = RawClient.connect(server(), world().browsers.pupil, padDocumentName(pad.id));
      await raw.opened;
      const doc = new Y.Doc();
      write(doc);
      raw.sendUpdate(Y.encodeStateAsUpdate(doc));
      const closed = await Promise.race([raw.closed.then(({ code }) => code), new Promise<'still open'>((resolve) => setTimeout(() => resolve('still open'), 10_000))]);
      raw.close();
      expect([COLLAB_CLOSE.INVALID_CONTENT, COLLAB_CLOSE.DOCUMENT_TOO_LARGE]).toContain(closed);
      expect(await serverText(server(), world().browsers.teacher, pad.id)).toBe('');
      const shown = await preview(pad);
      expect(shown.status).toBe(200);
      expect(shown.content).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] });
    });
  }

  it('accepts random documents the editor can hold, written by its own binding, and previews each as it is (200)', async () => {
    const schema = getSchema(richTextExtensions());
    for (const node of fc.sample(editorDocument({ maxDepth: 6 }), { numRuns: 8, seed: 12 })) {
      const pad = await createPad(world().browsers.teacher, world().classId);
      const raw = RawClient.connect(server(), world().browsers.pupil, padDocumentName(pad.id));
      await raw.opened;
      const doc = new Y.Doc();
      prosemirrorToYXmlFragment(node, top(doc));
      const from = raw.received.length;
      raw.sendUpdate(Y.encodeStateAsUpdate(doc));
      await relayed(raw, from);
      raw.close();
      const shown = await preview(pad);
      expect(shown.status).toBe(200);
      expect(PMNode.fromJSON(schema, shown.content).eq(PMNode.fromJSON(schema, node.toJSON()))).toBe(true);
    }
  });
});
