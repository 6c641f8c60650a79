import { Badge, Blockquote, Button, Group, Paper, Stack, Text } from '@mantine/core';
import type { ForumMe, ForumPostView } from '../../../../shared/forum/types';
import { useForumT } from './i18n';
import { RichTextView } from './RichText';
import { ReportButton } from '../moderation/ReportButton';

export interface PostActions {
  quote?: () => void;
  edit?: () => void;
  moderate: (action: 'hide' | 'delete' | 'restore' | 'approve') => void;
  revisions: () => void;
}

/**
 * One post. Everyone sees « modifié »; moderators also see the removed original, its status, the personal
 * information flag and the earlier versions. Pupils and parents see « message supprimé par un modérateur ».
 */
export function PostItem({ post, me, actions, language }: { post: ForumPostView; me: ForumMe | null; actions: PostActions; language: string }) {
  const { t } = useForumT();
  const date = (at: number) => new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
  const removed = post.status === 'hidden' || post.status === 'deleted';
  return (
    <Paper component="article" id={`message-${post.seq}`} withBorder radius="md" p="md" data-testid="forum-post" data-seq={post.seq} data-status={post.status} aria-labelledby={`auteur-${post.id}`}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Group gap={6} wrap="wrap">
            <Text fw={700} id={`auteur-${post.id}`}>
              {post.authorName}
            </Text>
            <Text c="dimmed" fz="sm">
              {date(post.createdAt)}
            </Text>
            {post.edited && (
              <Text c="dimmed" fz="sm" fs="italic" title={post.editedAt ? t('post.editedAt', { date: date(post.editedAt) }) : undefined} data-testid="forum-edited">
                {t('post.edited')}
              </Text>
            )}
          </Group>
          <Group gap={4}>
            {post.status === 'pending' && <Badge color="yellow">{t('post.pending')}</Badge>}
            {me?.moderator && post.status === 'hidden' && <Badge color="gray">{t('post.hidden')}</Badge>}
            {me?.moderator && post.status === 'deleted' && <Badge color="red">{t('post.deleted')}</Badge>}
            {post.pii.length > 0 && <Badge color="orange" data-testid="forum-pii">{t('post.pii')}</Badge>}
          </Group>
        </Group>
        {post.quote && (
          <Blockquote p="xs" fz="sm">
            <Text fz="xs" c="dimmed" fs="italic">
              {t('post.wrote', { name: post.quote.authorName })}
            </Text>
            {post.quote.excerpt ?? <Text fs="italic" c="dimmed" fz="sm">{t('post.quoteRemoved')}</Text>}
          </Blockquote>
        )}
        {post.body ? (
          <div style={removed ? { opacity: 0.6, textDecoration: 'line-through' } : undefined}>
            <RichTextView doc={post.body} />
          </div>
        ) : (
          <Text fs="italic" c="dimmed" data-testid="forum-removed">
            {t('post.removedByModerator')}
          </Text>
        )}
        <Group gap="xs">
          {!removed && <ReportButton kind="forumPost" itemId={post.id} spaceId={post.forumId} />}
          {actions.quote && !removed && (
            <Button size="compact-sm" variant="subtle" onClick={actions.quote}>
              {t('post.quote')}
            </Button>
          )}
          {actions.edit && !removed && (
            <Button size="compact-sm" variant="subtle" onClick={actions.edit}>
              {t('post.edit')}
            </Button>
          )}
          {me?.moderator && post.status === 'pending' && (
            <Button size="compact-sm" variant="light" color="green" onClick={() => actions.moderate('approve')}>
              {t('post.approve')}
            </Button>
          )}
          {me?.moderator && (post.status === 'published' || post.status === 'pending') && (
            <Button size="compact-sm" variant="subtle" color="gray" onClick={() => actions.moderate('hide')}>
              {t('post.hide')}
            </Button>
          )}
          {me?.configurer && post.status !== 'deleted' && (
            <Button size="compact-sm" variant="subtle" color="red" onClick={() => actions.moderate('delete')}>
              {t('post.remove')}
            </Button>
          )}
          {me?.configurer && removed && (
            <Button size="compact-sm" variant="subtle" onClick={() => actions.moderate('restore')}>
              {t('post.restore')}
            </Button>
          )}
          {me?.moderator && post.revisionCount > 0 && (
            <Button size="compact-sm" variant="subtle" onClick={actions.revisions} data-testid="forum-revisions-button">
              {t('post.revisions', { count: post.revisionCount })}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
