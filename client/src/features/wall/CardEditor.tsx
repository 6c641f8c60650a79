import { Alert, Button, CloseButton, ColorSwatch, FileButton, Group, Image, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { EditorContent, useEditor } from '@tiptap/react';
import { useEffect, useRef, useState } from 'react';
import { richTextExtensions } from '../../../../shared/richtext/extensions';
import { richTextToPlain, type RichTextDoc } from '../../../../shared/richtext/validate';
import { IMAGE_MAX_BYTES, PDF_MAX_BYTES, UPLOAD_MAX_BYTES, WALL_BODY_MAX_CHARS, WALL_FILE_TYPES, WALL_IMAGE_TYPES, WALL_LINK_MAX, WALL_LOCK_RENEW_MS, WALL_TITLE_MAX } from '../../../../shared/wall/limits';
import { normalizeLink } from '../../../../shared/wall/link';
import type { WallSection } from '../../../../shared/wall/settings';
import { WALL_COLORS, type UploadedFile, type WallAttachment, type WallCard, type WallColor } from '../../../../shared/wall/types';
import { TOUCH_TARGET_PX, touchTarget } from '../../app/layout/media';
import { useWallT, type WallKey } from './i18n';
import { limitWords } from './limitWords';
import { CARD_COLORS } from './palette';
import { uploadWallFile } from './api';
import { FileIcon } from './icons';
import { DrawingField } from './drawing/DrawingField';
import { MediaField } from './media/MediaField';

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

/** Refused before sending, by the type and size the browser gives (the server reads the bytes to be sure). */
function fileRefusal(file: File): WallKey | null {
  const image = (WALL_IMAGE_TYPES as readonly string[]).includes(file.type);
  if (file.type !== '' && !image && !(WALL_FILE_TYPES as readonly string[]).includes(file.type)) return 'upload.type';
  const max = image ? IMAGE_MAX_BYTES : file.type === 'application/pdf' ? PDF_MAX_BYTES : UPLOAD_MAX_BYTES;
  return file.size > max ? 'upload.tooLarge' : null;
}

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
  const { t, language } = useWallT();
  const limits = limitWords(t, language);
  const [draft, setDraft] = useState<CardDraft>(() => initialDraft(card, sections));
  const [baseVersion, setBaseVersion] = useState<number | null>(card?.version ?? null);
  const [error, setError] = useState<string | null>(null);
  // An error about the file is said under the file button, one about the text under the text: next to the field,
  // scrolled into view (on a tablet the dialog's fields scroll).
  const [fileError, setFileError] = useState<string | null>(null);
  const fileErrorRef = useRef<HTMLDivElement>(null);
  const bodyErrorRef = useRef<HTMLDivElement>(null);
  const [conflict, setConflict] = useState(false);
  const [saving, setSaving] = useState(false);
  const [uploading, setUploading] = useState(false);
  const [drawing, setDrawing] = useState(false);
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

  useEffect(() => {
    if (fileError) fileErrorRef.current?.scrollIntoView({ block: 'nearest' });
  }, [fileError]);

  const link = draft.link.trim() === '' ? '' : normalizeLink(draft.link);
  const linkInvalid = link === null;
  const bodyLength = draft.body ? richTextToPlain(draft.body).trim().length : 0;
  const bodyTooLong = bodyLength > WALL_BODY_MAX_CHARS;
  const empty = !draft.title.trim() && !draft.body && !draft.link.trim() && !draft.attachment;

  const pickFile = async (file: File | null) => {
    if (!file) return;
    setFileError(null);
    const refused = fileRefusal(file);
    if (refused) {
      resetFile.current?.();
      setFileError(t(refused, limits));
      return;
    }
    setUploading(true);
    const answer = await uploadWallFile(spaceId, file);
    setUploading(false);
    resetFile.current?.();
    if (answer.ok) {
      const uploaded: UploadedFile = answer.file;
      setDraft((previous) => ({ ...previous, attachment: uploaded }));
    } else setFileError(t(answer.reason, limits));
  };

  const save = async () => {
    if (empty) {
      setError(t('editor.empty'));
      return;
    }
    if (bodyTooLong || link === null) {
      bodyErrorRef.current?.scrollIntoView({ block: 'nearest' });
      return;
    }
    setSaving(true);
    setError(null);
    const result = await onSave({ ...draft, title: draft.title.trim(), link }, baseVersion);
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
        { key: 'editor.orderedList', label: '⒈', run: () => editor.chain().focus().toggleOrderedList().run(), active: editor.isActive('orderedList') },
      ]
    : [];

  return (
    <Modal opened onClose={onClose} closeOnEscape={!drawing} title={card ? t('editor.editTitle') : t('editor.createTitle')} size="lg" fullScreen={typeof window !== 'undefined' && window.innerWidth < 576}>
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
          <div data-testid="wall-body-field">
            <Text component="label" fz="sm" fw={500}>
              {t('editor.body')}
            </Text>
            <Group gap={4} my={4} role="toolbar" aria-label={t('editor.body')}>
              {toolbar.map((button) => (
                <Button key={button.key} size="compact-sm" variant={button.active ? 'filled' : 'default'} aria-label={t(button.key)} aria-pressed={button.active} onClick={button.run} type="button" style={touchTarget}>
                  {button.label}
                </Button>
              ))}
            </Group>
            <div className="wall-editor" style={{ border: '1px solid #ced4da', borderRadius: 6, padding: '6px 10px', minHeight: 100 }}>
              <EditorContent editor={editor} />
            </div>
            <div ref={bodyErrorRef} className="wall-editor-field-error">
              {bodyTooLong && (
                <Alert color="red" role="alert" py="xs" mt={4}>
                  {t('editor.bodyTooLong', { max: limits.text, count: new Intl.NumberFormat(language).format(bodyLength) })}
                </Alert>
              )}
            </div>
          </div>
          <TextInput
            label={t('editor.link')}
            description={t('editor.linkHint')}
            placeholder={t('editor.linkPlaceholder')}
            value={draft.link}
            maxLength={WALL_LINK_MAX}
            error={linkInvalid ? t('editor.linkInvalid') : undefined}
            onChange={(event) => setDraft({ ...draft, link: event.currentTarget.value })}
            inputMode="url"
          />
          <div data-testid="wall-file-field">
            <Text fz="sm" fw={500}>
              {t('editor.file')}
            </Text>
            <Text fz="xs" c="dimmed" mb={4}>
              {t('editor.fileHint', limits)}
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
                <CloseButton size={TOUCH_TARGET_PX} aria-label={t('editor.removeFile')} onClick={() => setDraft({ ...draft, attachment: null })} />
              </Group>
            ) : (
              <FileButton onChange={(file) => void pickFile(file)} accept={WALL_FILE_TYPES.join(',')} resetRef={resetFile}>
                {(props) => (
                  <Button {...props} variant="default" loading={uploading} data-testid="wall-file-button" style={touchTarget}>
                    {uploading ? t('editor.uploading') : t('editor.file')}
                  </Button>
                )}
              </FileButton>
            )}
            <DrawingField spaceId={spaceId} attachment={draft.attachment} onAttach={(file) => setDraft((previous) => ({ ...previous, attachment: file }))} onOpenChange={setDrawing} />
            <MediaField spaceId={spaceId} attachment={draft.attachment} onAttach={(file) => setDraft((previous) => ({ ...previous, attachment: file }))} onBusy={setUploading} />
            <div ref={fileErrorRef} className="wall-editor-field-error">
              {fileError && (
                <Alert color="red" role="alert" py="xs" mt={4}>
                  {fileError}
                </Alert>
              )}
            </div>
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
                  size={TOUCH_TARGET_PX}
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
          {/* Always in view, whatever the length of the text: the dialog's fields scroll above it (wall.css). */}
          <Stack gap="xs" className="wall-editor-footer">
            {error && (
              <Alert color="red" role="alert" py="xs">
                {error}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button type="submit" loading={saving} disabled={uploading || linkInvalid || conflict} data-testid="wall-editor-save" style={touchTarget}>
                {card ? t('editor.saveEdit') : t('editor.save')}
              </Button>
            </Group>
          </Stack>
        </Stack>
      </form>
    </Modal>
  );
}
