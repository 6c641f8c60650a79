import { describe, expect, it } from 'vitest';
import { MARK_ATTRIBUTES, NODE_ATTRIBUTES } from './attributes';
import { attributesProblem, richTextRules, richTextSchema } from './schema';

describe('richTextRules: the editor’s schema as lookup tables', () => {
  it('derives which node may contain which from the content expressions of the extension list', () => {
    const { top, nodes } = richTextRules();
    const blocks = ['paragraph', 'heading', 'blockquote', 'bulletList', 'orderedList', 'codeBlock', 'horizontalRule'];
    expect(top.name).toBe('doc');
    expect([...top.children].sort()).toEqual([...blocks].sort());
    expect(top.text).toBe(false);
    expect([...nodes.get('paragraph')!.children]).toEqual(['hardBreak']);
    expect(nodes.get('paragraph')!.text).toBe(true);
    expect([...nodes.get('bulletList')!.children]).toEqual(['listItem']);
    expect([...nodes.get('listItem')!.children].sort()).toEqual([...blocks].sort());
    expect(nodes.get('codeBlock')!.text).toBe(true);
    expect(nodes.get('codeBlock')!.marks.size).toBe(0);
    expect(nodes.get('heading')!.marks.has('link')).toBe(true);
    expect(nodes.get('hardBreak')!.children.size).toBe(0);
  });

  it('has a value rule for exactly the attributes the schema has, for every node and mark', () => {
    const schema = richTextSchema();
    for (const [name, type] of Object.entries(schema.nodes)) expect(Object.keys(NODE_ATTRIBUTES[name] ?? {}).sort(), name).toEqual(Object.keys(type.spec.attrs ?? {}).sort());
    for (const [name, type] of Object.entries(schema.marks)) expect(Object.keys(MARK_ATTRIBUTES[name] ?? {}).sort(), name).toEqual(Object.keys(type.spec.attrs ?? {}).sort());
    expect(Object.keys(NODE_ATTRIBUTES).sort()).toEqual(Object.keys(schema.nodes).sort());
    expect(Object.keys(MARK_ATTRIBUTES).sort()).toEqual(Object.keys(schema.marks).sort());
  });

  it('never finds a prototype name as a node, a mark or an attribute', () => {
    const { nodes, marks } = richTextRules();
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(nodes.has(name)).toBe(false);
      expect(marks.has(name)).toBe(false);
      expect(nodes.get('heading')!.attributes.has(name)).toBe(false);
    }
    expect(attributesProblem(nodes.get('paragraph')!, JSON.parse('{"__proto__": {"x": 1}}'))).toMatch(/unknown attribute __proto__/);
  });

  it('checks attribute values: heading levels 1–6, safe links, a code language from a safe alphabet', () => {
    const { nodes, marks } = richTextRules();
    const heading = nodes.get('heading')!;
    for (const level of [1, 2, 6]) expect(attributesProblem(heading, { level })).toBeNull();
    for (const level of [0, 7, 2.5, '2', '<img src=x onerror=alert(1)>', null]) expect(attributesProblem(heading, { level }), String(level)).not.toBeNull();
    const code = nodes.get('codeBlock')!;
    for (const language of [null, 'js', 'c++', 'objective-c', 'c#']) expect(attributesProblem(code, { language })).toBeNull();
    for (const language of ['"><script>', 'a b', 'x'.repeat(33), '']) expect(attributesProblem(code, { language }), language).not.toBeNull();
    const link = marks.get('link')!;
    expect(attributesProblem(link, { href: 'https://fr.wikipedia.org', target: '_blank', rel: 'noopener noreferrer nofollow', class: null, title: null }, { complete: true })).toBeNull();
    expect(attributesProblem(link, { href: 'mailto:prof@ecole.fr' }, { complete: true })).toBeNull();
    for (const attrs of [{ href: 'javascript:alert(1)' }, { href: 'https://a.fr', class: 'x' }, { href: 'https://a.fr', target: '_top' }, { href: 'https://a.fr\u0000' }, { target: '_blank' }, { href: 'https://a.fr', onclick: 'x' }]) {
      expect(attributesProblem(link, attrs, { complete: true }), JSON.stringify(attrs)).not.toBeNull();
    }
  });
});
