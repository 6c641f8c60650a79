import { Extension } from '@tiptap/core';
import type { Node as PMNode, Schema } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import * as Y from 'yjs';
import { PAD_FRAGMENT } from '../../../../shared/pad/protocol';
import type { AuthorIndex } from '../../../../shared/pad/authorship';
import type { AuthorColors } from '../../../../shared/pad/colors';

/** What the highlight needs: the document, the server's attribution and a label for each passage. */
export interface AuthorsSource {
  doc: Y.Doc;
  index: AuthorIndex;
  /** The pad's colours: a passage has its author's caret colour pair. */
  colors: AuthorColors;
  label: (name: string | null) => string;
}

export const authorsKey = new PluginKey<DecorationSet>('padAuthors');

/**
 * Positions of every visible character run in the ProseMirror document, walking the Yjs tree the way the
 * binding renders it: an element opens and closes (2 positions, 1 for a leaf), text counts its characters.
 */
function decorationsFor(pmDoc: PMNode, schema: Schema, source: AuthorsSource): DecorationSet {
  const { index } = source;
  const decorations: Decoration[] = [];
  const size = pmDoc.content.size;
  const walkChildren = (parent: Y.XmlFragment | Y.XmlElement, start: number): number => {
    let pos = start;
    for (const child of parent.toArray()) {
      if (child instanceof Y.XmlText) {
        for (let item = child._start; item !== null; item = item.right) {
          if (item.deleted || !item.countable) continue;
          if (item.content instanceof Y.ContentString) {
            const author = index.authorAt(item.id.client, item.id.clock);
            const from = pos;
            const to = pos + item.length;
            if (to <= size) {
              const color = author ? source.colors.colorOf(author.id).highlight : 'transparent';
              decorations.push(
                Decoration.inline(from, to, {
                  style: `background-color: ${color}`,
                  class: author ? 'pad-author' : 'pad-author pad-author-unknown',
                  title: source.label(author?.name ?? null),
                  'data-author': author?.id ?? '',
                }),
              );
            }
          }
          pos += item.length;
        }
      } else if (child instanceof Y.XmlElement) {
        const leaf = schema.nodes[child.nodeName]?.isLeaf ?? false;
        pos = leaf ? pos + 1 : walkChildren(child, pos + 1) + 1;
      }
    }
    return pos;
  };
  walkChildren(source.doc.getXmlFragment(PAD_FRAGMENT), 0);
  return DecorationSet.create(pmDoc, decorations);
}

interface AuthorsStorage {
  source: AuthorsSource | null;
}

declare module '@tiptap/core' {
  interface Storage {
    padAuthors: AuthorsStorage;
  }
  interface Commands<ReturnType> {
    padAuthors: {
      /** Switches the highlight on (with this attribution) or off (null), and redraws it. */
      setAuthorsSource: (source: AuthorsSource | null) => ReturnType;
    };
  }
}

/**
 * "Afficher les auteurs": colours each passage by its author, from the server's attribution keyed by Yjs item
 * ids (what the client itself claims plays no part). `setAuthorsSource` switches it on, off, or to a newer
 * attribution; remote and local edits redraw it.
 */
export const AuthorsHighlight = Extension.create<Record<string, never>, AuthorsStorage>({
  name: 'padAuthors',
  addStorage: () => ({ source: null }),
  addCommands() {
    return {
      setAuthorsSource:
        (source) =>
        ({ tr, dispatch }) => {
          this.storage.source = source;
          if (dispatch) tr.setMeta(authorsKey, true);
          return true;
        },
    };
  },
  addProseMirrorPlugins() {
    const schema = this.editor.schema;
    const storage = this.storage;
    const compute = (doc: PMNode) => (storage.source ? decorationsFor(doc, schema, storage.source) : DecorationSet.empty);
    return [
      new Plugin<DecorationSet>({
        key: authorsKey,
        state: {
          init: (_config, state) => compute(state.doc),
          apply: (transaction, previous, _old, state) => (transaction.docChanged || transaction.getMeta(authorsKey) ? compute(state.doc) : previous),
        },
        props: { decorations: (state) => authorsKey.getState(state) },
      }),
    ];
  },
});
