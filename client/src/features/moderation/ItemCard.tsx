import { Anchor, Badge, Box, Card, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { ItemState, ModeratedItemView, ModeratedKind } from '../../../../shared/moderation/types';
import type { SpaceKind } from '../../../../shared/spaces/types';
import { useFeatureT } from '../../i18n/feature';
import { moderationI18n } from './i18n';
import { SPACE_PATH_PREFIX, spacePath } from '../spaces/spacePath';
import { ItemContent } from './ItemContent';
import { LockControl } from './LockControl';
import type { ModerationConsole } from './useModeration';

const STATE_COLOR: Record<ItemState, string> = { visible: 'green.8', pending: 'yellow.8', hidden: 'orange.8', deleted: 'red.8' };

interface Props {
  /** The item as last seen (null: a reported item that no longer exists). */
  item: ModeratedItemView | null;
  kind: ModeratedKind;
  spaceId: string;
  /** When it happened (the item's creation, or the report's). */
  at: number;
  moderation: ModerationConsole;
  testId: string;
  /** The card's heading (a report's category); the item's author by default. */
  heading?: ReactNode;
  /** Shown above the content (who wrote it, when the heading is something else). */
  byline?: string;
  excerptTestId?: string;
  /** The actions (or a report's claim). */
  children?: ReactNode;
}

/** One item in the console: what and where, by whom and when, its state, its content as its space shows it, then what can be done. */
export function ItemCard({ item, kind, spaceId, at, moderation, testId, heading, byline, excerptTestId, children }: Props) {
  const { t, language } = useFeatureT(moderationI18n);
  const space = moderation.spaces[spaceId];
  const when = new Date(at);
  const linked = space && space.kind in SPACE_PATH_PREFIX;
  return (
    <Card withBorder radius="md" data-testid={testId}>
      <Group justify="space-between" wrap="wrap" gap="xs">
        {heading ?? <Text fw={700}>{item?.authorName ?? t('unknownAuthor')}</Text>}
        <Group gap={6}>
          <Badge variant="light">{t(`kinds.${kind}`)}</Badge>
          {item && (
            <Badge variant="outline" color={STATE_COLOR[item.state]}>
              {t(`states.${item.state}`)}
            </Badge>
          )}
          {item?.personalInfo && (
            <Badge color="red" variant="light" data-testid="personal-info-badge">
              {t('badges.personalInfo')}
            </Badge>
          )}
          {item?.pendingEdit && (
            <Badge color="yellow" variant="light" data-testid="pending-edit-badge">
              {t('badges.pendingEdit')}
            </Badge>
          )}
        </Group>
      </Group>
      <Group gap="xs" mt={2} wrap="wrap">
        <Text fz="sm" c="dimmed">
          {t('inSpace')}{' '}
          {linked ? (
            <Anchor component={Link} to={spacePath(space.kind as SpaceKind, space.id)} fz="sm">
              {space.title}
            </Anchor>
          ) : (
            (space?.title ?? t('unknownSpace'))
          )}{' '}
          · <time dateTime={when.toISOString()}>{new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' }).format(when)}</time>
        </Text>
        {space?.locked && (
          <Badge size="sm" color="gray" variant="light">
            {t('lock.locked')}
          </Badge>
        )}
        <LockControl space={space} moderation={moderation} />
      </Group>
      {byline && (
        <Text fz="sm" c="dimmed" mt={2}>
          {byline}
        </Text>
      )}
      {item ? (
        <ItemContent display={item.display} kind={item.kind} spaceId={item.spaceId} fileGone={item.state === 'deleted'} testId={excerptTestId} />
      ) : (
        <Text mt={4} c="dimmed" data-testid={excerptTestId}>
          {t('itemGone')}
        </Text>
      )}
      {/* An author's change waiting for review: others still read the content above until it is published. */}
      {item?.pendingEdit && item.pendingDisplay && (
        <Box mt={6} bg="yellow.0" p={6} data-testid="pending-edit" style={{ borderRadius: 4, borderLeft: '3px solid var(--mantine-color-yellow-6)' }}>
          <Text fz="sm" fw={600}>
            {t('pendingEditLabel')}
          </Text>
          <ItemContent display={item.pendingDisplay} kind={item.kind} spaceId={item.spaceId} />
        </Box>
      )}
      {children}
    </Card>
  );
}
