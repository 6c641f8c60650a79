import * as Y from 'yjs';
import { PAD_MAX_DEPTH } from '../../shared/pad/limits';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types a document's shared types so
type AnyType = Y.AbstractType<any>;

/**
 * Where content goes: the pad's root (a named root type), an element (by node name, at its depth: a top-level
 * block is at 1), a text run (with the node that holds it), or something the pad never holds.
 */
export type Container =
  | { kind: 'root'; key: string }
  | { kind: 'element'; name: string; depth: number }
  | { kind: 'text'; holder: string | null; depth: number }
  | { kind: 'other' };

/** Where an item of an update lands: a container and the attribute key (null for a child); or why not known. */
export type Placement = { container: Container; sub: string | null } | 'gc' | 'missing';

/** A depth past the limit: everything under it is refused, however deep it really is. */
const TOO_DEEP = PAD_MAX_DEPTH + 1;

/**
 * Resolves where each new item of a decoded update lands, the way Yjs integrates it (`Item.getMissing`): from its
 * explicit parent, else from its origin (left neighbour), else its right origin; next to garbage-collected
 * content it is itself dropped ('gc'); next to content neither the update nor the document has, it cannot be
 * placed ('missing'). No recursion: chains of thousands of items (typing) or of nested new elements are walked
 * with an explicit stack, and a cycle (which only a forged update has) is 'missing'.
 */
export class Placements {
  private readonly local = new Map<number, Y.Item[]>();
  private readonly placed = new Map<Y.Item, Placement>();
  private readonly depths = new Map<AnyType, number>();

  constructor(
    private readonly doc: Y.Doc,
    decoded: ReturnType<typeof Y.decodeUpdate>,
  ) {
    for (const struct of decoded.structs) {
      if (!(struct instanceof Y.Item)) continue;
      const list = this.local.get(struct.id.client);
      if (list) list.push(struct);
      else this.local.set(struct.id.client, [struct]);
    }
  }

  /** The update's items, per client. */
  items(): IterableIterator<Y.Item[]> {
    return this.local.values();
  }

  private findLocal(id: Y.ID): Y.Item | undefined {
    const list = this.local.get(id.client);
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
  }

  private findInDoc(id: Y.ID): Y.Item | Y.GC | undefined {
    return Y.getState(this.doc.store, id.client) > id.clock ? (Y.getItem(this.doc.store, id) as Y.Item | Y.GC) : undefined;
  }

  /** How deep a type of the document is (ancestors up to the root), capped just past the limit. */
  private depthInDoc(type: AnyType): number {
    const path: AnyType[] = [];
    let depth = 0;
    let current: AnyType | null = type;
    while (current && current._item !== null) {
      const known = this.depths.get(current);
      if (known !== undefined) {
        depth = known;
        break;
      }
      path.push(current);
      if (path.length > TOO_DEEP) break;
      current = current._item.parent instanceof Y.AbstractType ? current._item.parent : null;
    }
    for (let i = path.length - 1; i >= 0; i--) {
      depth = Math.min(depth + 1, TOO_DEEP);
      this.depths.set(path[i]!, depth);
    }
    return depth;
  }

  /** The container a type of the document is. */
  private containerInDoc(type: AnyType): Container {
    if (type._item === null) return { kind: 'root', key: Y.findRootTypeKey(type) };
    if (type instanceof Y.XmlElement) return { kind: 'element', name: type.nodeName, depth: this.depthInDoc(type) };
    if (type instanceof Y.XmlText) {
      const holder = type._item.parent;
      return { kind: 'text', holder: holder instanceof Y.XmlElement ? holder.nodeName : null, depth: this.depthInDoc(type) };
    }
    return { kind: 'other' };
  }

  /** The container that a new item of the update becomes (a new element or text run), placed where it lands. */
  containerOf(item: Y.Item, placement: Placement): Container | 'gc' | 'missing' {
    if (placement === 'gc' || placement === 'missing') return placement;
    const { container, sub } = placement;
    if (!(item.content instanceof Y.ContentType) || sub !== null) return { kind: 'other' };
    const type = item.content.type;
    const depth = container.kind === 'root' ? 0 : container.kind === 'element' ? container.depth : TOO_DEEP;
    if (type instanceof Y.XmlElement) return { kind: 'element', name: type.nodeName, depth: Math.min(depth + 1, TOO_DEEP) };
    if (type instanceof Y.XmlText) return { kind: 'text', holder: container.kind === 'element' ? container.name : null, depth: Math.min(depth + 1, TOO_DEEP) };
    return { kind: 'other' };
  }

  /** What an item needs resolved first, and how its placement follows from it; or its placement outright. */
  private step(item: Y.Item): Placement | { after: Y.Item; then: (placement: Placement) => Placement } {
    if (typeof item.parent === 'string') return { container: { kind: 'root', key: item.parent }, sub: item.parentSub };
    if (item.parent instanceof Y.ID) {
      const sub = item.parentSub;
      const owner = this.findLocal(item.parent);
      if (owner) {
        return {
          after: owner,
          then: (placement) => {
            const container = this.containerOf(owner, placement);
            return container === 'gc' || container === 'missing' ? container : { container, sub };
          },
        };
      }
      const inDoc = this.findInDoc(item.parent);
      if (!inDoc) return 'missing';
      if (!(inDoc instanceof Y.Item)) return 'gc';
      if (!(inDoc.content instanceof Y.ContentType)) return { container: { kind: 'other' }, sub };
      return { container: this.containerInDoc(inDoc.content.type), sub };
    }
    // No parent written: Yjs takes the parent (and attribute key) of the left, else the right, neighbour.
    const neighbourId = item.origin ?? item.rightOrigin;
    if (!neighbourId) return { container: { kind: 'other' }, sub: null };
    const local = this.findLocal(neighbourId);
    if (local) return { after: local, then: (placement) => placement };
    const inDoc = this.findInDoc(neighbourId);
    if (!inDoc) return 'missing';
    if (!(inDoc instanceof Y.Item) || !(inDoc.parent instanceof Y.AbstractType)) return 'gc';
    return { container: this.containerInDoc(inDoc.parent), sub: inDoc.parentSub };
  }

  /** Where an item of the update lands. */
  placementOf(start: Y.Item): Placement {
    const done = this.placed.get(start);
    if (done) return done;
    const stack: Y.Item[] = [start];
    const onStack = new Set<Y.Item>([start]);
    while (stack.length > 0) {
      const item = stack[stack.length - 1]!;
      const next = this.step(item);
      let placement: Placement | undefined;
      if (typeof next === 'string' || !('after' in next)) placement = next;
      else {
        const before = this.placed.get(next.after);
        if (before) placement = next.then(before);
        else if (onStack.has(next.after)) placement = 'missing';
        else {
          stack.push(next.after);
          onStack.add(next.after);
          continue;
        }
      }
      this.placed.set(item, placement);
      stack.pop();
      onStack.delete(item);
    }
    return this.placed.get(start)!;
  }
}
