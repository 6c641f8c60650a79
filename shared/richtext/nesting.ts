import { Extension } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type Transaction } from '@tiptap/pm/state';

/** The key under which y-prosemirror marks the transactions that bring remote changes in. */
const REMOTE_SYNC_META = 'y-sync$';

/** How many levels of nodes other than text a node holds below itself (without recursion). */
function levelsBelow(root: PMNode): number {
  let deepest = 0;
  const stack: Array<[PMNode, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    deepest = Math.max(deepest, depth);
    node.forEach((child) => {
      if (!child.isText) stack.push([child, depth + 1]);
    });
  }
  return deepest;
}

/**
 * Whether a transaction leaves a node (other than text) deeper than `maxDepth` where it changed the document (a
 * top-level block is at 1). Only the changed ranges are walked, so typing in a long document stays cheap.
 */
export function nestsTooDeep(tr: Transaction, maxDepth: number): boolean {
  if (!tr.docChanged) return false;
  const ranges: Array<[number, number]> = [];
  tr.steps.forEach((step, index) => {
    step.getMap().forEach((_oldStart, _oldEnd, start, end) => {
      for (let later = index + 1; later < tr.steps.length; later++) {
        const map = tr.steps[later]!.getMap();
        start = map.map(start, -1);
        end = map.map(end, 1);
      }
      ranges.push([start, end]);
    });
  });
  let deep = false;
  for (const [from, to] of ranges) {
    tr.doc.nodesBetween(from, Math.min(to, tr.doc.content.size), (node, pos) => {
      if (deep || node.isText) return false;
      const level = tr.doc.resolve(pos).depth + 1;
      // A node that starts in the changed range is new or moved (wrapped, pasted): all of it counts.
      if (level + (pos >= from ? levelsBelow(node) : 0) > maxDepth) deep = true;
      return !deep && pos < from;
    });
    if (deep) return true;
  }
  return false;
}

/**
 * Keeps the editor from nesting deeper than the server accepts (lists in quotes in lists…): a change that would
 * is simply not made, instead of being refused by the server after the fact. Remote changes are never filtered.
 */
export const NestingLimit = Extension.create<{ maxDepth: number }>({
  name: 'nestingLimit',
  addOptions: () => ({ maxDepth: Number.POSITIVE_INFINITY }),
  addProseMirrorPlugins() {
    const { maxDepth } = this.options;
    return [
      new Plugin({
        key: new PluginKey('nestingLimit'),
        filterTransaction: (tr) => Boolean(tr.getMeta(REMOTE_SYNC_META)) || !nestsTooDeep(tr, maxDepth),
      }),
    ];
  },
});
