import { Alert, Anchor, Badge, Button, Center, Group, Loader, Pagination, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import type { ErrorCode } from '../../../../shared/errors';
import type { ReasonCode } from '../../../../shared/moderation/types';
import { forumSettingsOf } from '../../../../shared/forum/settings';
import type { ForumModerationAction, ForumPostView } from '../../../../shared/forum/types';
import { apiRequest } from '../../lib/api';
import { MutedBanner, muteEndTime, useMutedUntil } from '../../lib/MutedBanner';
import { useMe } from '../auth/useSession';
import { AvailabilityNotice } from '../notifications/availability/AvailabilityNotice';
import { FORUM_POST_PARAM } from '../spaces/itemPath';
import { ReasonModal } from '../moderation/ReasonModal';
import { useForumSpace, useTopic } from './api';
import { forumErrorKey } from './errors';
import { useForumT } from './i18n';
import { forumPath } from './paths';
import { PostComposer } from './PostComposer';
import { postNoticeKey } from './notices';
import { PostItem } from './PostItem';
import { RevisionsModal } from './RevisionsModal';
import { useForumLive } from './useForumLive';

/** A topic: its posts page by page (new ones appear live), the reply editor, and the teacher's controls. */
export function TopicPage() {
  const { forumId = '', topicId = '' } = useParams();
  const { t, language } = useForumT();
  const self = useMe().user.id;
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  // `?message=<postId>` (from a notification): that post is scrolled to, on the page that holds it.
  const wanted = params.get(FORUM_POST_PARAM);
  const space = useForumSpace(forumId);
  const topicPage = useTopic(forumId, topicId, page);
  const { me, emit } = useForumLive(forumId);
  const muted = useMutedUntil((me ?? topicPage.data?.me)?.mutedUntil ?? null);
  const [quote, setQuote] = useState<ForumPostView | null>(null);
  const [editing, setEditing] = useState<ForumPostView | null>(null);
  const [revisionsOf, setRevisionsOf] = useState<string | null>(null);
  const [removing, setRemoving] = useState<{ post: ForumPostView; action: 'hide' | 'delete' | 'reject' } | null>(null);
  // A topic just opened arrives with what its author must be told (held for review, for personal information…).
  const arrival = (useLocation().state as { notice?: string } | null)?.notice;
  const [notice, setNotice] = useState<{ text: string; error: boolean } | null>(arrival ? { text: arrival, error: false } : null);
  const [now, setNow] = useState(() => Date.now());
  const data = topicPage.data;
  const highestSeq = data?.posts.at(-1)?.seq ?? 0;

  useEffect(() => {
    // The edit button goes away when the window closes.
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);

  // Once per post asked for: live changes to the page do not scroll back to it.
  const scrolledTo = useRef<string | null>(null);
  const askedFor = useRef<string | null>(null);
  useEffect(() => {
    if (!wanted || !data || scrolledTo.current === wanted) return;
    const post = data.posts.find((entry) => entry.id === wanted);
    if (post) {
      scrolledTo.current = wanted;
      const element = document.getElementById(`message-${post.seq}`);
      element?.scrollIntoView({ block: 'center' });
      element?.focus({ preventScroll: true });
      return;
    }
    // Not on this page: ask the server which page holds it, once (an explicit ?page= is left as it is).
    if (params.has('page') || askedFor.current === wanted) return;
    askedFor.current = wanted;
    apiRequest<{ page: number }>(`/api/forums/${encodeURIComponent(forumId)}/posts/${encodeURIComponent(wanted)}/page`).then(
      (found) => found.page !== page && setParams({ page: String(found.page), [FORUM_POST_PARAM]: wanted }, { replace: true }),
      () => undefined, // a post one may not see (or gone): the topic stays as it is
    );
  }, [wanted, data, page, params, setParams, forumId]);

  // Reading a page moves the unread marker up to its last post.
  useEffect(() => {
    if (highestSeq > (data?.topic.lastReadSeq ?? 0)) void emit('forum:markRead', { forumId, topicId, seq: highestSeq });
  }, [emit, forumId, topicId, highestSeq, data?.topic.lastReadSeq]);

  if (topicPage.isError || space.isError) {
    return (
      <Stack maw={900}>
        <Alert color="red" role="alert">
          {t('topic.notFound')}
        </Alert>
        <Anchor component={Link} to={forumPath(forumId)}>
          {t('topic.back')}
        </Anchor>
      </Stack>
    );
  }
  if (!data || !space.data) {
    return (
      <Center py="xl" role="status">
        <Loader aria-hidden="true" />
        <Text ml="sm">{t('forum.loading')}</Text>
      </Center>
    );
  }
  const rights = me ?? data.me;
  const settings = forumSettingsOf(space.data.settings);
  const { topic } = data;
  const open = !topic.locked && !topic.closed;
  const fail = (code: ErrorCode) => setNotice({ text: t(forumErrorKey(code)), error: true });
  const moderate = (post: ForumPostView, action: ForumModerationAction, reasonCode: ReasonCode) =>
    void emit('forum:moderate', { forumId, postId: post.id, action, reasonCode }).then((answer) => !answer.ok && fail(answer.code));
  const withinWindow = (post: ForumPostView) => now - post.createdAt <= settings.editWindowMinutes * 60_000;
  const state = (change: { pinned?: boolean; locked?: boolean; closed?: boolean; hidden?: boolean }) =>
    void emit('forum:topic', { forumId, topicId, ...change }).then((answer) => !answer.ok && fail(answer.code));

  return (
    <Stack gap="md" maw={900}>
      <title>{topic.title}</title>
      <Stack gap={0}>
        <Anchor component={Link} to={forumPath(forumId)} fz="sm">
          ← {t('topic.back')} · {space.data.title}
        </Anchor>
        <Group gap="xs" wrap="wrap">
          <Title order={1}>{topic.title}</Title>
          {topic.pinned && <Badge variant="light">{t('forum.pinned')}</Badge>}
          {topic.locked && <Badge color="orange" variant="light">{t('forum.locked')}</Badge>}
          {topic.closed && <Badge color="gray">{t('forum.closed')}</Badge>}
          {topic.status === 'pending' && <Badge color="yellow">{t('forum.pending')}</Badge>}
        </Group>
        {topic.pendingTitle && (
          <Text c="dimmed" fz="sm" data-testid="forum-pending-title">
            {t('topic.pendingTitle', { title: topic.pendingTitle })}
          </Text>
        )}
      </Stack>
      {rights.configurer && (
        <Group gap="xs">
          <Button size="xs" variant="light" onClick={() => state({ pinned: !topic.pinned })}>{topic.pinned ? t('topic.unpin') : t('topic.pin')}</Button>
          <Button size="xs" variant="light" onClick={() => state({ locked: !topic.locked })}>{topic.locked ? t('topic.unlock') : t('topic.lock')}</Button>
          <Button size="xs" variant="light" onClick={() => state({ closed: !topic.closed })}>{topic.closed ? t('topic.reopen') : t('topic.close')}</Button>
          {topic.status !== 'pending' && (
            <Button size="xs" variant="light" color="red" onClick={() => state({ hidden: topic.status !== 'hidden' })}>
              {topic.status === 'hidden' ? t('topic.show') : t('topic.hide')}
            </Button>
          )}
        </Group>
      )}
      {data.firstUnreadPage > page && (
        <Button variant="subtle" w="fit-content" onClick={() => setParams({ page: String(data.firstUnreadPage) })}>
          {t('topic.firstUnread')}
        </Button>
      )}
      {notice && (
        <Alert color={notice.error ? 'red' : 'green'} role={notice.error ? 'alert' : 'status'} withCloseButton onClose={() => setNotice(null)} data-testid="forum-notice">
          {notice.text}
        </Alert>
      )}
      <Stack gap="sm">
        {data.posts.map((post) =>
          editing?.id === post.id ? (
            <PostComposer
              key={post.id}
              rules={settings.rules}
              withTitle={post.seq === 1}
              initial={{ title: topic.pendingTitle ?? topic.title, body: post.pendingBody ?? post.body }}
              label={t('post.editPost')}
              submitLabel={t('editor.save')}
              onCancel={() => setEditing(null)}
              onSubmit={async (draft) => {
                const answer = await emit('forum:edit', { forumId, postId: post.id, body: draft.body, ...(post.seq === 1 ? { title: draft.title } : {}) });
                if (!answer.ok) return t(forumErrorKey(answer.code));
                setEditing(null);
                const told = postNoticeKey(answer.data.post, 'edit');
                if (told) setNotice({ text: t(told), error: false });
                return null;
              }}
            />
          ) : (
            <PostItem
              key={post.id}
              post={post}
              highlighted={post.id === wanted}
              me={rights}
              language={language}
              actions={{
                ...(rights.mayReply && (open || rights.configurer) ? { quote: () => setQuote(post) } : {}),
                ...((post.authorId === self && withinWindow(post) && open) || rights.configurer ? { edit: () => setEditing(post) } : {}),
                moderate: (action) =>
                  action === 'hide' || action === 'delete' || action === 'reject' ? setRemoving({ post, action }) : moderate(post, action, action === 'restore' ? 'erreur' : 'autre'),
                revisions: () => setRevisionsOf(post.id),
              }}
            />
          ),
        )}
      </Stack>
      {data.total > data.pageSize && (
        <nav aria-label={t('forum.pagination')}>
          <Pagination total={Math.ceil(data.total / data.pageSize)} value={page} onChange={(next) => setParams({ page: String(next) })} />
        </nav>
      )}
      {topic.locked && <Alert color="orange">{t('topic.lockedNotice')}</Alert>}
      {topic.closed && <Alert color="gray">{t('topic.closedNotice')}</Alert>}
      {muted !== null && <MutedBanner text={t('forum.muted', { time: muteEndTime(muted, language) })} testId="forum-muted" />}
      {rights.mayReply && (open || rights.configurer) && topic.authorId !== self && <AvailabilityNotice userId={topic.authorId} name={topic.authorName} />}
      {rights.mayReply && (open || rights.configurer) && (
        <PostComposer
          rules={settings.rules}
          label={t('editor.replyTitle')}
          disabled={muted !== null}
          submitLabel={t('editor.reply')}
          quote={quote}
          onRemoveQuote={() => setQuote(null)}
          onSubmit={async (draft) => {
            const answer = await emit('forum:reply', { forumId, topicId, key: draft.key, body: draft.body, ...(quote ? { quotePostId: quote.id } : {}) });
            if (!answer.ok) return t(forumErrorKey(answer.code));
            setQuote(null);
            setNotice({ text: t(postNoticeKey(answer.data.post, 'new') ?? 'editor.sent'), error: false });
            const lastPage = Math.ceil((data.total + 1) / data.pageSize);
            if (lastPage !== page) setParams({ page: String(lastPage) });
            return null;
          }}
        />
      )}
      <RevisionsModal forumId={forumId} postId={revisionsOf} onClose={() => setRevisionsOf(null)} />
      <ReasonModal
        title={removing?.action === 'hide' ? t('post.hide') : removing?.action === 'reject' ? t('post.reject') : t('post.remove')}
        opened={removing !== null}
        onClose={() => setRemoving(null)}
        onConfirm={(reason) => {
          if (removing) moderate(removing.post, removing.action, reason);
          setRemoving(null);
        }}
      />
    </Stack>
  );
}

