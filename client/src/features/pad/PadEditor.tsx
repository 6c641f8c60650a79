import { Stack } from '@mantine/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import Placeholder from '@tiptap/extension-placeholder';
import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import { useEffect, useRef } from 'react';
import { AuthorIndex } from '../../../../shared/pad/authorship';
import type { AuthorColors } from '../../../../shared/pad/colors';
import { PAD_FRAGMENT } from '../../../../shared/pad/protocol';
import type { PadAuthorship } from '../../../../shared/pad/types';
import { detectPersonalInfo, type PiiKind } from '../../../../shared/pii/detect';
import { richTextExtensions } from '../../../../shared/richtext/extensions';
import { AuthorsHighlight } from './authorsHighlight';
import { caretElement, selectionAttrs } from './carets';
import { usePadT } from './i18n';
import { Toolbar } from './Toolbar';
import type { PadCollab } from './useCollab';

/** Where the caret was, kept across the editor's rebuilds (see PadEditor's `focus`). */
export class EditorFocus {
  /** The user was typing here (a read-only spell or a rebuild does not change that). */
  private typing = false;
  /** The caret's position. */
  private position = 0;

  get focused(): boolean {
    return this.typing;
  }

  get at(): number {
    return this.position;
  }

  entered(): void {
    this.typing = true;
  }

  left(): void {
    this.typing = false;
  }

  moved(position: number): void {
    this.position = position;
  }
}

/** Nothing else holds the focus: giving it back to the editor takes it from nobody. */
const focusIsFree = (dom: HTMLElement): boolean => {
  const active = document.activeElement;
  return active === null || active === document.body || dom.contains(active);
};

interface PadEditorProps {
  collab: PadCollab;
  title: string;
  editable: boolean;
  user: { name: string; color: string };
  /** Server attribution when "afficher les auteurs" is on, else null. */
  authorship: PadAuthorship | null;
  /** The colours of this pad's people, for their carets and their passages alike. */
  colors: AuthorColors;
  /** The selected text, one piece per paragraph or line (for a redaction). */
  onSelection?: (pieces: string[]) => void;
  /** The server reports this user's personal information (a pupil): warn them first, as they leave a paragraph. */
  guarded?: boolean;
  /** The paragraph just left (Enter, or the editor lost focus) seems to hold personal information not warned about. */
  onPersonalInfo?: (kinds: PiiKind[]) => void;
  /**
   * The caret, shared with the next editor: a pupil typing when their pad turned read-only (muted, locked) or was
   * rebuilt from the server types on at the same place as soon as they may write again, without clicking.
   */
  focus?: EditorFocus;
}

/** The selected text split at block and line breaks (a redaction removes passages within one text run). */
function selectedPieces(editor: Editor): string[] {
  const { from, to } = editor.state.selection;
  if (from === to) return [];
  return editor.state.doc
    .textBetween(from, to, '\n', '\n')
    .split('\n')
    .filter((piece) => piece.trim().length > 0);
}

/**
 * The pad's Tiptap 3 editor: the shared rich-text schema, bound to the Yjs document (Collaboration), with
 * everyone's named carets (CollaborationCaret) and, on demand, each passage coloured by its author.
 */
export function PadEditor({ collab, title, editable, user, authorship, colors, onSelection, guarded = false, onPersonalInfo, focus }: PadEditorProps) {
  const { t } = usePadT();
  // The editor is built once per document: its handlers read the current props through this ref.
  const guard = useRef({ guarded, onPersonalInfo, warned: new Set<string>() });
  useEffect(() => {
    guard.current.guarded = guarded;
    guard.current.onPersonalInfo = onPersonalInfo;
  }, [guarded, onPersonalInfo]);
  /** Checks the paragraph the caret is in (cheap: one paragraph, when leaving it, never per keystroke). */
  const checkParagraph = (paragraph: string) => {
    const { current } = guard;
    if (!current.guarded || !current.onPersonalInfo) return;
    const fresh = detectPersonalInfo(paragraph).filter((match) => !current.warned.has(match.text));
    for (const match of fresh) current.warned.add(match.text);
    if (fresh.length > 0) current.onPersonalInfo([...new Set(fresh.map((match) => match.kind))]);
  };
  const editor = useEditor(
    {
      extensions: [
        ...richTextExtensions({ collaborative: true }),
        Collaboration.configure({ document: collab.doc, field: PAD_FRAGMENT }),
        CollaborationCaret.configure({ provider: collab.provider, user, render: (person) => caretElement(person, colors), selectionRender: (person) => selectionAttrs(person, colors) }),
        Placeholder.configure({ placeholder: t('page.placeholder') }),
        AuthorsHighlight,
      ],
      editable,
      immediatelyRender: true,
      editorProps: {
        attributes: {
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-label': t('page.editorLabel', { title }),
          class: 'pad-editor-content',
          'data-testid': 'pad-editor',
        },
        handleKeyDown: (view, event) => {
          if (event.key === 'Enter') checkParagraph(view.state.selection.$from.parent.textContent);
          return false;
        },
      },
      onFocus: () => {
        focus?.entered();
      },
      onBlur: ({ editor: current }) => {
        // Turning read-only takes the focus away: that is not the user leaving the text.
        if (current.isEditable) focus?.left();
        checkParagraph(current.state.selection.$from.parent.textContent);
      },
      onSelectionUpdate: ({ editor: current }) => {
        focus?.moved(current.state.selection.from);
        onSelection?.(selectedPieces(current));
      },
      onCreate: ({ editor: current }) => {
        if (!focus?.focused || !current.isEditable || !focusIsFree(current.view.dom)) return;
        current.commands.focus(Math.min(focus.at, current.state.doc.content.size));
      },
    },
    [collab.doc, collab.provider],
  );

  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    editor.setEditable(editable);
    editor.view.dom.setAttribute('aria-readonly', String(!editable));
    if (editable && focus?.focused && !editor.view.hasFocus() && focusIsFree(editor.view.dom)) {
      editor.commands.focus(Math.min(focus.at, editor.state.doc.content.size));
    }
  }, [editor, editable, focus]);

  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    editor.commands.setAuthorsSource(
      authorship
        ? { doc: collab.doc, index: new AuthorIndex(authorship), colors, label: (name) => (name ? t('authors.writtenBy', { name }) : t('authors.unknown')) }
        : null,
    );
  }, [editor, authorship, collab.doc, colors, t]);

  return (
    <Stack gap="xs">
      {editable && editor && <Toolbar editor={editor} />}
      <div className="pad-editor">
        <EditorContent editor={editor} />
      </div>
    </Stack>
  );
}
