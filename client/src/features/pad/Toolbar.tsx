import { Button, Group } from '@mantine/core';
import { useEditorState, type Editor } from '@tiptap/react';
import type { PadKey } from './i18n';
import { usePadT } from './i18n';

interface Tool {
  key: PadKey;
  glyph: string;
  active?: (editor: Editor) => boolean;
  run: (editor: Editor) => void;
}

const TOOLS: Tool[] = [
  { key: 'toolbar.bold', glyph: 'G', active: (e) => e.isActive('bold'), run: (e) => e.chain().focus().toggleBold().run() },
  { key: 'toolbar.italic', glyph: 'I', active: (e) => e.isActive('italic'), run: (e) => e.chain().focus().toggleItalic().run() },
  { key: 'toolbar.strike', glyph: 'S', active: (e) => e.isActive('strike'), run: (e) => e.chain().focus().toggleStrike().run() },
  { key: 'toolbar.heading2', glyph: 'T', active: (e) => e.isActive('heading', { level: 2 }), run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run() },
  { key: 'toolbar.heading3', glyph: 't', active: (e) => e.isActive('heading', { level: 3 }), run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run() },
  { key: 'toolbar.bulletList', glyph: '•', active: (e) => e.isActive('bulletList'), run: (e) => e.chain().focus().toggleBulletList().run() },
  { key: 'toolbar.orderedList', glyph: '⒈', active: (e) => e.isActive('orderedList'), run: (e) => e.chain().focus().toggleOrderedList().run() },
  { key: 'toolbar.blockquote', glyph: '❝', active: (e) => e.isActive('blockquote'), run: (e) => e.chain().focus().toggleBlockquote().run() },
  { key: 'toolbar.undo', glyph: '↶', run: (e) => e.chain().focus().undo().run() },
  { key: 'toolbar.redo', glyph: '↷', run: (e) => e.chain().focus().redo().run() },
];

/** Formatting buttons (only shown to those who may write). Each says what it does and whether it is on. */
export function Toolbar({ editor }: { editor: Editor }) {
  const { t } = usePadT();
  const active = useEditorState({ editor, selector: ({ editor: current }) => TOOLS.map((tool) => tool.active?.(current) ?? false) });
  return (
    <Group role="toolbar" aria-label={t('toolbar.label')} gap={4} wrap="wrap">
      {TOOLS.map((tool, index) => (
        <Button
          key={tool.key}
          size="compact-md"
          variant={active[index] ? 'filled' : 'default'}
          aria-label={t(tool.key)}
          title={t(tool.key)}
          aria-pressed={tool.active ? active[index] : undefined}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => tool.run(editor)}
          fw={tool.key === 'toolbar.bold' ? 800 : 500}
          fs={tool.key === 'toolbar.italic' ? 'italic' : undefined}
          td={tool.key === 'toolbar.strike' ? 'line-through' : undefined}
          miw={40}
        >
          {tool.glyph}
        </Button>
      ))}
    </Group>
  );
}
