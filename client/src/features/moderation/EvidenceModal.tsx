import { Alert, Box, Modal, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { displayOf } from '../../../../shared/moderation/display';
import type { ModeratedKind } from '../../../../shared/moderation/types';
import { richTextToPlain, type RichTextDoc } from '../../../../shared/richtext/validate';
import { useFeatureT } from '../../i18n/feature';
import { moderationI18n } from './i18n';
import { apiRequest } from '../../lib/api';
import { ItemContent } from './ItemContent';

/** One kept original, as `GET /api/spaces/:id/evidence` returns it. */
interface Evidence {
  _id: string;
  itemType: ModeratedKind;
  original: Record<string, unknown>;
  action: string;
  reason: string | null;
  createdAt: number;
}

/** The original's text, whatever the kind: plain text, rich text, a card's title, body and link. */
export function originalText(original: Record<string, unknown>): string {
  const part = (value: unknown): string => {
    if (typeof value === 'string') return value;
    if (value && typeof value === 'object' && (value as { type?: unknown }).type === 'doc') return richTextToPlain(value as RichTextDoc).trim();
    if (value && typeof value === 'object' && typeof (value as { url?: unknown }).url === 'string') return (value as { url: string }).url;
    if (value && typeof value === 'object' && typeof (value as { name?: unknown }).name === 'string') return (value as { name: string }).name;
    return '';
  };
  return ['title', 'text', 'body', 'link', 'attachment'].map((key) => part(original[key])).filter(Boolean).join('\n');
}

/**
 * « Voir l'original »: what a moderated item held before each action on it, from the evidence store (the
 * teachers of the class and the director only; each read is logged), shown as its space showed it (its image,
 * its file, its text). Fetched when opened. Only the files the item still shows (`liveFiles`) are fetched: the
 * wall's file route refuses, and logs, a file its card no longer holds, so the others are named, not shown.
 */
export function EvidenceModal({ spaceId, itemId, kind, liveFiles, onClose }: { spaceId: string; itemId: string; kind: ModeratedKind; liveFiles: readonly string[]; onClose: () => void }) {
  const { t, language } = useFeatureT(moderationI18n);
  const [items, setItems] = useState<Evidence[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    apiRequest<Evidence[]>(`/api/spaces/${encodeURIComponent(spaceId)}/evidence?itemId=${encodeURIComponent(itemId)}`).then(
      (found) => live && setItems(found),
      (caught: unknown) => live && setError(caught),
    );
    return () => {
      live = false;
    };
  }, [spaceId, itemId]);
  const date = (at: number) => new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(at));

  return (
    <Modal opened onClose={onClose} title={t('evidence.title')} size="lg">
      <Stack gap="sm">
        <Text c="dimmed" fz="sm">
          {t('evidence.explain')}
        </Text>
        {error !== null && (
          <Alert color="red" variant="light" role="alert">
            {t('evidence.failed')}
          </Alert>
        )}
        {items === null && error === null && <Text role="status">{t('evidence.loading')}</Text>}
        {items?.length === 0 && <Text>{t('evidence.none')}</Text>}
        {items?.map((entry) => (
          <Stack key={entry._id} gap={2} data-testid="evidence-entry">
            <Text fw={700} fz="sm">
              {t('evidence.line', { action: t(`actions.${entry.action}`), reason: t(`reasons.${entry.reason ?? 'autre'}`), date: date(entry.createdAt) })}
            </Text>
            <Box bg="gray.0" p="xs" style={{ borderRadius: 4 }}>
              {originalText(entry.original) || displayOf(entry.original).attachment ? (
                <ItemContent display={displayOf(entry.original)} kind={entry.itemType ?? kind} spaceId={spaceId} fileGone={!liveFiles.includes(displayOf(entry.original).attachment?.blobId ?? '')} />
              ) : (
                <Text>{t('evidence.empty')}</Text>
              )}
            </Box>
          </Stack>
        ))}
      </Stack>
    </Modal>
  );
}
