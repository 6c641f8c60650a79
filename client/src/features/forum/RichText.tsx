import { ActionIcon, Group, Input, Paper } from '@mantine/core';
import type { JSONContent } from '@tiptap/core';
import { EditorContent, useEditor } from '@tiptap/react';
import { createElement, Fragment, type ReactNode } from 'react';
import { ALLOWED_LINK, richTextExtensions } from '../../../../shared/richtext/extensions';
import type { RichTextDoc } from '../../../../shared/richtext/validate';
import { useForumT } from './i18n';

const MARKS: Record<string, string> = { bold: 'strong', italic: 'em', strike: 's', underline: 'u', code: 'code' };
const BLOCKS: Record<string, string> = { paragraph: 'p', bulletList: 'ul', orderedList: 'ol', listItem: 'li', blockquote: 'blockquote', hardBreak: 'br', horizontalRule: 'hr' };

function withMarks(text: ReactNode, marks: JSONContent['marks'], key: string): ReactNode {
  return (marks ?? []).reduce<ReactNode>((inner, mark, index) => {
    const k = `${key}m${index}`;
    if (mark.type === 'link') {
      const href = typeof mark.attrs?.href === 'string' ? mark.attrs.href : '';
      // Validated by the server already; checked again here, since this is what a child clicks.
      return ALLOWED_LINK.test(href) ? createElement('a', { key: k, href, target: '_blank', rel: 'noopener noreferrer nofollow' }, inner) : createElement(Fragment, { key: k }, inner);
    }
    const tag = MARKS[mark.type];
    return tag ? createElement(tag, { key: k }, inner) : createElement(Fragment, { key: k }, inner);
  }, text);
}

function render(node: JSONContent, key: string): ReactNode {
  if (node.type === 'text') return createElement(Fragment, { key }, withMarks(node.text ?? '', node.marks, key));
  const children = (node.content ?? []).map((child, index) => render(child, `${key}.${index}`));
  if (node.type === 'heading') return createElement(node.attrs?.level === 3 ? 'h4' : 'h3', { key }, children);
  if (node.type === 'codeBlock') return createElement('pre', { key }, createElement('code', null, children));
  const tag = BLOCKS[node.type ?? ''];
  if (tag === 'br' || tag === 'hr') return createElement(tag, { key });
  return tag ? createElement(tag, { key }, children) : createElement(Fragment, { key }, children);
}

/** A post's rich text as React elements, never as HTML: nothing in a stored document can run. */
export function RichTextView({ doc }: { doc: JSONContent }) {
  return <div className="forum-richtext" style={{ overflowWrap: 'anywhere' }}>{render(doc, 'n')}</div>;
}

/**
 * The post editor: Tiptap with Préau's extension list (the server validates against the same schema), a small
 * toolbar, and the text's plain version reported for the personal-information guard.
 */
export function RichTextEditor({ label, initial, onChange }: { label: string; initial?: RichTextDoc | null; onChange: (doc: RichTextDoc | null, plain: string) => void }) {
  const { t } = useForumT();
  const editor = useEditor({
    extensions: richTextExtensions(),
    content: initial ?? '',
    immediatelyRender: true,
    // The toolbar shows which styles are on where the cursor is.
    shouldRerenderOnTransaction: true,
    editorProps: { attributes: { role: 'textbox', 'aria-multiline': 'true', 'aria-label': label, class: 'forum-editor-content', style: 'min-height: 96px; outline: none;' } },
    onUpdate: ({ editor: current }) => onChange(current.isEmpty ? null : (current.getJSON() as RichTextDoc), current.getText()),
  });
  const tool = (name: string, labelKey: 'editor.bold' | 'editor.italic' | 'editor.bulletList' | 'editor.orderedList', glyph: string, run: () => void) => (
    <ActionIcon variant={editor.isActive(name) ? 'filled' : 'subtle'} aria-label={t(labelKey)} aria-pressed={editor.isActive(name)} onClick={run}>
      <span aria-hidden="true">{glyph}</span>
    </ActionIcon>
  );
  return (
    <Input.Wrapper label={label}>
      <Paper withBorder radius="md" p="xs">
        <Group gap={4} mb={4}>
          {tool('bold', 'editor.bold', 'G', () => editor.chain().focus().toggleBold().run())}
          {tool('italic', 'editor.italic', 'I', () => editor.chain().focus().toggleItalic().run())}
          {tool('bulletList', 'editor.bulletList', '•', () => editor.chain().focus().toggleBulletList().run())}
          {tool('orderedList', 'editor.orderedList', '⒈', () => editor.chain().focus().toggleOrderedList().run())}
        </Group>
        <EditorContent editor={editor} />
      </Paper>
    </Input.Wrapper>
  );
}
