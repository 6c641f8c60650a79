/**
 * Test support (property tests of the pad guard and preview): random editor documents generated from the
 * editor's schema, and random mutations of a pad that break it. Never imported by the server.
 */
import fc from 'fast-check';
import { Fragment, Mark, type ContentMatch, type Node as PMNode, type NodeType } from '@tiptap/pm/model';
import * as Y from 'yjs';
import { PAD_MAX_DEPTH } from '../../shared/pad/limits';
import { PAD_FRAGMENT } from '../../shared/pad/protocol';
import { LINK_REL } from '../../shared/richtext/attributes';
import { richTextRules } from '../../shared/richtext/schema';

/** Valid values of each attribute the schema has (the schema says which exist, not which values are sane). */
const VALID_ATTRIBUTES: Record<string, Record<string, fc.Arbitrary<unknown>>> = {
  heading: { level: fc.integer({ min: 1, max: 6 }) },
  codeBlock: { language: fc.constantFrom(null, 'js', 'typescript', 'c++', 'objective-c', 'python3') },
  orderedList: { start: fc.integer({ min: 0, max: 1_000 }), type: fc.constantFrom(null, '1', 'a', 'A', 'i', 'I') },
};
const VALID_MARK_ATTRIBUTES: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
  link: fc.record({
    href: fc.constantFrom('https://fr.wikipedia.org/wiki/Volcan', 'http://exemple.fr/a?b=c#d', 'mailto:prof@ecole.fr', 'HTTPS://ECOLE.FR'),
    target: fc.constantFrom('_blank', null),
    rel: fc.constantFrom(LINK_REL, null),
    class: fc.constant(null),
    title: fc.constantFrom(null, 'Un titre'),
  }),
};

const words = fc.string({ minLength: 1, maxLength: 12, unit: fc.constantFrom(...'abcdeé àç<>&"\'\n\t.0123'.split('')) });

/** Every node type a content expression may take next from `match`. */
function nextTypes(match: ContentMatch): NodeType[] {
  const types: NodeType[] = [];
  for (let i = 0; i < match.edgeCount; i++) types.push(match.edge(i).type);
  return types;
}

/** Builds a random node of `type` with fast-check's generator, walking its content expression's automaton. */
function buildNode(g: fc.GeneratorValue, type: NodeType, depth: number, maxDepth: number, maxChildren: number): PMNode {
  const { schema, marks } = richTextRules();
  const attrs: Record<string, unknown> = {};
  for (const [name, arbitrary] of Object.entries(VALID_ATTRIBUTES[type.name] ?? {})) attrs[name] = g(() => arbitrary);
  const children: PMNode[] = [];
  let match = type.contentMatch;
  const count = g(fc.integer, { min: 0, max: maxChildren });
  for (let i = 0; i < count; i++) {
    const options = nextTypes(match).filter((next) => next.isInline || next.isLeaf || depth + 1 < maxDepth);
    if (options.length === 0) break;
    const next = g(() => fc.constantFrom(...options));
    if (next.isText) {
      let set = Mark.none;
      for (const name of g(() => fc.subarray([...marks.keys()]))) {
        const markType = schema.marks[name]!;
        const markAttrs = VALID_MARK_ATTRIBUTES[name] ? g(() => VALID_MARK_ATTRIBUTES[name]!) : null;
        set = markType.create(markAttrs).addToSet(set);
      }
      children.push(schema.text(g(() => words), type.allowedMarks(set)));
    } else {
      children.push(buildNode(g, next, depth + 1, maxDepth, maxChildren));
    }
    match = match.matchType(next)!;
  }
  const end = match.fillBefore(Fragment.empty, true);
  return type.create(attrs, end ? Fragment.from(children).append(end) : children);
}

/** A random document the editor could hold, nested at most `maxDepth` deep. */
export function editorDocument(options: { maxDepth?: number; maxChildren?: number } = {}): fc.Arbitrary<PMNode> {
  const maxDepth = Math.min(options.maxDepth ?? 5, PAD_MAX_DEPTH);
  return fc.gen().map((g) => {
    const node = buildNode(g, richTextRules().schema.topNodeType, 0, maxDepth, options.maxChildren ?? 3);
    node.check();
    return node;
  });
}

type Container = Y.XmlFragment | Y.XmlElement;

/** Every element of a pad with the root, and every text run. */
function containersOf(doc: Y.Doc): { containers: Container[]; texts: Y.XmlText[] } {
  const containers: Container[] = [doc.getXmlFragment(PAD_FRAGMENT)];
  const texts: Y.XmlText[] = [];
  for (let i = 0; i < containers.length; i++) {
    for (const child of containers[i]!.toArray()) {
      if (child instanceof Y.XmlText) texts.push(child);
      else if (child instanceof Y.XmlElement) containers.push(child);
    }
  }
  return { containers, texts };
}

const nameOf = (container: Container) => (container instanceof Y.XmlElement ? container.nodeName : richTextRules().top.name);

/** A change to a pad that the editor's schema refuses, applied to a client's copy (`what` says which). */
export interface Mutation {
  what: string;
  apply(doc: Y.Doc): void;
}

const element = (name: string, attributes: Record<string, unknown> = {}, children: Array<Y.XmlElement | Y.XmlText> = []) => {
  const node = new Y.XmlElement(name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value as string);
  if (children.length > 0) node.insert(0, children);
  return node;
};
const run = (text: string, marks: Record<string, unknown> = {}) => {
  const node = new Y.XmlText();
  node.insert(0, text, marks);
  return node;
};

/** Random mutations that break the schema: a wrong child, too deep, a bad attribute name or value, unknown nodes or marks. */
export function schemaBreakingMutation(): fc.Arbitrary<Mutation> {
  const rules = richTextRules();
  const allNodes = [...rules.nodes.keys()];
  const pick = fc.nat();
  const wrongChild = fc.tuple(pick, pick, pick).map(([where, which, at]): Mutation => ({
    what: 'wrong child',
    apply(doc) {
      const { containers } = containersOf(doc);
      const container = containers[where % containers.length]!;
      // A node the schema does not know (left by an earlier mutation) may hold nothing.
      const rule = rules.nodes.get(nameOf(container));
      const refused: Array<string | null> = allNodes.filter((name) => name !== 'text' && !rule?.children.has(name));
      if (!rule?.text) refused.push(null); // a text run
      const choice = refused[which % refused.length]!;
      const child = choice === null ? run('x') : element(choice, choice === 'heading' ? { level: 2 } : {});
      container.insert(at % (container.length + 1), [child]);
    },
  }));
  const tooDeep = fc.tuple(pick, fc.integer({ min: 1, max: 200 })).map(([where, extra]): Mutation => ({
    what: 'too deep',
    apply(doc) {
      const { containers } = containersOf(doc);
      const hosts = containers.filter((container) => rules.nodes.get(nameOf(container))?.children.has('blockquote'));
      let parent: Container = hosts[where % hosts.length]!;
      doc.transact(() => {
        for (let level = 0; level < PAD_MAX_DEPTH + extra; level++) {
          const quote = new Y.XmlElement('blockquote');
          parent.insert(0, [quote]);
          parent = quote;
        }
      });
    },
  }));
  const badName = fc.tuple(pick, fc.constantFrom('__proto__', 'constructor', 'prototype', 'onclick', 'onmouseover', 'style', 'class', 'href', 'src', 'levels', 'ychange')).map(
    ([where, name]): Mutation => ({
      what: `attribute named ${name}`,
      apply(doc) {
        const elements = containersOf(doc).containers.filter((container): container is Y.XmlElement => container instanceof Y.XmlElement);
        if (elements.length > 0) elements[where % elements.length]!.setAttribute(name, 'x');
        else doc.getXmlFragment(PAD_FRAGMENT).insert(0, [element('paragraph', { [name]: 'x' })]);
      },
    }),
  );
  const badValues: Array<[string, string, unknown]> = [
    ['heading', 'level', 0],
    ['heading', 'level', 7],
    ['heading', 'level', '2'],
    ['heading', 'level', 2.5],
    ['heading', 'level', '<img src=x onerror=alert(1)>'],
    ['heading', 'level', null],
    ['heading', 'level', { toString: 'x' }],
    ['codeBlock', 'language', '<script>'],
    ['codeBlock', 'language', 'a b'],
    ['codeBlock', 'language', 'x'.repeat(40)],
    ['orderedList', 'start', -1],
    ['orderedList', 'start', 'x'],
    ['orderedList', 'start', 1e9],
    ['orderedList', 'type', '<b>'],
  ];
  const badValue = fc.tuple(fc.constantFrom(...badValues), pick).map(([[node, key, value], where]): Mutation => ({
    what: `${node}.${key} = ${JSON.stringify(value)}`,
    apply(doc) {
      const existing = containersOf(doc).containers.filter((container): container is Y.XmlElement => container instanceof Y.XmlElement && container.nodeName === node);
      if (existing.length > 0 && where % 2 === 0) existing[where % existing.length]!.setAttribute(key, value as string);
      else {
        const inner = node === 'orderedList' ? [element('listItem', {}, [element('paragraph')])] : [run('x')];
        doc.getXmlFragment(PAD_FRAGMENT).insert(0, [element(node, { [key]: value }, inner)]);
      }
    },
  }));
  const unknownNode = fc.tuple(pick, fc.constantFrom('script', 'iframe', 'img', 'div', 'constructor', '__proto__', 'toString', 'doc', 'text')).map(([where, name]): Mutation => ({
    what: `node ${name}`,
    apply(doc) {
      const { containers } = containersOf(doc);
      containers[where % containers.length]!.insert(0, [element(name)]);
    },
  }));
  const badMarks: Array<[string, unknown]> = [
    ['script', {}],
    ['__proto__', {}],
    ['constructor', {}],
    ['link', { href: 'javascript:alert(1)' }],
    ['link', { href: 'data:text/html,<script>' }],
    ['link', { href: ' vbscript:x' }],
    ['link', { href: 'https://ok.fr', onclick: 'alert(1)' }],
    ['link', { href: 'https://ok.fr', class: 'evil' }],
    ['link', {}],
    ['bold', { style: 'x' }],
    ['bold', 'true'],
  ];
  const badMark = fc.tuple(fc.constantFrom(...badMarks), pick).map(([[name, value], where]): Mutation => ({
    what: `mark ${name} ${JSON.stringify(value)}`,
    apply(doc) {
      const texts = containersOf(doc).texts.filter((text) => text.length > 0 && (text.parent as Y.XmlElement).nodeName !== 'codeBlock');
      if (texts.length > 0 && where % 2 === 0) texts[where % texts.length]!.format(0, 1, { [name]: value });
      else doc.getXmlFragment(PAD_FRAGMENT).insert(0, [element('paragraph', {}, [run('x', { [name]: value })])]);
    },
  }));
  const markInCode = fc.constantFrom('bold', 'italic', 'link').map((name): Mutation => ({
    what: `${name} in a code block`,
    apply(doc) {
      doc.getXmlFragment(PAD_FRAGMENT).insert(0, [element('codeBlock', {}, [run('x', { [name]: name === 'link' ? { href: 'https://ok.fr' } : {} })])]);
    },
  }));
  return fc.oneof(wrongChild, tooDeep, badName, badValue, unknownNode, badMark, markInCode);
}
