import fc from 'fast-check';
import { Node as PMNode } from '@tiptap/pm/model';
import { prosemirrorToYXmlFragment } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { PAD_FRAGMENT } from '../../shared/pad/protocol';
import { COLLAB_CLOSE } from '../../shared/realtime/close-codes';
import { richTextSchema } from '../../shared/richtext/schema';
import { padContentJson } from '../../server/features/pad/preview';
import { guardPadUpdate, inspectPadUpdate } from './guard';
import { editorDocument, schemaBreakingMutation } from './schema-arbitrary';

/** A client's document holding `node`, written by the editor's own binding (y-prosemirror). */
function clientDoc(node: PMNode): Y.Doc {
  const doc = new Y.Doc();
  prosemirrorToYXmlFragment(node, doc.getXmlFragment(PAD_FRAGMENT));
  return doc;
}

/** What the server decides for an update: the byte inspection first, then the guard on the decoded update. */
function decide(server: Y.Doc, update: Uint8Array): ReturnType<typeof guardPadUpdate> {
  const inspected = inspectPadUpdate(update);
  return 'code' in inspected ? inspected : guardPadUpdate(server, Y.decodeUpdate(update));
}

/** The preview renders (what the route answers 200 with): schema-valid JSON. */
function previewOf(doc: Y.Doc): PMNode {
  const json = padContentJson(doc);
  const node = PMNode.fromJSON(richTextSchema(), json);
  node.check();
  return node;
}

describe('pad guard and preview, property-based (fast-check)', () => {
  it('accepts every document the editor can hold, and the preview shows it as it is', () => {
    fc.assert(
      fc.property(editorDocument(), (node) => {
        const server = new Y.Doc();
        const update = Y.encodeStateAsUpdate(clientDoc(node));
        expect(decide(server, update)).toBeNull();
        Y.applyUpdate(server, update);
        expect(previewOf(server).eq(node)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('accepts edits of an accepted document made by the editor (one document replaced by another)', () => {
    fc.assert(
      fc.property(editorDocument(), editorDocument(), (first, second) => {
        const server = new Y.Doc();
        const client = clientDoc(first);
        Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
        const before = Y.encodeStateVector(client);
        prosemirrorToYXmlFragment(second, client.getXmlFragment(PAD_FRAGMENT));
        const update = Y.encodeStateAsUpdate(client, before);
        expect(decide(server, update)).toBeNull();
        Y.applyUpdate(server, update);
        previewOf(server);
      }),
      { numRuns: 100 },
    );
  });

  it('refuses every mutation that breaks the schema (wrong child, too deep, bad attribute, unknown node or mark)', () => {
    fc.assert(
      fc.property(editorDocument(), schemaBreakingMutation(), (node, mutation) => {
        const server = new Y.Doc();
        const client = clientDoc(node);
        Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
        const before = Y.encodeStateVector(client);
        mutation.apply(client);
        const refusal = decide(server, Y.encodeStateAsUpdate(client, before));
        expect(refusal, mutation.what).toMatchObject({ code: expect.toBeOneOf([COLLAB_CLOSE.INVALID_CONTENT, COLLAB_CLOSE.DOCUMENT_TOO_LARGE]) as number });
      }),
      { numRuns: 500 },
    );
  });

  it('renders any pad, even one holding what the guard refuses (older pads, concurrent edits): the preview never fails', () => {
    fc.assert(
      fc.property(editorDocument(), fc.array(schemaBreakingMutation(), { maxLength: 4 }), (node, mutations) => {
        const doc = clientDoc(node);
        for (const mutation of mutations) mutation.apply(doc);
        previewOf(doc);
      }),
      { numRuns: 300 },
    );
  });

  it('accepts nesting up to the limit and renders it', () => {
    fc.assert(
      fc.property(editorDocument({ maxDepth: 16, maxChildren: 2 }), (node) => {
        const server = new Y.Doc();
        const update = Y.encodeStateAsUpdate(clientDoc(node));
        expect(decide(server, update)).toBeNull();
        Y.applyUpdate(server, update);
        expect(previewOf(server).eq(node)).toBe(true);
      }),
      { numRuns: 50 },
    );
  });
});
