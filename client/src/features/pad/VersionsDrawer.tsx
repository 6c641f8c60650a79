import { Alert, Badge, Button, Drawer, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { EditorContent, useEditor } from '@tiptap/react';
import { useState } from 'react';
import { PAD_VERSION_NAME_MAX } from '../../../../shared/pad/limits';
import type { PadVersionSummary } from '../../../../shared/pad/types';
import { richTextExtensions } from '../../../../shared/richtext/extensions';
import { usePadActions, usePadVersion, usePadVersions } from './api';
import { usePadT } from './i18n';

function VersionPreview({ content, label }: { content: Record<string, unknown>; label: string }) {
  const editor = useEditor({
    extensions: richTextExtensions(),
    content,
    editable: false,
    immediatelyRender: true,
    editorProps: { attributes: { role: 'document', 'aria-label': label, class: 'pad-editor-content pad-preview' } },
  });
  return <EditorContent editor={editor} />;
}

interface VersionsDrawerProps {
  spaceId: string;
  opened: boolean;
  onClose: () => void;
  /** Keep and restore versions: rewriting the class's text is for those who configure the pad (teachers). */
  canConfigure: boolean;
  onNotice: (text: string, error?: boolean) => void;
}

/** The pad's versions: list and read-only preview for every reader; named versions and restore for teachers. */
export function VersionsDrawer({ spaceId, opened, onClose, canConfigure, onNotice }: VersionsDrawerProps) {
  const { t, language } = usePadT();
  const versions = usePadVersions(spaceId, opened);
  const [previewId, setPreviewId] = useState<string | null>(null);
  const preview = usePadVersion(spaceId, previewId);
  const [confirm, setConfirm] = useState<PadVersionSummary | null>(null);
  const [name, setName] = useState('');
  const actions = usePadActions(spaceId);
  const date = (ts: number) => new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(ts);
  const label = (version: PadVersionSummary) => version.name ?? (version.kind === 'restore' ? t('versions.restore') : t('versions.auto'));

  const save = async () => {
    try {
      await actions.createVersion.mutateAsync(name.trim());
      onNotice(t('versions.saved', { name: name.trim() }));
      setName('');
    } catch {
      onNotice(t('moderation.failed'), true);
    }
  };
  const restore = async (version: PadVersionSummary) => {
    setConfirm(null);
    setPreviewId(null);
    try {
      await actions.restore.mutateAsync(version.id);
      onNotice(t('versions.restored'));
    } catch {
      onNotice(t('moderation.failed'), true);
    }
  };

  return (
    <Drawer opened={opened} onClose={onClose} title={t('versions.title')} position="right" size="md" closeButtonProps={{ 'aria-label': t('versions.close') }}>
      <Stack gap="md">
        {canConfigure && (
          <Group align="flex-end" gap="xs" wrap="nowrap">
            <TextInput
              label={t('versions.name')}
              placeholder={t('versions.namePlaceholder')}
              value={name}
              maxLength={PAD_VERSION_NAME_MAX}
              onChange={(event) => setName(event.currentTarget.value)}
              style={{ flex: 1 }}
            />
            <Button onClick={() => void save()} disabled={!name.trim()} loading={actions.createVersion.isPending}>
              {t('versions.save')}
            </Button>
          </Group>
        )}
        {versions.data?.length === 0 && <Text c="dimmed">{t('versions.empty')}</Text>}
        <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }} data-testid="pad-versions">
          {versions.data?.map((version) => (
            <Group component="li" key={version.id} justify="space-between" wrap="nowrap" gap="xs">
              <Stack gap={0}>
                <Text fw={600}>{label(version)}</Text>
                <Text fz="sm" c="dimmed">
                  {date(version.createdAt)}
                  {version.createdBy ? ` · ${t('versions.by', { name: version.createdBy.name })}` : ''}
                </Text>
                {version.redacted && (
                  <Badge variant="light" color="orange" w="fit-content">
                    {t('versions.redacted')}
                  </Badge>
                )}
              </Stack>
              <Button variant="light" size="compact-sm" onClick={() => setPreviewId(version.id)} aria-label={`${t('versions.preview')} : ${label(version)}, ${date(version.createdAt)}`}>
                {t('versions.preview')}
              </Button>
            </Group>
          ))}
        </Stack>
      </Stack>
      <Modal opened={previewId !== null} onClose={() => setPreviewId(null)} size="lg" title={preview.data ? t('versions.previewTitle', { date: date(preview.data.createdAt) }) : ''}>
        {preview.data && (
          <Stack>
            <VersionPreview key={preview.data.id} content={preview.data.content} label={t('versions.previewLabel')} />
            {canConfigure && (
              <Button color="orange" onClick={() => setConfirm(versions.data?.find((version) => version.id === previewId) ?? null)}>
                {t('versions.restoreAction')}
              </Button>
            )}
          </Stack>
        )}
      </Modal>
      <Modal opened={confirm !== null} onClose={() => setConfirm(null)} title={t('versions.restoreAction')}>
        <Stack>
          <Alert color="orange">{t('versions.restoreConfirm')}</Alert>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirm(null)}>
              {t('versions.cancel')}
            </Button>
            <Button color="orange" onClick={() => confirm && void restore(confirm)} loading={actions.restore.isPending}>
              {t('versions.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Drawer>
  );
}
