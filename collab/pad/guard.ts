import * as Y from 'yjs';
import { COLLAB_CLOSE } from '../../shared/realtime/close-codes';
import {
  PAD_MAX_ATTRIBUTE_BYTES,
  PAD_MAX_ATTRIBUTE_NAME_CHARS,
  PAD_MAX_DEPTH,
  PAD_MAX_NODES,
  PAD_MAX_UPDATE_CLIENTS,
  PAD_MAX_UPDATE_DELETE_RANGES,
  PAD_MAX_UPDATE_NODES,
  PAD_MAX_UPDATE_STRUCTS,
} from '../../shared/pad/limits';
import { PAD_FRAGMENT } from '../../shared/pad/protocol';
import { attributesProblem, richTextRules, type RichTextRules } from '../../shared/richtext/schema';
import type { CollabRefusal } from '../core/types';
import { Placements, type Container } from './placement';
import { isUpdateProblem, scanUpdate } from './update-scan';

/** y-prosemirror's key for overlapping marks: `<mark>--<8 chars of hash>`. */
const HASHED_MARK = /^(.*)--[a-zA-Z0-9+/=]{8}$/;
const markName = (key: string): string => HASHED_MARK.exec(key)?.[1] ?? key;

const invalid = (reason: string): CollabRefusal => ({ code: COLLAB_CLOSE.INVALID_CONTENT, reason });
const tooLarge = (reason: string): CollabRefusal => ({ code: COLLAB_CLOSE.DOCUMENT_TOO_LARGE, reason });

/**
 * Checks an update's bytes before anything decodes it: the per-update limits on structure (structs, new nodes,
 * client ids, deleted ranges, attribute sizes) and the content kinds a pad never holds. Returns the work it will
 * cost (for the sender's budget) or the refusal. Cheap: one pass over the bytes that stops at the first excess.
 */
export function inspectPadUpdate(update: Uint8Array): { work: number } | CollabRefusal {
  const shape = scanUpdate(update);
  if (!isUpdateProblem(shape)) return { work: shape.work };
  if (shape.kind === 'size') return tooLarge(`update too large: ${shape.reason}`);
  return shape.kind === 'content' ? invalid(shape.reason) : { code: COLLAB_CLOSE.MALFORMED, reason: shape.reason };
}

/** Nodes (Yjs types) of each pad as last counted, plus those accepted since: an upper bound between counts. */
const nodeCounts = new WeakMap<Y.Doc, number>();

/** Counts the live nodes of a pad (without recursion). */
function countNodes(doc: Y.Doc): number {
  let count = 0;
  const stack: Array<Y.XmlFragment | Y.XmlElement> = [doc.getXmlFragment(PAD_FRAGMENT)];
  while (stack.length > 0) {
    for (let item = stack.pop()!._start; item !== null; item = item.right) {
      if (item.deleted || !(item.content instanceof Y.ContentType)) continue;
      count += 1;
      if (item.content.type instanceof Y.XmlElement) stack.push(item.content.type);
    }
  }
  return count;
}

/** Whether a pad may take `added` more nodes: the bound is recounted only when it says no. */
function nodesFit(doc: Y.Doc, added: number): boolean {
  if (added === 0) return true;
  let known = nodeCounts.get(doc);
  if (known === undefined || known + added > PAD_MAX_NODES) known = countNodes(doc);
  if (known + added > PAD_MAX_NODES) {
    nodeCounts.set(doc, known);
    return false;
  }
  nodeCounts.set(doc, known + added);
  return true;
}

/** Why a mark (a format of a text run in `holder`) is refused, or null. */
function markProblem(rules: RichTextRules, holder: string | null, key: string, value: unknown): string | null {
  const name = markName(key);
  const mark = rules.marks.get(name);
  if (!mark || !holder || !rules.nodes.get(holder)?.marks.has(name)) return `mark ${name.slice(0, 32)} not allowed here`;
  if (value === null) return null; // the end of a formatted range
  if (JSON.stringify(value).length > PAD_MAX_ATTRIBUTE_BYTES) return 'mark attributes too large';
  return attributesProblem(mark, value, { complete: true });
}

/** Why an element attribute is refused, or null: only the node's own attributes, with allowed values. */
function attributeProblem(rules: RichTextRules, element: string, key: string, content: Y.Item["content"]): string | null {
  const rule = rules.nodes.get(element);
  if (!rule || key.length > PAD_MAX_ATTRIBUTE_NAME_CHARS || !rule.attributes.has(key)) return `attribute ${key.slice(0, 32)} not allowed on ${element}`;
  if (!(content instanceof Y.ContentAny) || content.arr.length !== 1) return 'bad attribute';
  return rule.attributes.get(key)!(content.arr[0]) ? null : `bad value for ${element}.${key}`;
}

/** Why a new child (an element or a text run) may not go into this container, or null. */
function childProblem(rules: RichTextRules, container: Container, content: Y.Item["content"]): string | null {
  if (!(content instanceof Y.ContentType)) return 'not a node of the editor';
  const type = content.type;
  let parent: string;
  if (container.kind === 'root') parent = rules.top.name;
  else if (container.kind === 'element') parent = container.name;
  else return 'not a node of the editor';
  const rule = rules.nodes.get(parent);
  if (!rule) return `unknown node ${parent.slice(0, 32)}`;
  if (type instanceof Y.XmlText) return rule.text ? null : `no text directly in ${parent}`;
  if (!(type instanceof Y.XmlElement)) return 'not a node of the editor';
  if (!rule.children.has(type.nodeName)) return `${type.nodeName.slice(0, 32)} not allowed in ${parent}`;
  const depth = container.kind === 'root' ? 1 : container.depth + 1;
  return depth > PAD_MAX_DEPTH ? `nested deeper than ${PAD_MAX_DEPTH}` : null;
}

/** Why one new item is refused, or null. */
function itemProblem(rules: RichTextRules, container: Container, sub: string | null, content: Y.Item["content"]): string | null {
  switch (container.kind) {
    case 'root':
      if (container.key !== PAD_FRAGMENT) return `unknown root ${container.key.slice(0, 32)}`;
      return sub === null ? childProblem(rules, container, content) : 'attribute on the root';
    case 'element':
      return sub === null ? childProblem(rules, container, content) : attributeProblem(rules, container.name, sub, content);
    case 'text':
      if (sub !== null) return 'attribute on text';
      if (content instanceof Y.ContentString) return null;
      if (content instanceof Y.ContentFormat) return markProblem(rules, container.holder, content.key, content.value);
      return 'not text';
    default:
      return 'unknown parent';
  }
}

/**
 * Refuses any update that would put into a pad something the editor's schema does not allow, read from the same
 * extension list as the editor (`richTextRules`): a node where its parent's content expression has no place for
 * it (a paragraph in a paragraph, a list item or a hard break at the top), nesting deeper than PAD_MAX_DEPTH,
 * attributes other than the node's or mark's own or with values outside their rule (a heading level of 1–6, safe
 * links, a code language from a safe alphabet; never `__proto__` or `onclick`), unknown nodes and marks, marks
 * where the node allows none, other roots (a forged PermanentUserData), sub-documents, raw values. It also bounds
 * the update's structure and the pad's node count. Updates that build on items this server never accepted are
 * ignored. What the guard accepts, the version preview renders (`server/features/pad/content.ts`).
 *
 * The order of children (a list item starting with a paragraph, non-empty lists) cannot be guaranteed on a CRDT
 * (two people deleting concurrently can empty a list): the preview and the editor repair it when they render.
 */
export function guardPadUpdate(doc: Y.Doc, decoded: ReturnType<typeof Y.decodeUpdate>): CollabRefusal | 'ignore' | null {
  if (decoded.structs.length > PAD_MAX_UPDATE_STRUCTS) return tooLarge('update too large: structs');
  let deleteRanges = 0;
  for (const ranges of decoded.ds.clients.values()) deleteRanges += ranges.length;
  if (deleteRanges > PAD_MAX_UPDATE_DELETE_RANGES) return tooLarge('update too large: deleted ranges');
  const rules = richTextRules();
  const placements = new Placements(doc, decoded);
  let clients = 0;
  let nodes = 0;
  let ignore = false;
  for (const items of placements.items()) {
    if (++clients > PAD_MAX_UPDATE_CLIENTS) return tooLarge('update too large: client ids');
    for (const item of items) {
      const content = item.content;
      if (content instanceof Y.ContentDeleted) continue;
      const placement = placements.placementOf(item);
      if (placement === 'gc') continue; // integrated as garbage: its content is dropped
      if (placement === 'missing') {
        ignore = true;
        continue;
      }
      const problem = itemProblem(rules, placement.container, placement.sub, content);
      if (problem) return invalid(problem);
      if (content instanceof Y.ContentType && ++nodes > PAD_MAX_UPDATE_NODES) return tooLarge('update too large: nodes');
    }
  }
  if (ignore) return 'ignore';
  return nodesFit(doc, nodes) ? null : tooLarge(`a pad holds at most ${PAD_MAX_NODES} nodes`);
}
