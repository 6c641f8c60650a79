import * as Y from 'yjs';
import { COLLAB_CLOSE } from '../../shared/realtime/close-codes';
import { PAD_FRAGMENT } from '../../shared/pad/protocol';
import { ALLOWED_LINK } from '../../shared/richtext/extensions';
import { richTextSchema } from '../../shared/richtext/validate';
import type { CollabRefusal } from '../core/types';

/** Where an item goes: the pad's root, an element (by node name), a text run; or why it cannot be told. */
type Parent = { kind: 'root'; key: string } | { kind: 'element'; name: string } | { kind: 'text' } | { kind: 'other' } | 'gc' | 'missing';
interface Placement {
  parent: Parent;
  /** The attribute key for a map entry (element attribute), null for a child. */
  sub: string | null;
}

const MAX_ATTRIBUTE_KEY = 64;
const MAX_VALUE_CHARS = 2_048;
/** y-prosemirror's key for overlapping marks: `<mark>--<8 chars of hash>`. */
const HASHED_MARK = /^(.*)--[a-zA-Z0-9+/=]{8}$/;

const refuse = (reason: string): CollabRefusal => ({ code: COLLAB_CLOSE.INVALID_CONTENT, reason });

function kindOfType(type: Y.AbstractType<unknown>): Parent {
  if (type instanceof Y.XmlText) return { kind: 'text' };
  if (type instanceof Y.XmlElement) return { kind: 'element', name: type.nodeName };
  if (type._item === null) return { kind: 'root', key: Y.findRootTypeKey(type) };
  return { kind: 'other' };
}

/** The kind of a type found as the content of an item (not integrated yet when it comes from the update). */
function kindOfContentType(type: unknown): Parent {
  if (type instanceof Y.XmlText) return { kind: 'text' };
  if (type instanceof Y.XmlElement) return { kind: 'element', name: type.nodeName };
  return { kind: 'other' };
}

const markName = (key: string): string => HASHED_MARK.exec(key)?.[1] ?? key;

/**
 * Refuses any update that would put into a pad something the editor's schema does not allow (so a raw client
 * cannot store scripts, unknown nodes, `javascript:` links, sub-documents or other roots such as a forged
 * PermanentUserData), and ignores updates that build on items this server never accepted.
 *
 * Each new item's parent is resolved the way Yjs integrates it: from its explicit parent, or from its origin
 * (left neighbour) or right origin, found in the update itself or in the document.
 */
export function guardPadUpdate(doc: Y.Doc, decoded: ReturnType<typeof Y.decodeUpdate>): CollabRefusal | 'ignore' | null {
  const schema = richTextSchema();
  const local = new Map<number, Y.Item[]>();
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue;
    const list = local.get(struct.id.client);
    if (list) list.push(struct);
    else local.set(struct.id.client, [struct]);
  }
  const placements = new Map<Y.Item, Placement>();

  const findLocal = (id: Y.ID): Y.Item | undefined => {
    const list = local.get(id.client);
    if (!list) return undefined;
    let low = 0;
    let high = list.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const item = list[mid]!;
      if (id.clock < item.id.clock) high = mid - 1;
      else if (id.clock >= item.id.clock + item.length) low = mid + 1;
      else return item;
    }
    return undefined;
  };
  const findInDoc = (id: Y.ID): Y.Item | Y.GC | undefined =>
    Y.getState(doc.store, id.client) > id.clock ? (Y.getItem(doc.store, id) as Y.Item | Y.GC) : undefined;

  const placementOfDocItem = (struct: Y.Item | Y.GC): Placement => {
    if (!(struct instanceof Y.Item) || !(struct.parent instanceof Y.AbstractType)) return { parent: 'gc', sub: null };
    return { parent: kindOfType(struct.parent), sub: struct.parentSub };
  };

  const placementOf = (item: Y.Item, depth: number): Placement => {
    const known = placements.get(item);
    if (known) return known;
    let placement: Placement;
    if (depth > 10_000) placement = { parent: 'missing', sub: null };
    else if (typeof item.parent === 'string') placement = { parent: { kind: 'root', key: item.parent }, sub: item.parentSub };
    else if (item.parent instanceof Y.ID) {
      const owner = findLocal(item.parent) ?? findInDoc(item.parent);
      if (!owner) placement = { parent: 'missing', sub: item.parentSub };
      else if (!(owner instanceof Y.Item)) placement = { parent: 'gc', sub: item.parentSub };
      else if (!(owner.content instanceof Y.ContentType)) placement = { parent: { kind: 'other' }, sub: item.parentSub };
      else placement = { parent: kindOfContentType(owner.content.type), sub: item.parentSub };
    } else {
      // No parent written: Yjs takes the parent (and attribute key) of the left, else the right, neighbour.
      const neighbourId = item.origin ?? item.rightOrigin;
      if (!neighbourId) placement = { parent: { kind: 'other' }, sub: null };
      else {
        const localNeighbour = findLocal(neighbourId);
        if (localNeighbour) placement = placementOf(localNeighbour, depth + 1);
        else {
          const inDoc = findInDoc(neighbourId);
          placement = inDoc ? placementOfDocItem(inDoc) : { parent: 'missing', sub: null };
        }
      }
    }
    placements.set(item, placement);
    return placement;
  };

  let ignore = false;
  for (const items of local.values()) {
    for (const item of items) {
      const content = item.content;
      if (content instanceof Y.ContentDeleted) continue;
      const { parent, sub } = placementOf(item, 0);
      if (parent === 'gc') continue; // integrated as garbage: its content is dropped
      if (parent === 'missing') {
        ignore = true;
        continue;
      }
      const problem = checkItem(schema, parent, sub, content);
      if (problem) return refuse(problem);
    }
  }
  return ignore ? 'ignore' : null;
}

function checkItem(schema: ReturnType<typeof richTextSchema>, parent: Exclude<Parent, 'gc' | 'missing'>, sub: string | null, content: Y.Item['content']): string | null {
  const isBlockOrInline = (type: unknown): boolean =>
    type instanceof Y.XmlText || (type instanceof Y.XmlElement && type.nodeName !== 'doc' && type.nodeName !== 'text' && schema.nodes[type.nodeName] !== undefined);
  switch (parent.kind) {
    case 'root':
      if (parent.key !== PAD_FRAGMENT) return `unknown root ${parent.key.slice(0, 32)}`;
      if (sub !== null) return 'attribute on the root';
      return content instanceof Y.ContentType && content.type instanceof Y.XmlElement && isBlockOrInline(content.type) ? null : 'not a block';
    case 'element': {
      if (sub !== null) {
        if (sub.length > MAX_ATTRIBUTE_KEY || !(content instanceof Y.ContentAny)) return 'bad attribute';
        return JSON.stringify(content.arr).length > MAX_VALUE_CHARS ? 'attribute too large' : null;
      }
      return content instanceof Y.ContentType && isBlockOrInline(content.type) ? null : 'not a node of the editor';
    }
    case 'text': {
      if (sub !== null) return 'attribute on text';
      if (content instanceof Y.ContentString) return null;
      if (!(content instanceof Y.ContentFormat)) return 'not text';
      const name = markName(content.key);
      if (schema.marks[name] === undefined) return 'unknown mark';
      const value: unknown = content.value;
      if (value === null) return null;
      if (typeof value !== 'object' || Array.isArray(value) || JSON.stringify(value).length > MAX_VALUE_CHARS) return 'bad mark attributes';
      if (name === 'link') {
        const href = (value as { href?: unknown }).href;
        if (typeof href !== 'string' || !ALLOWED_LINK.test(href.trim())) return 'link not allowed';
      }
      return null;
    }
    default:
      return 'unknown parent';
  }
}
