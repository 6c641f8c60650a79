import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { PAD_DELETE_RANGES_PER_WORK_UNIT, PAD_MAX_DEPTH, PAD_MAX_NODES, PAD_MAX_UPDATE_DELETE_RANGES, PAD_MAX_UPDATE_NODES, PAD_MAX_UPDATE_STRUCTS } from '../../shared/pad/limits';
import { RATE_LIMITS } from '../../shared/ratelimit/limits';
import { COLLAB_CLOSE } from '../../shared/realtime/close-codes';
import { guardPadUpdate, inspectPadUpdate } from './guard';
import { element, nestedQuotes, paragraph, top } from './yxml-fixtures';

/** What a client's change to a copy of the server's document would send. */
function changeBytes(server: Y.Doc, write: (doc: Y.Doc) => void): Uint8Array {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(client);
  write(client);
  return Y.encodeStateAsUpdate(client, before);
}

const change = (server: Y.Doc, write: (doc: Y.Doc) => void) => Y.decodeUpdate(changeBytes(server, write));

describe('guardPadUpdate', () => {
  it('accepts what the editor writes: blocks, text, marks, http links, edits inside existing text', () => {
    const server = new Y.Doc();
    expect(guardPadUpdate(server, change(server, (doc) => top(doc).insert(0, [paragraph('Bonjour', { bold: {} })])))).toBeNull();
    top(server).insert(0, [paragraph('Salut')]);
    const inside = change(server, (doc) => ((top(doc).get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(3, 'jour', { link: { href: 'https://example.org', target: '_blank', rel: 'noopener noreferrer nofollow', class: null, title: null } }));
    expect(guardPadUpdate(server, inside)).toBeNull();
    const rich = change(server, (doc) =>
      top(doc).insert(1, [
        element('heading', [new Y.XmlText('Titre')], { level: 2 }),
        element('bulletList', [element('listItem', [paragraph('un'), element('orderedList', [element('listItem', [paragraph('deux')])], { start: 3 })])]),
        element('codeBlock', [new Y.XmlText('let x = 1;')], { language: 'typescript' }),
        element('blockquote', [paragraph('cité'), element('horizontalRule')]),
        element('paragraph', [new Y.XmlText('ligne'), element('hardBreak'), new Y.XmlText('suite')]),
      ]),
    );
    expect(guardPadUpdate(server, rich)).toBeNull();
  });

  it('refuses nodes, marks and links outside the schema, other roots and attributes on text', () => {
    const server = new Y.Doc();
    const refused = (write: (doc: Y.Doc) => void) => guardPadUpdate(server, change(server, write));
    expect(refused((doc) => top(doc).insert(0, [new Y.XmlElement('iframe')]))).toMatchObject({ code: 4422 });
    expect(refused((doc) => top(doc).insert(0, [paragraph('x', { link: { href: 'javascript:alert(1)' } })]))).toMatchObject({ code: 4422 });
    expect(refused((doc) => top(doc).insert(0, [paragraph('x', { onmouseover: { js: 1 } })]))).toMatchObject({ code: 4422 });
    expect(refused((doc) => doc.getMap('users').set('forged', 'yes'))).toMatchObject({ code: 4422 });
    expect(refused((doc) => top(doc).insert(0, [new Y.XmlText('loose text')]))).toMatchObject({ code: 4422 });
  });

  describe('the attacks of issue 12: structures the editor refuses', () => {
    const server = new Y.Doc();
    const refusal = (write: (doc: Y.Doc) => void) => guardPadUpdate(server, change(server, write));
    it.each<[string, (doc: Y.Doc) => void]>([
      ['a paragraph inside a paragraph', (doc) => top(doc).insert(0, [element('paragraph', [paragraph('dedans')])])],
      ['a list item at the top', (doc) => top(doc).insert(0, [element('listItem', [paragraph('seul')])])],
      ['a list item inside a paragraph', (doc) => top(doc).insert(0, [element('paragraph', [element('listItem')])])],
      ['a hard break at the top', (doc) => top(doc).insert(0, [element('hardBreak')])],
      ['a hard break directly in a quote', (doc) => top(doc).insert(0, [element('blockquote', [element('hardBreak')])])],
      ['a paragraph directly in a list', (doc) => top(doc).insert(0, [element('bulletList', [paragraph('x')])])],
      ['text directly in a list item', (doc) => top(doc).insert(0, [element('bulletList', [element('listItem', [new Y.XmlText('x')])])])],
      ['a heading level of markup', (doc) => top(doc).insert(0, [element('heading', [new Y.XmlText('x')], { level: '<img src=x onerror=alert(1)>' })])],
      ['a heading level of 7', (doc) => top(doc).insert(0, [element('heading', [new Y.XmlText('x')], { level: 7 })])],
      ['an attribute named __proto__', (doc) => top(doc).insert(0, [element('paragraph', [], JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>)])],
      ['an attribute named constructor', (doc) => top(doc).insert(0, [element('paragraph', [], { constructor: 'x' })])],
      ['an attribute named onclick', (doc) => top(doc).insert(0, [element('paragraph', [], { onclick: 'alert(1)' })])],
      ['a node named constructor', (doc) => top(doc).insert(0, [element('constructor')])],
      ['a node named __proto__', (doc) => top(doc).insert(0, [element('__proto__')])],
      ['a code language of markup', (doc) => top(doc).insert(0, [element('codeBlock', [new Y.XmlText('x')], { language: '"><script>' })])],
      ['bold text in a code block', (doc) => top(doc).insert(0, [element('codeBlock', [(() => { const run = new Y.XmlText(); run.insert(0, 'x', { bold: {} }); return run; })()])])],
      ['a link with a class', (doc) => top(doc).insert(0, [paragraph('x', { link: { href: 'https://a.fr', class: 'evil' } })])],
      ['a link with an onclick', (doc) => top(doc).insert(0, [paragraph('x', { link: { href: 'https://a.fr', onclick: 'alert(1)' } })])],
      ['a link without a target', (doc) => top(doc).insert(0, [paragraph('x', { link: { target: '_blank' } })])],
      ['a mark named __proto__', (doc) => top(doc).insert(0, [paragraph('x', { ['__proto__--abcdefgh']: {} })])],
      ['an ordered list starting at a string', (doc) => top(doc).insert(0, [element('orderedList', [element('listItem', [paragraph('x')])], { start: 'x' })])],
      [`${PAD_MAX_DEPTH + 1} nested quotes`, (doc) => nestedQuotes(doc, PAD_MAX_DEPTH)],
      ['1,000 nested quotes', (doc) => nestedQuotes(doc, 1_000)],
    ])('refuses %s (4422)', (_what, write) => {
      expect(refusal(write)).toMatchObject({ code: COLLAB_CLOSE.INVALID_CONTENT });
    });

    it.each([5_000, 40_000])('refuses %i nested quotes, before decoding (too much structure) and after (too deep)', (depth) => {
      const bytes = changeBytes(server, (doc) => nestedQuotes(doc, depth));
      expect(inspectPadUpdate(bytes)).toMatchObject({ code: COLLAB_CLOSE.DOCUMENT_TOO_LARGE });
      const started = performance.now();
      expect(guardPadUpdate(server, Y.decodeUpdate(bytes))).toMatchObject({ code: expect.any(Number) as number });
      expect(performance.now() - started).toBeLessThan(2_000);
    });

    it(`accepts quotes nested ${PAD_MAX_DEPTH - 1} deep around a paragraph (depth ${PAD_MAX_DEPTH})`, () => {
      expect(refusal((doc) => nestedQuotes(doc, PAD_MAX_DEPTH - 1))).toBeNull();
    });

    it('refuses content that goes too deep under an existing deep element', () => {
      const deep = new Y.Doc();
      nestedQuotes(deep, PAD_MAX_DEPTH - 1);
      const update = change(deep, (doc) => {
        let node = top(doc).get(0) as Y.XmlElement;
        while (node.get(0) instanceof Y.XmlElement && (node.get(0) as Y.XmlElement).nodeName === 'blockquote') node = node.get(0) as Y.XmlElement;
        node.insert(0, [element('blockquote', [paragraph('trop')])]);
      });
      expect(guardPadUpdate(deep, update)).toMatchObject({ code: COLLAB_CLOSE.INVALID_CONTENT });
    });
  });

  it('ignores an update that builds on items the server never accepted', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    top(client).insert(0, [paragraph('jamais reçu')]);
    const before = Y.encodeStateVector(client);
    ((top(client).get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(11, ' et la suite');
    expect(guardPadUpdate(server, Y.decodeUpdate(Y.encodeStateAsUpdate(client, before)))).toBe('ignore');
  });

  it('refuses an update past the pad’s node limit (4413), after a count of what it really holds', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    const send = (write: () => void) => {
      const before = Y.encodeStateVector(client);
      write();
      return Y.encodeStateAsUpdate(client, before);
    };
    const batch = Math.floor(PAD_MAX_UPDATE_NODES / 2) - 1;
    const paragraphs = () => top(client).insert(0, Array.from({ length: batch }, () => paragraph('x')));
    for (let added = 0; added + batch * 2 <= PAD_MAX_NODES; added += batch * 2) {
      const update = send(paragraphs);
      expect(guardPadUpdate(server, Y.decodeUpdate(update))).toBeNull();
      Y.applyUpdate(server, update);
    }
    expect(guardPadUpdate(server, Y.decodeUpdate(send(paragraphs)))).toMatchObject({ code: COLLAB_CLOSE.DOCUMENT_TOO_LARGE });
    // Once paragraphs are deleted, the pad takes new ones again.
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, Y.encodeStateAsUpdate(server));
    const before = Y.encodeStateVector(fresh);
    top(fresh).delete(0, top(fresh).length);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(fresh, before));
    expect(guardPadUpdate(server, change(server, (doc) => top(doc).insert(0, [paragraph('de nouveau')])))).toBeNull();
  }, 30_000);
});

describe('inspectPadUpdate (before decoding)', () => {
  /**
   * Written by a fixed client id of the largest size Yjs draws: an update's byte size depends on it (a varint in every
   * reference; a random id below 2^28, one draw in 16, takes 4 bytes instead of 5 and the update 783 KB instead of 843).
   */
  const paragraphs = (count: number) => {
    const doc = new Y.Doc();
    doc.clientID = 2 ** 32 - 1;
    top(doc).insert(0, Array.from({ length: count }, () => paragraph('a')));
    return Y.encodeStateAsUpdate(doc);
  };

  it('refuses the 843 KB update of 20,000 one-character paragraphs at once (4413), in a few milliseconds', () => {
    const update = paragraphs(20_000);
    expect(update.byteLength).toBeGreaterThan(800_000);
    // The fastest of a few runs: a loaded machine may pause any one of them.
    let fastest = Number.POSITIVE_INFINITY;
    for (let run = 0; run < 5; run += 1) {
      const started = performance.now();
      expect(inspectPadUpdate(update)).toMatchObject({ code: COLLAB_CLOSE.DOCUMENT_TOO_LARGE });
      fastest = Math.min(fastest, performance.now() - started);
    }
    expect(fastest).toBeLessThan(50);
  });

  it('counts the work of an acceptable update: its structs and deleted ranges', () => {
    expect(inspectPadUpdate(paragraphs(100))).toEqual({ work: 300 });
  });

  it('the per-user work limit takes the largest acceptable update (so no update is refused for ever)', () => {
    expect(RATE_LIMITS.collabWork.points).toBeGreaterThanOrEqual(PAD_MAX_UPDATE_STRUCTS + PAD_MAX_UPDATE_DELETE_RANGES / PAD_DELETE_RANGES_PER_WORK_UNIT);
  });

  it('refuses content a pad never holds (sub-documents, raw JSON) and attribute values nested deep', () => {
    expect(inspectPadUpdate(changeBytes(new Y.Doc(), (doc) => doc.getArray('x').insert(0, [new Y.Doc()])))).toMatchObject({ code: COLLAB_CLOSE.INVALID_CONTENT });
    let nested: unknown = 'x';
    for (let i = 0; i < 100; i++) nested = [nested];
    expect(inspectPadUpdate(changeBytes(new Y.Doc(), (doc) => top(doc).insert(0, [element('heading', [], { level: nested })])))).toMatchObject({ code: COLLAB_CLOSE.INVALID_CONTENT });
  });

  it('refuses a truncated update as malformed (4400)', () => {
    const update = paragraphs(10);
    expect(inspectPadUpdate(update.subarray(0, update.length - 5))).toMatchObject({ code: COLLAB_CLOSE.MALFORMED });
  });
});
