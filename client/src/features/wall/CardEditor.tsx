import { Alert, Button, CloseButton, ColorSwatch, FileButton, Group, Image, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { EditorContent, useEditor } from '@tiptap/react';
import { useEffect, useRef, useState } from 'react';
import { richTextExtensions } from '../../../../shared/richtext/extensions';
import type { RichTextDoc } from '../../../../shared/richtext/validate';
import { WALL_LINK_MAX, WALL_LOCK_RENEW_MS, WALL_TITLE_MAX } from '../../../../shared/wall/limits';
import type { WallSection } from '../../../../shared/wall/settings';
import { WALL_COLORS, type UploadedFile, type WallAttachment, type WallCard, type WallColor } from '../../../../shared/wall/types';
import { useWallT } from './i18n';
import { CARD_COLORS } from './palette';
import { uploadWallFile } from './api';
import { FileIcon } from './icons';

/** What the user typed: kept across a conflict, so nothing is lost. */
export interface CardDraft {
  title: string;
  body: RichTextDoc | null;
  link: string;
  attachment: WallAttachment | null;
  color: WallColor;
  sectionId: string | null;
}

export type SaveResult = { ok: true } | { ok: false; conflict: boolean; message: string };

interface CardEditorProps {
  spaceId: string;
  /** The card being edited (null: a new card). */
  card: WallCard | null;
  /** The newest version of that card known live (to re-apply a draft after a conflict). */
  latest: WallCard | null;
  sections: WallSection[];
  showSections: boolean;
  pendingNotice: boolean;
  onSave: (draft: CardDraft, baseVersion: number | null) => Promise<SaveResult>;
  onClose: () => void;
  onRenewLock?: () => void;
}

const URL_OK = /^https?:\/\/[^\s]+$/i;

function initialDraft(card: WallCard | null, sections: WallSection[]): CardDraft {
  return {
    title: card?.title ?? '',
    body: card?.body ?? null,
    link: card?.link?.url ?? '',
    attachment: card?.attachment ?? null,
    color: card?.color ?? 'blanc',
    sectionId: card?.sectionId ?? sections[0]?.id ?? null,
  };
}

/** The card form: title, rich text (the shared editor schema), link, one image or PDF, colour, column. */
export function CardEditor({ spaceId, card, latest, sections, showSections, pendingNotice, onSave, onClose, onRenewLock }: CardEditorProps) {
  const { t } = useWallT();
  const [draft, setDraft] = useState<CardDraft>(() => initialDraft(card, sections));
  const [baseVersion, setBaseVersion] = useState<number | null>(card?.version ?? null);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [saving, setSaving] = useState(false);
  const [uploading, setUploading] = useState(false);
  const resetFile = useRef<() => void>(null);
  const editor = useEditor({
    extensions: richTextExtensions(),
    content: card?.body ?? '',
    immediatelyRender: true,
    editorProps: { attributes: { role: 'textbox', 'aria-multiline': 'true', 'aria-label': t('editor.body'), class: 'wall-editor-content' } },
    onUpdate: ({ editor: current }) => setDraft((previous) => ({ ...previous, body: current.isEmpty ? null : (current.getJSON() as RichTextDoc) })),
  });

  useEffect(() => {
    if (!onRenewLock) return;
    const timer = setInterval(onRenewLock, WALL_LOCK_RENEW_MS);
    return () => clearInterval(timer);
  }, [onRenewLock]);

  const linkInvalid = draft.link.trim() !== '' && !URL_OK.test(draft.link.trim());
  const empty = !draft.title.trim() && !draft.body && !draft.link.trim() && !draft.attachment;

  const pickFile = async (file: File | null) => {
    if (!file) return;
    setUploading(true);
    setError(null);
    const answer = await uploadWallFile(spaceId, file);
    setUploading(false);
    resetFile.current?.();
    if (answer.ok) {
      const uploaded: UploadedFile = answer.file;
      setDraft((previous) => ({ ...previous, attachment: uploaded }));
    } else setError(t(answer.reason));
  };

  const save = async () => {
    if (empty) {
      setError(t('editor.empty'));
      return;
    }
    setSaving(true);
    setError(null);
    const result = await onSave({ ...draft, title: draft.title.trim(), link: draft.link.trim() }, baseVersion);
    setSaving(false);
    if (result.ok) return;
    if (result.conflict) setConflict(true);
    else setError(result.message);
  };

  /** Takes the newest version as the base, and the user's own changes on top of it. */
  const reapply = () => {
    if (latest) setBaseVersion(latest.version);
    setConflict(false);
  };
  const discard = () => {
    const fresh = initialDraft(latest ?? card, sections);
    setDraft(fresh);
    editor?.commands.setContent(fresh.body ?? '');
    if (latest) setBaseVersion(latest.version);
    setConflict(false);
  };

  const toolbar: { key: 'editor.bold' | 'editor.italic' | 'editor.bulletList' | 'editor.orderedList'; label: string; run: () => void; active: boolean }[] = editor
    ? [
        { key: 'editor.bold', label: 'G', run: () => editor.chain().focus().toggleBold().run(), active: editor.isActive('bold') },
        { key: 'editor.italic', label: 'I', run: () => editor.chain().focus().toggleItalic().run(), active: editor.isActive('italic') },
        { key: 'editor.bulletList', label: '•', run: () => editor.chain().focus().toggleBulletList().run(), active: editor.isActive('bulletList') },
        { key: 'editor.orderedList', label: '1.', run: () => editor.chain().focus().toggleOrderedList().run(), active: editor.isActive('orderedList') },
      ]
    : [];

  return (
    <Modal opened onClose={onClose} title={card ? t('editor.editTitle') : t('editor.createTitle')} size="lg" fullScreen={typeof window !== 'undefined' && window.innerWidth < 576}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <Stack gap="sm">
          {conflict && (
            <Alert color="orange" title={t('editor.conflictTitle')} role="alert" data-testid="wall-conflict">
              <Text fz="sm" mb="xs">
                {t('editor.conflictText')}
              </Text>
              <Group gap="xs">
                <Button size="xs" onClick={reapply}>
                  {t('editor.conflictReload')}
                </Button>
                <Button size="xs" variant="default" onClick={discard}>
                  {t('editor.conflictDiscard')}
                </Button>
              </Group>
            </Alert>
          )}
          <TextInput label={t('editor.title')} value={draft.title} maxLength={WALL_TITLE_MAX} onChange={(event) => setDraft({ ...draft, title: event.currentTarget.value })} data-autofocus />
          <div>
            <Text component="label" fz="sm" fw={500}>
              {t('editor.body')}
            </Text>
            <Group gap={4} my={4} role="toolbar" aria-label={t('editor.body')}>
              {toolbar.map((button) => (
                <Button key={button.key} size="compact-sm" variant={button.active ? 'filled' : 'default'} aria-label={t(button.key)} aria-pressed={button.active} onClick={button.run} type="button">
                  {button.label}
                </Button>
              ))}
            </Group>
            <div className="wall-editor" style={{ border: '1px solid #ced4da', borderRadius: 6, padding: '6px 10px', minHeight: 100 }}>
              <EditorContent editor={editor} />
            </div>
          </div>
          <TextInput
            label={t('editor.link')}
            description={t('editor.linkHint')}
            placeholder="https://"
            value={draft.link}
            maxLength={WALL_LINK_MAX}
            error={linkInvalid ? t('editor.linkInvalid') : undefined}
            onChange={(event) => setDraft({ ...draft, link: event.currentTarget.value })}
            inputMode="url"
          />
          <div>
            <Text fz="sm" fw={500}>
              {t('editor.file')}
            </Text>
            <Text fz="xs" c="dimmed" mb={4}>
              {t('editor.fileHint')}
            </Text>
            {draft.attachment ? (
              <Group gap="xs">
                {draft.attachment.kind === 'image' ? (
                  <Image src={`/api/walls/${spaceId}/files/${draft.attachment.blobId}${draft.attachment.hasThumb ? '/thumb' : ''}`} alt="" h={80} w="auto" radius="sm" data-testid="wall-editor-preview" />
                ) : (
                  <Text fz="sm">
                    <FileIcon />
                    {draft.attachment.name}
                  </Text>
                )}
                <CloseButton aria-label={t('editor.removeFile')} onClick={() => setDraft({ ...draft, attachment: null })} />
              </Group>
            ) : (
              <FileButton onChange={(file) => void pickFile(file)} accept="image/jpeg,image/png,image/webp,image/gif,application/pdf" resetRef={resetFile}>
                {(props) => (
                  <Button {...props} variant="default" loading={uploading} data-testid="wall-file-button">
                    {uploading ? t('editor.uploading') : t('editor.file')}
                  </Button>
                )}
              </FileButton>
            )}
          </div>
          <div>
            <Text fz="sm" fw={500} id="wall-color-label">
              {t('editor.color')}
            </Text>
            <Group gap={6} mt={4} role="radiogroup" aria-labelledby="wall-color-label">
              {WALL_COLORS.map((color) => (
                <ColorSwatch
                  key={color}
                  component="button"
                  type="button"
                  color={CARD_COLORS[color]}
                  role="radio"
                  aria-checked={draft.color === color}
                  aria-label={t(`colors.${color}`)}
                  onClick={() => setDraft({ ...draft, color })}
                  style={{ border: draft.color === color ? '3px solid #2f5fd0' : '1px solid #adb5bd', cursor: 'pointer' }}
                />
              ))}
            </Group>
          </div>
          {showSections && !card && sections.length > 0 && (
            <Select
              label={t('editor.section')}
              data={sections.map((section) => ({ value: section.id, label: section.title }))}
              value={draft.sectionId}
              onChange={(value) => setDraft({ ...draft, sectionId: value })}
              allowDeselect={false}
            />
          )}
          {pendingNotice && !card && (
            <Text fz="sm" c="orange.9">
              {t('editor.pendingNotice')}
            </Text>
          )}
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={saving} disabled={uploading || linkInvalid || conflict} data-testid="wall-editor-save">
              {card ? t('editor.saveEdit') : t('editor.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
