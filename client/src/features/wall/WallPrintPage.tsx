import { Alert, Anchor, Button, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { wallSettingsOf } from '../../../../shared/wall/settings';
import type { WallExport } from '../../../../shared/wall/types';
import { formatDateTime } from '../../lib/format';
import { fetchPrintable } from './api';
import { LinkSummary } from './embeds/CardLink';
import { drawingAlt } from './drawing/DrawingField';
import { useWallT } from './i18n';
import { FileIcon } from './icons';
import { PrintedMedia } from './media/MediaPlayer';
import { columnsOf, streamCards } from './order';
import { wallPath } from './paths';
import { RichTextView } from './RichTextView';
import './wall.css';

type ExportedCard = WallExport['cards'][number];

function PrintCard({ card }: { card: ExportedCard }) {
  const { t, language } = useWallT();
  return (
    <article className="wall-print-card" style={{ border: '1px solid #adb5bd', borderRadius: 6, padding: 10 }} data-testid="wall-print-card">
      <Title order={3} fz="md">
        {card.title || t('card.untitled')}
      </Title>
      {card.attachment?.kind === 'image' && <img src={`/api/walls/${card.spaceId}/files/${card.attachment.blobId}`} alt={drawingAlt(t, card.attachment, card.authorName) ?? (card.title || card.attachment.name)} style={{ maxWidth: '100%', maxHeight: 240 }} />}
      {card.body && <RichTextView doc={card.body} />}
      {card.link && <LinkSummary link={card.link} />}
      {card.attachment && <PrintedMedia spaceId={card.spaceId} attachment={card.attachment} />}
      {card.attachment?.kind === 'pdf' && <Text fz="sm">
          <FileIcon />
          {card.attachment.name}
        </Text>}
      <Text fz="xs" c="dark.4">
        {t('card.by', { name: card.authorName })} · {formatDateTime(card.createdAt, language)}
        {card.status === 'pending' && ` · ${t('card.pending')}`}
      </Text>
      {card.comments.length > 0 && (
        <div style={{ marginTop: 6 }}>
          <Text fz="sm" fw={600}>
            {t('print.comments')}
          </Text>
          <ul style={{ margin: 0, paddingLeft: 18 }}>
            {card.comments.map((comment) => (
              <li key={comment.id}>
                <Text fz="sm" span>
                  {comment.text}
                </Text>{' '}
                <Text fz="xs" c="dark.4" span>
                  — {comment.authorName}, {formatDateTime(comment.createdAt, language)}
                </Text>
              </li>
            ))}
          </ul>
        </div>
      )}
    </article>
  );
}

/** A print-friendly view of a wall: every card (by column), with its author, time and comments. */
export function WallPrintPage() {
  const { spaceId = '' } = useParams();
  const { t, language } = useWallT();
  const data = useQuery({ queryKey: ['wall-print', spaceId], queryFn: ({ signal }) => fetchPrintable(spaceId, signal) });
  if (data.isPending) {
    return (
      <Center py="xl" role="status">
        <Loader aria-hidden="true" />
      </Center>
    );
  }
  if (data.isError || !data.data) return <Alert color="red">{t('page.notFound')}</Alert>;
  const wall = data.data;
  const settings = wallSettingsOf(wall.wall.settings);
  const columns = settings.layout === 'columns' ? columnsOf(settings.sections, wall.cards) : [{ id: 'all', title: null, cards: streamCards(wall.cards, settings.streamOrder) }];
  return (
    <Stack gap="md" maw={900}>
      <title>{t('print.pageTitle', { title: wall.wall.title })}</title>
      <Group className="wall-no-print">
        <Button onClick={() => window.print()}>{t('print.print')}</Button>
        <Anchor component={Link} to={wallPath(spaceId)}>
          {t('print.back')}
        </Anchor>
      </Group>
      <div>
        <Title order={1}>{wall.wall.title}</Title>
        <Text fz="sm" c="dimmed">
          {wall.wall.ownerName} · {t('print.exportedAt', { date: formatDateTime(wall.exportedAt, language) })}
        </Text>
      </div>
      {columns.map((column) => (
        <section key={column.id}>
          {column.id !== 'all' && (
            <Title order={2} fz="lg" mb="xs">
              {column.title ?? t('page.defaultColumn')}
            </Title>
          )}
          <Stack gap="sm">
            {(column.cards as ExportedCard[]).map((card) => (
              <PrintCard key={card.id} card={card} />
            ))}
          </Stack>
        </section>
      ))}
    </Stack>
  );
}
