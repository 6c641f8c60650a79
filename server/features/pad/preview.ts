import * as Y from 'yjs';
import { Fragment, Mark, type Node as PMNode, type NodeType } from '@tiptap/pm/model';
import { PAD_MAX_DEPTH } from '../../../shared/pad/limits';
import { PAD_FRAGMENT } from '../../../shared/pad/protocol';
import { attributesProblem, richTextRules, type RichTextRules } from '../../../shared/richtext/schema';

/** y-prosemirror's key for overlapping marks: `<mark>--<8 chars of hash>`. */
const HASHED_MARK = /^(.*)--[a-zA-Z0-9+/=]{8}$/;

/** A child being built: a node, or loose text (from a subtree too deep to show as it is). */
type Piece = PMNode | string;

/** One element whose children are being built (an explicit stack: no recursion, whatever the pad's depth). */
interface Frame {
  type: NodeType;
  attrs: Record<string, unknown>;
  children: Array<Y.XmlElement | Y.XmlText>;
  next: number;
  depth: number;
  built: Piece[];
}

/** The visible text of a subtree, lines between blocks (without recursion). */
function textOf(root: Y.XmlElement): string {
  const parts: string[] = [];
  const stack: Array<Y.XmlElement | Y.XmlText> = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node instanceof Y.XmlText) {
      for (const op of node.toDelta() as Array<{ insert: unknown }>) if (typeof op.insert === 'string') parts.push(op.insert);
    } else {
      parts.push('\n');
      const children = node.toArray() as Array<Y.XmlElement | Y.XmlText>;
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
  }
  return parts.join('').replace(/\n+/g, '\n').trim();
}

/** The node's attributes that fit the rules (others fall back to the schema's defaults). */
function attrsOf(rules: RichTextRules, name: string, element: Y.XmlElement): Record<string, unknown> {
  const rule = rules.nodes.get(name)!;
  const attrs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(element.getAttributes() as Record<string, unknown>)) {
    if (rule.attributes.get(key)?.(value)) attrs[key] = value;
  }
  return attrs;
}

/** Text nodes of a run, with the marks that fit the rules (an exclusive mark such as `code` wins as in the editor). */
function textNodes(rules: RichTextRules, text: Y.XmlText): PMNode[] {
  const { schema } = rules;
  const nodes: PMNode[] = [];
  for (const op of text.toDelta() as Array<{ insert: unknown; attributes?: Record<string, unknown> }>) {
    if (typeof op.insert !== 'string' || op.insert.length === 0) continue;
    let marks = Mark.none;
    for (const [key, value] of Object.entries(op.attributes ?? {})) {
      const name = HASHED_MARK.exec(key)?.[1] ?? key;
      const rule = rules.marks.get(name);
      if (!rule || attributesProblem(rule, value, { complete: true })) continue;
      marks = schema.marks[name]!.create(value as Record<string, unknown> | null).addToSet(marks);
    }
    nodes.push(schema.text(op.insert, marks));
  }
  return nodes;
}

/**
 * Builds a node of `type` from pieces that may not fit it: text and inline nodes outside a textblock are wrapped
 * in paragraphs, blocks inside a textblock give their text, nodes the content expression has no place for are
 * wrapped (a list item at the top gets its list) or dropped, and what the expression requires is filled in (an
 * empty quote gets a paragraph, a list item starting with a quote gets its paragraph first).
 */
function fit(rules: RichTextRules, type: NodeType, attrs: Record<string, unknown>, pieces: Piece[]): PMNode {
  const { schema } = rules;
  const children: PMNode[] = [];
  if (type.inlineContent) {
    for (const piece of pieces) {
      const node = typeof piece === 'string' ? (piece ? schema.text(piece) : null) : piece.isInline ? piece : piece.textContent ? schema.text(piece.textContent) : null;
      if (node && type.contentMatch.matchType(node.type)) children.push(node.mark(type.allowedMarks(node.marks)));
    }
  } else {
    let inline: PMNode[] = [];
    const flush = () => {
      if (inline.length > 0) children.push(fit(rules, schema.nodes.paragraph!, {}, inline));
      inline = [];
    };
    for (const piece of pieces) {
      if (typeof piece === 'string') {
        if (piece) inline.push(schema.text(piece));
      } else if (piece.isInline) inline.push(piece);
      else {
        flush();
        children.push(piece);
      }
    }
    flush();
  }
  let match = type.contentMatch;
  const content: PMNode[] = [];
  for (const child of children) {
    let next = match.matchType(child.type);
    if (!next) {
      const filler = match.fillBefore(Fragment.from(child));
      const wrapping = filler ? null : match.findWrapping(child.type);
      if (filler) {
        filler.forEach((node) => content.push(node));
        match = match.matchFragment(filler)!;
        next = match.matchType(child.type);
      } else if (wrapping) {
        let wrapped = child;
        for (let i = wrapping.length - 1; i >= 0; i--) wrapped = wrapping[i]!.createAndFill(null, wrapped) ?? wrapped;
        const after = match.matchType(wrapped.type);
        if (after && wrapped.type === wrapping[0]) {
          content.push(wrapped);
          match = after;
        }
        continue;
      }
    }
    if (!next) continue;
    content.push(child);
    match = next;
  }
  const end = match.fillBefore(Fragment.empty, true);
  if (end) end.forEach((node) => content.push(node));
  return type.create(attrs, content);
}

/**
 * The pad's content as Tiptap JSON that the editor's schema accepts, whatever the Yjs document holds: what the
 * guard accepts renders as is; what concurrency or an older server left out of shape (an emptied list, a mark set
 * the editor would not combine, a subtree nested deeper than PAD_MAX_DEPTH) is repaired or shown as its text. No
 * recursion over the document, so no pad can make the preview fail.
 */
export function padContentJson(doc: Y.Doc): Record<string, unknown> {
  const rules = richTextRules();
  const { schema } = rules;
  const top = rules.schema.topNodeType;
  const root: Frame = { type: top, attrs: {}, children: doc.getXmlFragment(PAD_FRAGMENT).toArray() as Frame['children'], next: 0, depth: 0, built: [] };
  const stack: Frame[] = [root];
  let result: PMNode | undefined;
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.next >= frame.children.length) {
      stack.pop();
      const node = fit(rules, frame.type, frame.attrs, frame.built);
      if (stack.length > 0) stack[stack.length - 1]!.built.push(node);
      else result = node;
      continue;
    }
    const child = frame.children[frame.next++]!;
    if (child instanceof Y.XmlText) {
      frame.built.push(...textNodes(rules, child));
      continue;
    }
    if (!(child instanceof Y.XmlElement)) continue;
    const name = child.nodeName;
    const known = rules.nodes.has(name) ? schema.nodes[name] : undefined;
    const type = known && known !== top && !known.isText ? known : undefined;
    if (!type || frame.depth + 1 > PAD_MAX_DEPTH) {
      frame.built.push(textOf(child));
      continue;
    }
    stack.push({ type, attrs: attrsOf(rules, name, child), children: child.toArray() as Frame['children'], next: 0, depth: frame.depth + 1, built: [] });
  }
  const node = result!;
  try {
    node.check();
    return node.toJSON() as Record<string, unknown>;
  } catch {
    // Never expected (the node was built to fit); the text is still worth showing.
    return fit(rules, top, {}, [textOf(doc.getXmlFragment(PAD_FRAGMENT) as unknown as Y.XmlElement)]).toJSON() as Record<string, unknown>;
  }
}
