import { Alert, Anchor, Badge, Button, Center, Group, Loader, Pagination, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { forumSettingsOf } from '../../../../shared/forum/settings';
import { MutedBanner, muteEndTime, useMutedUntil } from '../../lib/MutedBanner';
import type { ForumTopicView } from '../../../../shared/forum/types';
import { useForumSearch, useForumSpace, useTopics } from './api';
import { forumErrorKey } from './errors';
import { ForumSettings } from './ForumSettings';
import { useForumT } from './i18n';
import { forumPaths, topicPath } from './paths';
import { PostComposer } from './PostComposer';
import { postNoticeKey } from './notices';
import { useForumLive } from './useForumLive';
import { ArchivedNotice } from '../spaces/lifecycle/ArchivedNotice';

/** A forum: its topics (pinned first, unread marked), search, and a new topic under the forum's rules. */
export function ForumPage() {
  const { forumId = '' } = useParams();
  const { t, language } = useForumT();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const space = useForumSpace(forumId);
  const topics = useTopics(forumId, page);
  const { me, emit } = useForumLive(forumId);
  const muted = useMutedUntil((me ?? topics.data?.me)?.mutedUntil ?? null);
  const [writing, setWriting] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [searched, setSearched] = useState('');
  const search = useForumSearch(forumId, searched);
  const date = (at: number) => new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(at);

  if (space.isError || topics.isError) {
    return (
      <Stack maw={900}>
        <Alert color="red" role="alert">
          {t('forum.notFound')}
        </Alert>
        <Anchor component={Link} to={forumPaths.list}>
          {t('forum.back')}
        </Anchor>
      </Stack>
    );
  }
  if (!space.data || !topics.data) {
    return (
      <Center py="xl" role="status">
        <Loader aria-hidden="true" />
        <Text ml="sm">{t('forum.loading')}</Text>
      </Center>
    );
  }
  const settings = forumSettingsOf(space.data.settings);
  const rights = me ?? topics.data.me;
  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    setSearched(query.trim());
  };

  return (
    <Stack gap="lg" maw={1000}>
      <title>{space.data.title}</title>
      <Group justify="space-between" wrap="wrap">
        <Stack gap={0}>
          <Anchor component={Link} to={forumPaths.list} fz="sm">
            ← {t('forum.back')}
          </Anchor>
          <Title order={1}>{space.data.title}</Title>
          <ArchivedNotice space={space.data} />
        </Stack>
        <Group gap="xs">
          {rights.configurer && (
            <Button variant="light" onClick={() => setSettingsOpen(true)}>
              {t('forum.settings')}
            </Button>
          )}
          {rights.mayCreateTopic && !writing && (
            <Button onClick={() => setWriting(true)} disabled={muted !== null} data-testid="forum-new-topic">
              {t('forum.newTopic')}
            </Button>
          )}
        </Group>
      </Group>
      {!rights.mayCreateTopic && !rights.mayReply && <Text c="dimmed">{t('forum.readOnly')}</Text>}
      {muted !== null && <MutedBanner text={t('forum.muted', { time: muteEndTime(muted, language) })} testId="forum-muted" />}
      {settings.preModeration && !rights.configurer && <Text c="dimmed" fz="sm">{t('forum.preModeration')}</Text>}
      {writing && (
        <PostComposer
          rules={settings.rules}
          withTitle
          disabled={muted !== null}
          label={t('editor.body')}
          submitLabel={t('editor.publish')}
          onCancel={() => setWriting(false)}
          onSubmit={async (draft) => {
            const answer = await emit('forum:createTopic', { forumId, key: draft.key, title: draft.title, body: draft.body });
            if (!answer.ok) return t(forumErrorKey(answer.code));
            setWriting(false);
            const told = postNoticeKey(answer.data.post, 'new');
            void navigate(topicPath(forumId, answer.data.topic.id), told && told !== 'editor.sent' ? { state: { notice: t(told) } } : undefined);
            return null;
          }}
        />
      )}
      <form onSubmit={onSearch} role="search" aria-label={t('search.label')}>
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <TextInput label={t('search.label')} placeholder={t('search.placeholder')} value={query} onChange={(event) => setQuery(event.currentTarget.value)} style={{ flex: 1 }} maxLength={100} />
          <Button type="submit" variant="light" disabled={query.trim().length < 2}>
            {t('search.submit')}
          </Button>
          {searched && (
            <Button variant="subtle" onClick={() => (setSearched(''), setQuery(''))}>
              {t('search.clear')}
            </Button>
          )}
        </Group>
      </form>
      {searched && search.data && (
        <Stack gap="xs" component="section" aria-live="polite" data-testid="forum-search-results">
          <Text fw={600}>{search.data.results.length === 0 ? t('search.none') : t('search.results', { count: search.data.results.length })}</Text>
          {search.data.results.map((hit) => (
            <Paper key={hit.postId} withBorder p="sm" radius="md">
              <Anchor component={Link} to={topicPath(forumId, hit.topicId, hit.page, hit.seq)} fw={600}>
                {hit.authorName} — {t('search.inTopic', { title: hit.topicTitle })}
              </Anchor>
              <Text fz="sm">{hit.excerpt}</Text>
            </Paper>
          ))}
        </Stack>
      )}
      <Stack gap="xs" component="section" aria-label={t('forum.topics')}>
        {topics.data.topics.length === 0 && <Text c="dimmed">{t('forum.noTopics')}</Text>}
        {topics.data.topics.map((topic) => (
          <TopicRow key={topic.id} topic={topic} forumId={forumId} date={date} />
        ))}
      </Stack>
      {topics.data.total > topics.data.pageSize && (
        <nav aria-label={t('forum.pagination')}>
          <Pagination total={Math.ceil(topics.data.total / topics.data.pageSize)} value={page} onChange={(next) => setParams({ page: String(next) })} />
        </nav>
      )}
      {/* The draft follows newer versions by itself while untouched (a remount would drop a teacher's edits). */}
      {rights.configurer && <ForumSettings forum={space.data} opened={settingsOpen} onClose={() => setSettingsOpen(false)} />}
    </Stack>
  );
}

function TopicRow({ topic, forumId, date }: { topic: ForumTopicView; forumId: string; date: (at: number) => string }) {
  const { t } = useForumT();
  const unread = topic.lastSeq > topic.lastReadSeq;
  return (
    <Paper withBorder radius="md" p="md" data-testid="forum-topic" data-unread={unread}>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Group gap="xs" wrap="wrap">
          <Anchor component={Link} to={topicPath(forumId, topic.id)} fw={unread ? 800 : 600} fz="lg">
            {topic.title}
          </Anchor>
          {unread && <Badge color="blue">{t('forum.unread')}</Badge>}
          {topic.pinned && <Badge variant="light">{t('forum.pinned')}</Badge>}
          {topic.locked && <Badge color="orange" variant="light">{t('forum.locked')}</Badge>}
          {topic.closed && <Badge color="gray">{t('forum.closed')}</Badge>}
          {topic.status === 'pending' && <Badge color="yellow">{t('forum.pending')}</Badge>}
          {topic.status === 'hidden' && <Badge color="gray">{t('forum.hidden')}</Badge>}
        </Group>
        <Text c="dimmed" fz="sm">
          {t('forum.by', { name: topic.authorName })} · {t('forum.posts', { count: topic.postCount })} · {t('forum.lastActivity', { date: date(topic.lastPostAt) })}
        </Text>
      </Group>
    </Paper>
  );
}
