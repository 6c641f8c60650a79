import { EditorState } from '@tiptap/pm/state';
import { describe, expect, it } from 'vitest';
import { nestsTooDeep } from './nesting';
import { richTextSchema } from './schema';

const schema = richTextSchema();
/** A paragraph inside `levels` quotes. */
function quoted(levels: number) {
  let node = schema.node('paragraph', null, [schema.text('au fond')]);
  for (let i = 0; i < levels; i++) node = schema.node('blockquote', null, [node]);
  return schema.node('doc', null, [node, schema.node('paragraph', null, [schema.text('à côté')])]);
}

describe('nestsTooDeep (the editor’s nesting limit)', () => {
  it('lets a change within the limit through, and refuses one that nests a node deeper', () => {
    const state = EditorState.create({ schema, doc: quoted(3) });
    // Typing inside the deepest paragraph (at level 4).
    const typing = state.tr.insertText('!', 5);
    expect(nestsTooDeep(typing, 4)).toBe(false);
    expect(nestsTooDeep(typing, 3)).toBe(true);
    // Wrapping the paragraph beside in quotes up to level 5.
    const end = state.doc.content.size;
    const side = state.doc.resolve(end - 1).blockRange()!;
    let wrap = state.tr;
    for (let i = 0; i < 4; i++) wrap = wrap.wrap(wrap.doc.resolve(wrap.doc.content.size - 1).blockRange()!, [{ type: schema.nodes.blockquote! }]);
    expect(side).toBeTruthy();
    expect(nestsTooDeep(wrap, 4)).toBe(true);
    expect(nestsTooDeep(wrap, 5)).toBe(false);
    // A change elsewhere in a document that is already deep is not refused for what it did not touch.
    const elsewhere = state.tr.insertText('?', end - 2);
    expect(nestsTooDeep(elsewhere, 2)).toBe(false);
  });
});
