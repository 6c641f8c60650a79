import { Anchor, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { FeedEntry } from '../../../../shared/family/types';
import { FAMILY_TIME_ZONE } from '../../../../shared/family/limits';
import type { FeatureT } from '../../i18n/feature';
import { useFamilyT } from './i18n';
import { entryPath } from './links';

/** What happened, in words (« Léa Martin a ajouté la carte « Mon chat » »): never a code. */
export function entryPhrase(t: FeatureT, entry: FeedEntry): string {
  const name = entry.authorName ?? t('entry.someone');
  const title = entry.title ?? '';
  switch (entry.kind) {
    case 'wallCard':
      return title ? t('entry.wallCardTitled', { name, title }) : t('entry.wallCard', { name });
    case 'wallComment':
      return title ? t('entry.wallCommentTitled', { name, title }) : t('entry.wallComment', { name });
    case 'forumTopic':
      return t('entry.forumTopic', { name, title });
    case 'forumPost':
      return t('entry.forumPost', { name, title });
    case 'pad':
      return entry.authorName ? t('entry.pad', { name }) : t('entry.padAnonymous');
  }
}

/** One contribution of the week: who, what, where and when, its excerpt and picture, and a link to it at its place. */
export function FeedEntryItem({ entry }: { entry: FeedEntry }) {
  const { t, language } = useFamilyT();
  const when = new Intl.DateTimeFormat(language, { weekday: 'long', hour: '2-digit', minute: '2-digit', timeZone: FAMILY_TIME_ZONE }).format(entry.at);
  return (
    <Paper component="li" withBorder radius="md" p="sm" data-testid="feed-entry" data-by-child={entry.byChild ? 'true' : 'false'}>
      <Group align="flex-start" wrap="nowrap" gap="sm">
        {entry.pictureUrl && (
          <img
            src={entry.pictureUrl}
            alt={entry.title ? t('entry.picture', { title: entry.title }) : t('entry.pictureUntitled')}
            width={64}
            height={64}
            loading="lazy"
            style={{ objectFit: 'cover', borderRadius: 8, flexShrink: 0 }}
          />
        )}
        <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
          <Group gap="xs" wrap="wrap">
            {entry.byChild && entry.authorName && (
              <Badge color="grape" variant="light" tt="none">
                {entry.authorName}
              </Badge>
            )}
            {entry.byTeacher && (
              <Badge color="teal" variant="light" tt="none">
                {t('entry.byTeacher')}
              </Badge>
            )}
            {entry.state !== 'visible' && (
              <Badge color="orange" variant="light" tt="none" data-testid="feed-entry-state">
                {entry.state === 'pending' ? t('entry.pending') : t('entry.hidden')}
              </Badge>
            )}
          </Group>
          <Anchor component={Link} to={entryPath(entry)} fw={600} style={{ overflowWrap: 'anywhere' }}>
            {entryPhrase(t, entry)}
          </Anchor>
          {entry.excerpt && (
            <Text lineClamp={3} style={{ overflowWrap: 'anywhere' }}>
              {entry.excerpt}
            </Text>
          )}
          <Text fz="sm" c="dimmed">
            {t('entry.space', { space: entry.space.title })} · {when}
          </Text>
        </Stack>
      </Group>
    </Paper>
  );
}
